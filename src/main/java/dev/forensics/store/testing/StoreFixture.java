package dev.forensics.store.testing;

import dev.forensics.store.Database;
import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.postgres.PostgresDatabase;
import dev.forensics.store.sqlite.SqliteDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What {@link StoreExtension} keeps for one test: a database made and migrated on first use (a SQLite file in a new
 * temporary directory, or a new schema on the PostgreSQL server of {@link StoreExtension#POSTGRES_URL_PROPERTY}), the
 * Repository it injects, and the test's clock. {@link #close()} removes the database.
 */
final class StoreFixture implements AutoCloseable {
    private final StoreOptions options;
    private final SettableClock clock;
    private final String postgresUrl;
    private Path directory;
    private Path file;
    private Database database;
    private PostgresDatabase postgres;
    private String schema;
    private Repository repository;

    StoreFixture(StoreOptions options, String postgresUrl) {
        this.clock = new SettableClock(options.clock().instant());
        this.options = options.withClock(clock);
        this.postgresUrl = postgresUrl;
    }

    SettableClock clock() {
        return clock;
    }

    /** The migrated database, made on first call. */
    Database database() {
        if (database == null) {
            database = postgresUrl == null ? newSqliteFile() : newPostgresSchema();
            Repository.migrate(database);
        }
        return database;
    }

    /** The SQLite file, made and migrated on first call; empty on PostgreSQL. */
    Optional<Path> file() {
        database();
        return Optional.ofNullable(file);
    }

    /** The injected Repository, opened on first call; closed by {@link #closeRepository()}. */
    Repository repository() {
        if (repository == null) {
            repository = new Repository(database());
        }
        return repository;
    }

    /** Closes the injected Repository, if one was opened. */
    void closeRepository() {
        if (repository != null) {
            repository.close();
        }
    }

    /** The descriptors still open on the SQLite file (none on PostgreSQL, or where the OS does not tell). */
    List<String> descriptorsLeft() {
        return file == null ? List.of() : OpenDescriptors.on(file).orElse(List.of());
    }

    /** Drops the PostgreSQL schema and closes its pool, or deletes the SQLite file's directory. */
    @Override
    public void close() {
        if (postgres != null) {
            try {
                execute(postgres, "DROP SCHEMA " + schema + " CASCADE");
            } finally {
                postgres.close();
            }
        }
        if (directory != null) {
            deleteTree(directory);
        }
    }

    private Database newSqliteFile() {
        try {
            directory = Files.createTempDirectory("forensics-store-test");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the test database", e);
        }
        file = directory.resolve("forensics.db");
        return new SqliteDatabase(file, options);
    }

    private Database newPostgresSchema() {
        schema = "store_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String url = postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        postgres = PostgresDatabase.open(
                url,
                System.getProperty(StoreExtension.POSTGRES_USER_PROPERTY),
                System.getProperty(StoreExtension.POSTGRES_PASSWORD_PROPERTY),
                options,
                4);
        execute(postgres, "CREATE SCHEMA " + schema);
        return postgres;
    }

    private static void execute(Database database, String sql) {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new StoreException(
                    "the test kit could not run " + sql + " on " + database.displayName() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test database directory " + root, e);
        }
    }
}
