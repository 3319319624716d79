package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive (ADR-017), through {@code bin/forensics-store} as a process, on a copy of the jar in
 * a test folder so that the archive lands there: it is made on first use, it is really mapped by later runs (they run
 * with {@code -Xshare:on}, which makes the JVM refuse to start when the archive cannot be used), it is made again for
 * a newer jar, and the CLI answers the same with and without it. The same for sqlite-jdbc's native library, which the
 * launcher keeps in a folder beside the jar.
 */
class LauncherClassDataIT {
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

    private Cli.Result launcher(Path jar, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(env);
        all.put("FORENSICS_STORE_JAR", jar.toString());
        List<String> line = new ArrayList<>(List.of("/bin/sh", JarCli.LAUNCHER.toString()));
        line.addAll(List.of(args));
        return JarCli.start(dir, all, line, Files.writeString(dir.resolve("stdin.txt"), ""))
                .finish();
    }
}
