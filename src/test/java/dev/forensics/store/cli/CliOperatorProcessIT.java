package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as an operator meets it (issue 17), through the shaded jar and the launcher script as separate processes:
 * help and the names in pages and messages, the progress display, and what is left beside the database.
 */
class CliOperatorProcessIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void requireTheJar() {
        assertThat(JarCli.JAR).as("run `mvn package` first: the shaded jar").exists();
    }

    @Test
    void aSubcommandsHelpThroughTheJarExitsZeroAndNamesTheCommandAsTyped() throws Exception {
        Cli.Result result = JarCli.java(dir, Map.of(), "", "cache", "put", "--help");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .startsWith("Usage: java -jar " + JarCli.JAR + " cache put")
                .contains("--url=URL");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void helpCachePutThroughTheJarPrintsCachePutsPage() throws Exception {
        Cli.Result result = JarCli.java(dir, Map.of(), "", "help", "cache", "put");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .startsWith("Usage: java -jar " + JarCli.JAR + " cache put")
                .contains("--url=URL");
    }

    @Test
    void anErrorThroughTheJarSuggestsACommandThatCanBePastedAsIs() throws Exception {
        Cli.Result result = JarCli.java(
                dir, Map.of(), "", "stats", "--db", dir.resolve("missing.db").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(result.err())
                .contains("`java -jar " + JarCli.JAR + " migrate --db ")
                .doesNotContain("`forensics-store ");
    }

    @Test
    void theLauncherOnThePathRunsAsForensicsStore() throws Exception {
        Map<String, String> onPath = Map.of("PATH", JarCli.LAUNCHER.getParent() + ":" + System.getenv("PATH"));

        Cli.Result help = launcher(onPath, "forensics-store", "ingest", "-h");
        Cli.Result usageError = launcher(onPath, "forensics-store", "cache", "get");

        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: forensics-store ingest ");
        assertThat(usageError.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(usageError.err()).endsWith("(see `forensics-store cache get --help`)\n");
    }

    @Test
    void theLauncherRunByItsPathNamesThatPath() throws Exception {
        Cli.Result result = launcher(
                Map.of(),
                JarCli.LAUNCHER.toString(),
                "migrate",
                "--db",
                dir.resolve("forensics.db").toString());
        Cli.Result help = launcher(Map.of(), JarCli.LAUNCHER.toString(), "--help");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("is at schema version");
        assertThat(help.out()).startsWith("Usage: " + JarCli.LAUNCHER + " ");
    }

    @Test
    void theLauncherWithoutABuiltJarSaysHowToBuildIt() throws Exception {
        Cli.Result result = launcher(
                Map.of("FORENSICS_STORE_JAR", dir.resolve("absent.jar").toString()),
                JarCli.LAUNCHER.toString(),
                "stats");

        assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(result.err())
                .startsWith("error: " + dir.resolve("absent.jar") + " does not exist")
                .contains("mvn -B -q package -DskipTests");
    }

    @Test
    void anIngestWithProgressShowsBothPassesAndLeavesOneCleanLine() throws Exception {
        Path input = Articles.generate(dir.resolve("in.jsonl"), 2_000, 200);
        String db = dir.resolve("forensics.db").toString();

        Cli.Result first = JarCli.java(
                dir, Map.of(), "", "ingest", "--progress", "--batch-size", "100", "--db", db, input.toString());
        Cli.Result rerun = JarCli.java(dir, Map.of(), "", "ingest", "--progress", "--db", db, input.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).startsWith("\rvalidating: ");
        assertThat(Terminal.render(first.err()))
                .singleElement()
                .asString()
                .matches("\\[#{20}\\] 100%  2000/2000 records, \\d+ s");
        assertThat(rerun.out()).contains("inserted 0, updated 0, skipped 2000").doesNotContain("rows/s");
        assertThat(Terminal.render(rerun.err()))
                .singleElement()
                .asString()
                .startsWith("[####################] 100%  2000/2000 records");
    }

    @Test
    void migrateAndIngestThroughTheJarLeaveOnlyTheDatabaseBesideIt() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path input = Articles.lines(dir.resolve("in.jsonl"), List.of(Articles.line("https://a.example/1", "Ann")));

        JarCli.java(
                dir,
                Map.of(),
                "",
                "migrate",
                "--db",
                data.resolve("forensics.db").toString());
        Cli.Result ingest = JarCli.java(
                dir,
                Map.of(),
                "",
                "ingest",
                "--db",
                data.resolve("forensics.db").toString(),
                input.toString());

        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        try (var entries = Files.list(data)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("forensics.db");
        }
    }

    /** Runs {@code command ARGS} through {@code sh}, as typed at a prompt: a bare name is looked up on {@code env}'s PATH. */
    private Cli.Result launcher(Map<String, String> env, String command, String... args)
            throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("/bin/sh", "-c", command + " \"$@\"", "sh"));
        line.addAll(List.of(args));
        return JarCli.start(dir, env, line, Files.writeString(dir.resolve("stdin.txt"), ""))
                .finish();
    }
}
