package dev.forensics.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL driver, HikariCP and flyway-database-postgresql are optional dependencies (issue 16): in a real JVM
 * whose classpath lacks them, SQLite works and {@code PostgresDatabase.open} fails with a typed error naming exactly
 * the missing artifacts, never a {@code NoClassDefFoundError}.
 */
class PostgresWithoutDriverProcessTest {
    private static final String DRIVER = "/org/postgresql/postgresql/";
    private static final String POOL = "/com/zaxxer/HikariCP/";
    private static final String FLYWAY_POSTGRESQL = "/org/flywaydb/flyway-database-postgresql/";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void openingPostgresqlWithoutItsThreeArtifactsNamesAllThreeWhileSqliteKeepsWorking() {
        ChildJvm.Result result = runWithout(List.of(DRIVER, POOL, FLYWAY_POSTGRESQL));

        assertThat(result.outLines())
                .as("stderr: %s", result.err())
                .contains(
                        "SQLITE cached=true",
                        "MISSING org.postgresql:postgresql,com.zaxxer:HikariCP,org.flywaydb:flyway-database-postgresql");
        assertThat(result.out())
                .contains("MESSAGE PostgreSQL support needs org.postgresql:postgresql, com.zaxxer:HikariCP,"
                        + " org.flywaydb:flyway-database-postgresql on the classpath")
                .contains("README");
        assertThat(result.err()).doesNotContain("NoClassDefFoundError");
    }

    @Test
    void openingPostgresqlWithoutHikariCpNamesOnlyHikariCp() {
        ChildJvm.Result result = runWithout(List.of(POOL));

        assertThat(result.outLines()).as("stderr: %s", result.err()).contains("MISSING com.zaxxer:HikariCP");
    }

    @Test
    void withEveryArtifactPresentOpeningGetsAsFarAsTheServer() {
        ChildJvm.Result result = runWithout(List.of());

        assertThat(result.out())
                .as("stderr: %s", result.err())
                .contains("OTHER ")
                .doesNotContain("MISSING");
    }

    private ChildJvm.Result runWithout(List<String> excluded) {
        try (ChildJvm child = ChildJvm.startWithout(
                dir,
                excluded,
                PostgresOpenWorker.class,
                dir.resolve("forensics.db").toString())) {
            ChildJvm.Result result = child.await(TIMEOUT);
            assertThat(result.exitCode())
                    .as("exit code; stderr: %s", result.err())
                    .isZero();
            return result;
        }
    }
}
