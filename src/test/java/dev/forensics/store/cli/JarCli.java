package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shaded {@code target/forensics-store.jar} (or the launcher script in {@code bin/}) as a separate OS process,
 * as a user would, with standard output and error captured in files of a test directory. For the failsafe {@code *IT}
 * tests, which run after {@code package}.
 */
final class JarCli {
    /** The jar that {@code mvn package} built. */
    static final Path JAR = Path.of(System.getProperty("forensics.jar", "target/forensics-store.jar"))
            .toAbsolutePath();
    /** The launcher script of ADR-016. */
    static final Path LAUNCHER = Path.of("bin", "forensics-store").toAbsolutePath();

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private JarCli() {}

    /**
     * A started process and the files its standard output and error go to.
     *
     * @param process the running process
     * @param out     its standard output
     * @param err     its standard error
     */
    record Running(Process process, Path out, Path err) {
        /** Waits for the process to end (5 minutes at most, a hung process fails the test) and returns what it did. */
        Cli.Result finish() throws IOException, InterruptedException {
            assertThat(process.waitFor(5, TimeUnit.MINUTES))
                    .as("the command finished")
                    .isTrue();
            return new Cli.Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }
    }

    /** {@code java -jar forensics-store.jar ARGS} with {@code stdin} as standard input; waits for it and returns what it did. */
    static Cli.Result java(Path dir, Map<String, String> env, String stdin, String... args)
            throws IOException, InterruptedException {
        Path in = Files.writeString(Files.createTempFile(dir, "stdin", ".txt"), stdin, StandardCharsets.UTF_8);
        return start(dir, env, javaJar(List.of(args)), in).finish();
    }

    /** The command line {@code java -jar <absolute jar path> ARGS}. */
    static List<String> javaJar(List<String> args) {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString()));
        command.addAll(args);
        return command;
    }

    /**
     * Starts {@code command} without {@code FORENSICS_DB} in its environment (plus {@code env}), reading {@code stdin};
     * its output goes to files in {@code dir}.
     */
    static Running start(Path dir, Map<String, String> env, List<String> command, Path stdin) throws IOException {
        return start(dir, env, command, stdin, null);
    }

    private static Running start(Path dir, Map<String, String> env, List<String> command, Path stdin, Path workDir)
            throws IOException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(stdin.toFile());
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        builder.environment().remove("FORENSICS_DB");
        builder.environment().putAll(env);
        return new Running(builder.start(), out, err);
    }

    /**
     * Runs {@code bin/forensics-store} with {@code args} in {@code dir} (its working directory, where its output files
     * go too) on {@code jar} (FORENSICS_STORE_JAR), with {@code env} added and empty standard input, and waits for it.
     */
    static Cli.Result launcher(Path dir, Path jar, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("FORENSICS_STORE_JAR", jar.toString());
        List<String> line = new java.util.ArrayList<>(List.of("/bin/sh", LAUNCHER.toString()));
        line.addAll(List.of(args));
        return start(dir, all, line, Files.writeString(dir.resolve("stdin.txt"), ""), dir)
                .finish();
    }
}
