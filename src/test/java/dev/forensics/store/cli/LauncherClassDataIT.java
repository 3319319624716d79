package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.forensics.store.testing.ScratchMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive (ADR-017), through {@code bin/forensics-store} as a process, on a copy of the jar in
 * a test folder so that the archive lands there: it is made on first use, it is really mapped by later runs (they run
 * with {@code -Xshare:on}, which makes the JVM refuse to start when the archive cannot be used), picocli's Java 5 class
 * files come from it (a dynamic archive refuses them), one made under the ingest's JVM options serves the other commands
 * and the other way round, two launchers making it at once leave one usable archive, it is made again for a newer jar
 * or another JDK, nothing is tried in a folder that is not writable, and the CLI answers the same with and without it.
 * The same for sqlite-jdbc's native library, which the launcher keeps in a folder beside the jar.
 */
class LauncherClassDataIT {
    private static final String SHARED = "picocli.CommandLine source: shared objects file";
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Path MODULES = Path.of(System.getProperty("java.home"), "lib", "modules");

    @TempDir
    Path dir;

    @BeforeAll
    static void requireTheJar() {
        assertThat(JarCli.JAR).as("run `mvn package` first: the shaded jar").exists();
    }

    @Test
    void theFirstRunMakesTheArchiveAndLaterRunsMapIt() throws Exception {
        Path jar = Files.copy(JarCli.JAR, dir.resolve("forensics-store.jar"));
        Path db = dir.resolve("forensics.db");

        Cli.Result first = launcher(jar, Map.of(), "migrate", "--db", db.toString());
        Cli.Result mapped = launcher(jar, Map.of("JAVA_OPTS", "-Xshare:on"), "stats", "--db", db.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(dir.resolve("forensics-store.jar.jsa")).isRegularFile();
        assertThat(mapped.exitCode()).as(mapped.err()).isZero();
        assertThat(mapped.out()).contains("schema_version");
    }

    @Test
    void picocliIsMappedFromTheArchiveNotReadFromTheJar() throws Exception {
        // JDK 17's dynamic archive refuses picocli's Java 5 class files; the launcher's static archive takes them.
        Path jar = Files.copy(JarCli.JAR, dir.resolve("forensics-store.jar"));
        launcher(jar, Map.of(), "--version");

        Cli.Result logged = launcher(jar, Map.of("JAVA_OPTS", "-Xlog:class+load=info"), "--version");

        assertThat(logged.exitCode()).as(logged.err()).isZero();
        assertThat(picocliLoads(logged)).singleElement(as(STRING)).endsWith(SHARED);
    }

    @Test
    void theArchiveMadeByAnIngestServesTheOtherCommandsAndTheirsTheIngest() throws Exception {
        // An ingest runs with both compilers, the other commands with the client compiler only (ADR-017 item 5); the
        // archive is made by whichever runs first and has to serve both.
        Path first = Files.createDirectories(dir.resolve("ingest-first"));
        Path second = Files.createDirectories(dir.resolve("version-first"));
        Path input = Files.writeString(
                dir.resolve("articles.jsonl"),
                "{\"url\": \"https://x.test/a\", \"title\": \"t\", \"author\": \"A B\","
                        + " \"published_at\": \"2024-05-01T12:00:00Z\", \"body\": \"b\"}\n");
        Path byIngest = Files.copy(JarCli.JAR, first.resolve("forensics-store.jar"));
        Path byVersion = Files.copy(JarCli.JAR, second.resolve("forensics-store.jar"));
        launcher(byIngest, Map.of(), "--db", first.resolve("a.db").toString(), "ingest", input.toString());
        launcher(byVersion, Map.of(), "--version");

        Map<String, String> logging = Map.of("JAVA_OPTS", "-Xlog:class+load=info");
        Cli.Result version = launcher(byIngest, logging, "--version");
        Cli.Result ingest =
                launcher(byVersion, logging, "--db", second.resolve("b.db").toString(), "ingest", input.toString());

        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(picocliLoads(version)).singleElement(as(STRING)).endsWith(SHARED);
        assertThat(picocliLoads(ingest)).singleElement(as(STRING)).endsWith(SHARED);
    }

    @Test
    void twoLaunchersStartingAtOnceOnANewJarLeaveOneUsableArchiveAndNoTemporaryFiles() throws Exception {
        Path jar = Files.copy(JarCli.JAR, dir.resolve("forensics-store.jar"));
        Path stdin = Files.writeString(dir.resolve("empty-stdin.txt"), "");
        Map<String, String> env = Map.of("FORENSICS_STORE_JAR", jar.toString());
        List<String> version = List.of("/bin/sh", JarCli.LAUNCHER.toString(), "--version");

        JarCli.Running one = JarCli.start(dir, env, version, stdin);
        JarCli.Running other = JarCli.start(dir, env, version, stdin);
        Cli.Result oneResult = one.finish();
        Cli.Result otherResult = other.finish();
        Cli.Result mapped = launcher(jar, Map.of("JAVA_OPTS", "-Xshare:on"), "--version");

        assertThat(oneResult.exitCode()).as(oneResult.err()).isZero();
        assertThat(otherResult).isEqualTo(oneResult);
        assertThat(mapped.exitCode()).as(mapped.err()).isZero();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .contains("forensics-store.jar.jsa")
                    .noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void aJarNewerThanTheArchiveGetsANewArchive() throws Exception {
        Path jar = Files.copy(JarCli.JAR, dir.resolve("forensics-store.jar"));
        launcher(jar, Map.of(), "--version");
        Path archive = dir.resolve("forensics-store.jar.jsa");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

        Cli.Result rebuilt = launcher(jar, Map.of("JAVA_OPTS", "-Xshare:on"), "--version");

        assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(Files.getLastModifiedTime(jar));
    }

    @Test
    void anArchiveStampedWithAnotherJdkIsMadeAgain() throws Exception {
        // The JVM maps a static archive only with the JDK that made it; the stamp beside it carries the time of that
        // JDK's class image (lib/modules), so a stamp with another time stands for another JDK, or an upgrade.
        Path jar = Files.copy(JarCli.JAR, dir.resolve("forensics-store.jar"));
        Map<String, String> thisJdk = Map.of("JAVA", JAVA.toString());
        launcher(jar, thisJdk, "--version");
        Path archive = dir.resolve("forensics-store.jar.jsa");
        Path stamp = dir.resolve("forensics-store.jar.jsa.jdk");
        assertThat(stamp).as("the stamp of the JDK that made the archive").isRegularFile();
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));
        Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2022-01-01T00:00:00Z")));
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

        Cli.Result again = launcher(jar, thisJdk, "--version");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.getLastModifiedTime(archive))
                .isGreaterThan(FileTime.from(Instant.parse("2022-01-01T00:00:00Z")));
        assertThat(Files.getLastModifiedTime(stamp)).isEqualTo(Files.getLastModifiedTime(MODULES));
    }

    @Test
    void aFolderThatIsNotWritableGetsNoTrainingRunAndItsStaleArchiveIsLeftOut() throws Exception {
        // A stale static archive would make the JVM run with no shared classes at all, not even the JDK's own.
        Path calls = dir.resolve("java-calls.txt");
        Path java = Files.writeString(
                dir.resolve("java"), "#!/bin/sh\necho \"$*\" >> '" + calls + "'\nexec '" + JAVA + "' \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("read-only"), "40m")) {
            Path jar = Files.copy(JarCli.JAR, mount.path().resolve("forensics-store.jar"));
            Path stale = Files.writeString(mount.path().resolve("forensics-store.jar.jsa"), "made for an older jar");
            Files.setLastModifiedTime(stale, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
            mount.remountReadOnly();

            Cli.Result result = launcher(jar, Map.of("JAVA", java.toString()), "--version");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(Files.readAllLines(calls))
                    .as("the launcher's java commands")
                    .isNotEmpty()
                    .noneMatch(line -> line.contains("ClassDataTraining") || line.contains("-Xshare:dump"))
                    .noneMatch(line -> line.contains("-XX:SharedArchiveFile"));
        }
    }

    @Test
    void theCliAnswersTheSameWithAndWithoutTheArchive() throws Exception {
        Path jar = Files.copy(JarCli.JAR, dir.resolve("forensics-store.jar"));
        Path db = dir.resolve("forensics.db");
        launcher(jar, Map.of("FORENSICS_STORE_CDS", "off"), "migrate", "--db", db.toString());

        Cli.Result without = launcher(
                jar,
                Map.of("FORENSICS_STORE_CDS", "off"),
                "cache",
                "get",
                "--url",
                "https://x.test/a",
                "--db",
                db.toString());
        Cli.Result with = launcher(jar, Map.of(), "cache", "get", "--url", "https://x.test/a", "--db", db.toString());

        assertThat(dir.resolve("forensics-store.jar.jsa")).isRegularFile();
        assertThat(with).isEqualTo(without);
        assertThat(with.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void theNativeLibraryIsLoadedFromBesideTheJarNotExtractedAtEachStart() throws Exception {
        Path jar = Files.copy(JarCli.JAR, dir.resolve("forensics-store.jar"));
        Path db = dir.resolve("forensics.db");
        // sqlite-jdbc extracts its library into org.sqlite.tmpdir when it has to: a folder that cannot exist makes
        // every
        // extraction fail, so a command succeeds only when the library is loaded from the launcher's folder.
        Map<String, String> noExtraction = Map.of(
                "JAVA_OPTS",
                "-Dorg.sqlite.tmpdir=" + dir.resolve("not-a-folder").resolve("x"));

        Cli.Result cached = launcher(jar, noExtraction, "migrate", "--db", db.toString());
        Cli.Result extracting = launcher(
                jar,
                Map.of("FORENSICS_STORE_NATIVE", "off", "JAVA_OPTS", noExtraction.get("JAVA_OPTS")),
                "--db",
                db.toString(),
                "stats");

        assertThat(cached.exitCode()).as(cached.err()).isZero();
        assertThat(dir.resolve("forensics-store.jar.native").resolve(NativeLibraryExtraction.MARKER))
                .isRegularFile();
        assertThat(extracting.exitCode())
                .as("without the launcher's copy sqlite-jdbc must extract, and cannot: %s", extracting.err())
                .isNotZero();
    }

    @Test
    void aJarNewerThanTheNativeLibraryGetsItExtractedAgain() throws Exception {
        Path jar = Files.copy(JarCli.JAR, dir.resolve("forensics-store.jar"));
        launcher(jar, Map.of(), "--version");
        Path marker = dir.resolve("forensics-store.jar.native").resolve(NativeLibraryExtraction.MARKER);
        Files.setLastModifiedTime(marker, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

        Cli.Result again = launcher(jar, Map.of(), "--version");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.getLastModifiedTime(marker)).isGreaterThan(Files.getLastModifiedTime(jar));
    }

    /** The lines of {@code -Xlog:class+load} that say where {@code picocli.CommandLine} itself came from. */
    private static List<String> picocliLoads(Cli.Result logged) {
        return logged.out()
                .lines()
                .filter(line -> line.contains("] picocli.CommandLine source: "))
                .toList();
    }

    private Cli.Result launcher(Path jar, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return JarCli.launcher(dir, jar, env, args);
    }
}
