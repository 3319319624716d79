package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options {@code bin/forensics-store} chooses (ADR-017 item 5), through the launcher as a process: a collector
 * chosen in {@code JAVA_OPTS} is the one the CLI runs with (the JVM refuses two), and the ingest's compiler options go
 * to the {@code ingest} command only, not to a command one of whose values happens to be the word {@code ingest}. A
 * {@code JAVA} wrapper logs the launcher's java command lines.
 */
class LauncherJvmOptionsIT {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @TempDir
    Path dir;

    @BeforeAll
    static void requireTheJar() {
        assertThat(JarCli.JAR).as("run `mvn package` first: the shaded jar").exists();
    }

    @Test
    void aCollectorChosenInJavaOptsIsTheOneTheCliRunsWith() throws Exception {
        Path jar = Files.copy(JarCli.JAR, dir.resolve("forensics-store.jar"));

        Cli.Result result = launcher(jar, Map.of("JAVA_OPTS", "-XX:+UseG1GC -Xlog:gc=info"), "--version");

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("Using G1").contains("forensics-store");
    }

    @Test
    void aValueNamedIngestDoesNotGiveAnotherCommandTheIngestsCompilerOptions() throws Exception {
        Path jar = Files.copy(JarCli.JAR, dir.resolve("forensics-store.jar"));
        Path db = dir.resolve("forensics.db");
        assertThat(launcher(jar, Map.of(), "migrate", "--db", db.toString()).exitCode())
                .isZero();

        Cli.Result export = launcher(jar, logged(), "--db", db.toString(), "export", "--to", "ingest");

        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(dir.resolve("ingest")).isRegularFile();
        assertThat(cliCommandLine()).contains("-XX:TieredStopAtLevel=1").doesNotContain("FreqInlineSize");
    }

    @Test
    void theIngestCommandAfterTheDatabaseOptionGetsTheIngestsCompilerOptions() throws Exception {
        Path jar = Files.copy(JarCli.JAR, dir.resolve("forensics-store.jar"));
        Path input = Files.writeString(
                dir.resolve("articles.jsonl"),
                "{\"url\": \"https://x.test/a\", \"author\": \"A B\", \"body\": \"b\"}\n");

        Cli.Result ingest =
                launcher(jar, logged(), "--db", dir.resolve("forensics.db").toString(), "ingest", input.toString());

        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(cliCommandLine()).contains("-XX:FreqInlineSize=60").doesNotContain("TieredStopAtLevel");
    }

    @Test
    void aNewerJdkRunsACommandWithoutWarningsAboutSqlitesNativeLibrary() throws Exception {
        // JDK 22+ warns on stderr (four lines) when a class path library calls System.load, as sqlite-jdbc does, unless
        // the executable jar's manifest enables native access.
        assumeTrue(Files.isExecutable(JDK_25), () -> {
            System.out.println("SKIPPED: no other JDK at " + JDK_25);
            return "no JDK 25 at " + JDK_25;
        });
        Path jar = Files.copy(JarCli.JAR, dir.resolve("forensics-store.jar"));
        Path db = dir.resolve("forensics.db");

        Cli.Result migrate = launcher(
                jar, Map.of("JAVA", JDK_25.toString(), "FORENSICS_STORE_CDS", "off"), "migrate", "--db", db.toString());

        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.err()).doesNotContain("restricted method").doesNotContain("enable-native-access");
    }

    /** A {@code JAVA} wrapper that appends each java command line to {@code java-calls.txt}, and no archive to make. */
    private Map<String, String> logged() throws IOException {
        Path java = Files.writeString(
                dir.resolve("java"),
                "#!/bin/sh\necho \"$*\" >> '" + dir.resolve("java-calls.txt") + "'\nexec '" + JAVA + "' \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        return Map.of("JAVA", java.toString(), "FORENSICS_STORE_CDS", "off");
    }

    /** The logged java command line that ran the CLI itself. */
    private String cliCommandLine() throws IOException {
        List<String> runs = Files.readAllLines(dir.resolve("java-calls.txt")).stream()
                .filter(line -> line.contains(" -jar "))
                .toList();
        assertThat(runs).as("the launcher's java -jar commands").hasSize(1);
        return runs.get(0);
    }

    private Cli.Result launcher(Path jar, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return JarCli.launcher(dir, jar, env, args);
    }
}
