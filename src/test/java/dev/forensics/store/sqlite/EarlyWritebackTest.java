package dev.forensics.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The early writeback of a private build (ADR-019): it holds one descriptor of the file while it runs, none after. */
class EarlyWritebackTest {
    @TempDir
    Path dir;

    @Test
    void itHoldsOneDescriptorOfTheFileWhileRunningAndNoneOnceClosed() throws IOException {
        Path file = Files.write(dir.resolve("build.tmp"), new byte[4096]);

        EarlyWriteback writeback = EarlyWriteback.start(file);
        long whileRunning = descriptorsOf(file);
        writeback.close();

        assertThat(whileRunning).isEqualTo(1);
        assertThat(descriptorsOf(file)).isZero();
    }

    @Test
    void aFileThatCannotBeOpenedGetsNoWritebackAndNoError() {
        assertThat(EarlyWriteback.start(dir.resolve("missing.tmp"))).isNull();
    }

    /** This process's open descriptors of {@code file} (Linux: {@code /proc/self/fd}). */
    private static long descriptorsOf(Path file) throws IOException {
        Path real = file.toRealPath();
        try (Stream<Path> descriptors = Files.list(Paths.get("/proc/self/fd"))) {
            return descriptors
                    .filter(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).equals(real);
                        } catch (IOException gone) {
                            return false;
                        }
                    })
                    .count();
        }
    }
}
