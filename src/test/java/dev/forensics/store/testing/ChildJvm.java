package dev.forensics.store.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real OS process running a {@code main} class of the test classpath ({@code java -cp <this JVM's classpath>}),
 * its standard output and error captured in files of a test directory. The one way tests start worker processes;
 * {@link #close()} kills it if it is still running.
 */
public final class ChildJvm implements AutoCloseable {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    /** Small, fast-starting JVMs: two cores are shared by many builds. */
    private static final List<String> JVM_OPTIONS =
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;

    private ChildJvm(String name, Process process, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * What a finished process did.
     *
     * @param exitCode its exit code
     * @param out      its standard output
     * @param err      its standard error
     */
    public record Result(int exitCode, String out, String err) {
        /** Standard output as lines. */
        public List<String> outLines() {
            return out.lines().toList();
        }
    }

    /** Starts {@code mainClass} with {@code args}; its output goes to files in {@code dir}. */
    public static ChildJvm start(Path dir, Class<?> mainClass, String... args) {
        return start(dir, mainClass.getName(), args);
    }

    /** Starts the class named {@code mainClass} (for mains of src/main) with {@code args}. */
    public static ChildJvm start(Path dir, String mainClass, String... args) {
        return start(dir, System.getProperty("java.class.path"), mainClass, args);
    }

    /**
     * Starts {@code mainClass} on this JVM's classpath minus every entry whose path contains one of {@code excluded}
     * (e.g. {@code "/com/zaxxer/HikariCP/"}), to prove what the library does when an optional dependency is absent.
     */
    public static ChildJvm startWithout(Path dir, List<String> excluded, Class<?> mainClass, String... args) {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> excluded.stream().noneMatch(entry::contains))
                .collect(Collectors.joining(File.pathSeparator));
        return start(dir, classpath, mainClass.getName(), args);
    }

    /**
     * Starts {@code mainClass} with the folders {@code classpathFirst} ahead of this JVM's classpath: resources that only
     * this child should see (a Flyway callback, say).
     */
    public static ChildJvm startWithFirst(Path dir, List<Path> classpathFirst, Class<?> mainClass, String... args) {
        List<String> classpath = new ArrayList<>();
        classpathFirst.forEach(folder -> classpath.add(folder.toString()));
        classpath.add(System.getProperty("java.class.path"));
        return start(dir, String.join(File.pathSeparator, classpath), mainClass.getName(), args);
    }

    private static ChildJvm start(Path dir, String classpath, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(JAVA.toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        String name = mainClass.substring(mainClass.lastIndexOf('.') + 1);
        try {
            Path out = Files.createTempFile(dir, name, ".out");
            Path err = Files.createTempFile(dir, name, ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().remove("FORENSICS_DB");
            return new ChildJvm(name, builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
    }

    /** Starts {@code mainClass}, waits for it to end within {@code timeout}, and returns what it did. */
    public static Result run(Path dir, Duration timeout, Class<?> mainClass, String... args) {
        try (ChildJvm child = start(dir, mainClass, args)) {
            return child.await(timeout);
        }
    }

    /** The OS process. */
    public Process process() {
        return process;
    }

    /** Everything it printed on standard output so far. */
    public String out() {
        return read(out);
    }

    /** Everything it printed on standard error so far. */
    public String err() {
        return read(err);
    }

    /**
     * Waits until a line of its standard output starts with {@code prefix} and returns that line.
     *
     * @throws AssertionError when the process ends or {@code timeout} passes first (with its stderr)
     */
    public String awaitLine(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean alive = process.isAlive();
            for (String line : out().lines().toList()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            if (!alive || System.nanoTime() > deadline) {
                throw new AssertionError(name + " printed no line starting with '" + prefix + "' (alive: " + alive
                        + ")\nstdout: " + out() + "\nstderr: " + err());
            }
            sleep(2);
        }
    }

    /** Waits for the process to end within {@code timeout} and returns what it did; fails (killing it) when it does not. */
    public Result await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError(
                        name + " did not end within " + timeout + "\nstdout: " + out() + "\nstderr: " + err());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + name, e);
        }
        return new Result(process.exitValue(), out(), err());
    }

    /** SIGKILL ({@link Process#destroyForcibly()}), then waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                throw new AssertionError(name + " survived SIGKILL for five minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while killing " + name, e);
        }
    }

    /** Kills the process if it is still running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
