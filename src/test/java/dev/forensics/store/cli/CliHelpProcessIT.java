package dev.forensics.store.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Help and command names through the shaded jar and the launcher script, as separate processes (issue 17): exit codes
 * and the name every page and message uses are what a user sees.
 */
class CliHelpProcessIT {
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
        assertThat(result.out()).startsWith("Usage: java -jar " + JarCli.JAR + " cache put").contains("--url=URL");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void helpCachePutThroughTheJarPrintsCachePutsPage() throws Exception {
        Cli.Result result = JarCli.java(dir, Map.of(), "", "help", "cache", "put");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Usage: java -jar " + JarCli.JAR + " cache put").contains("--url=URL");
    }

    @Test
    void anErrorThroughTheJarSuggestsACommandThatCanBePastedAsIs() throws Exception {
        Cli.Result result = JarCli.java(dir, Map.of(), "", "stats", "--db", dir.resolve("missing.db").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(result.err()).contains("`java -jar " + JarCli.JAR + " migrate --db ").doesNotContain("`forensics-store ");
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
        Cli.Result result = launcher(Map.of(), JarCli.LAUNCHER.toString(), "migrate", "--db", dir.resolve("forensics.db").toString());
        Cli.Result help = launcher(Map.of(), JarCli.LAUNCHER.toString(), "--help");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("is at schema version");
        assertThat(help.out()).startsWith("Usage: " + JarCli.LAUNCHER + " ");
    }

    @Test
    void theLauncherWithoutABuiltJarSaysHowToBuildIt() throws Exception {
        Cli.Result result = launcher(Map.of("FORENSICS_STORE_JAR", dir.resolve("absent.jar").toString()), JarCli.LAUNCHER.toString(), "stats");

        assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(result.err()).startsWith("error: " + dir.resolve("absent.jar") + " does not exist").contains("mvn -B -q package -DskipTests");
    }

    /** Runs {@code command ARGS} through {@code sh}, as typed at a prompt: a bare name is looked up on {@code env}'s PATH. */
    private Cli.Result launcher(Map<String, String> env, String command, String... args) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("/bin/sh", "-c", command + " \"$@\"", "sh"));
        line.addAll(List.of(args));
        return JarCli.start(dir, env, line, Files.writeString(dir.resolve("stdin.txt"), "")).finish();
    }
}
