package dev.forensics.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.errors.DatabaseLocationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's special names given as a path (issue 16) used to create a file of that name in the working directory, whose
 * data then survived between runs: they are refused with a typed error that points at the test kit, and nothing is created.
 */
class SpecialNameTest {
    @TempDir
    Path dir;

    @Test
    void memoryAsAPathIsRefusedForMigrateAndOpenAndNoFileAppearsInTheWorkingDirectory() {
        Path memory = Path.of(":memory:");

        assertThatThrownBy(() -> Repository.migrate(memory))
                .isInstanceOf(DatabaseLocationException.class)
                .hasMessageContaining("':memory:'")
                .hasMessageContaining("dev.forensics.store.testing.StoreExtension");
        assertThatThrownBy(() -> new Repository(memory)).isInstanceOf(DatabaseLocationException.class);
        assertThat(Path.of(":memory:").toAbsolutePath()).doesNotExist();
    }

    @Test
    void aFileUriIsRefusedAndCreatesNothing() {
        Path uri = Path.of("file:forensics.db?mode=memory&cache=shared");

        assertThatThrownBy(() -> Repository.migrate(uri))
                .isInstanceOf(DatabaseLocationException.class)
                .hasMessageContaining("'file:forensics.db?mode=memory&cache=shared'")
                .hasMessageContaining("file: URI");
        assertThat(uri.toAbsolutePath()).doesNotExist();
    }

    @Test
    void aFileNamedMemoryInAnyDirectoryIsRefusedAndTheDirectoryStaysEmpty() throws IOException {
        assertThatThrownBy(() -> Repository.migrate(dir.resolve(":memory:")))
                .isInstanceOf(DatabaseLocationException.class);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
