package dev.forensics.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorTest {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

    @Test
    void migratingANewFileCreatesItAndAppliesEveryMigration(@TempDir Path dir) {
        Path file = dir.resolve("new.db");
        MigrationReport report = Repository.migrate(file);
        assertThat(file).exists();
        assertThat(report.fromVersion()).isNull();
        assertThat(report.toVersion()).isEqualTo(String.valueOf(SchemaVersion.LATEST));
        assertThat(report.applied()).hasSize(SchemaVersion.LATEST);
    }

    @Test
    void migratingTwiceAppliesNothingTheSecondTime(@TempDir Path dir) {
        Path file = dir.resolve("twice.db");
        Repository.migrate(file);
        MigrationReport second = Repository.migrate(file);
        assertThat(second.applied()).isEmpty();
        assertThat(second.toVersion()).isEqualTo(String.valueOf(SchemaVersion.LATEST));
    }

    @Test
    void latestVersionConstantMatchesTheHighestMigrationOfEveryVendorFolder() throws IOException {
        try (Stream<Path> vendors = Files.list(Path.of("migrations"))) {
            for (Path vendor : vendors.filter(Files::isDirectory).toList()) {
                assertThat(highestVersionIn(vendor))
                        .as("highest migration in %s", vendor)
                        .isEqualTo(SchemaVersion.LATEST);
            }
        }
    }

    private static int highestVersionIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> VERSIONED.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max()
                    .orElseThrow();
        }
    }
}
