package dev.forensics.store.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micrometer is optional: the library loads and works in a real JVM whose classpath lacks it, and its slow-transaction
 * log names the caller outside the library.
 */
class NoMicrometerProcessTest {
    @TempDir
    Path dir;

    @Test
    void theLibraryWorksWithoutMicrometerOnTheClasspathAndLogsSlowTransactionsWithTheirCaller() throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("micrometer"))
                .collect(Collectors.joining(File.pathSeparator));
        Path out = dir.resolve("worker.out");
        Path err = dir.resolve("worker.err");
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        classpath,
                        NoMicrometerWorker.class.getName(),
                        dir.resolve("forensics.db").toString()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);

        assertThat(ended).as("worker ended; stderr: %s", stderr).isTrue();
        assertThat(process.exitValue()).as("exit code; stderr: %s", stderr).isZero();
        assertThat(stdout).contains("MICROMETER absent=true").contains("DONE cached=true");
        assertThat(stderr)
                .contains("Slow transaction on " + dir.resolve("forensics.db"))
                .contains("called from " + NoMicrometerWorker.class.getName() + ".main(NoMicrometerWorker.java:");
    }
}
