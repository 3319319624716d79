package dev.forensics.store.schema;

import dev.forensics.store.Database;
import dev.forensics.store.Remedy;
import dev.forensics.store.StoreException;
import dev.forensics.store.errors.MigrationFailedException;
import dev.forensics.store.errors.SchemaTooNewException;
import dev.forensics.store.internal.Causes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the schema through Flyway: the migrations in the top-level {@code migrations/} folder ship in the jar under
 * {@code db/migration/<vendor>} and are applied, listed and validated here. Repositories never migrate by themselves.
 */
public final class Migrator {
    /** Where the migrations are on the classpath; {@link dev.forensics.store.MigrationTarget#vendor()} names the folder below it. */
    public static final String LOCATION = "classpath:db/migration/";

    private static final Object IN_THIS_JVM = new Object();

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    private Migrator() {}

    /**
     * Applies every pending migration, creating the database file if missing; other processes migrating the same
     * database wait for this one. The migration lock ({@link dev.forensics.store.MigrationTarget#migrationLock()}) is taken only when a migration
     * is pending: a refused, unreadable or up-to-date database is answered without it.
     *
     * @throws SchemaTooNewException     when a newer library version migrated the database
     * @throws dev.forensics.store.errors.ForeignDatabaseException when the file is another application's (SQLite
     *                                   application_id, or other tables and no Flyway history)
     * @throws MigrationFailedException  when Flyway's validation or a migration fails (nothing of that migration stays)
     * @throws StoreException            a typed subclass for an unusable location or file
     */
    public static MigrationReport migrate(Database database) {
        synchronized (IN_THIS_JVM) {
            try {
                // Refused, unreadable or up to date: decided before the lock, so nothing is left beside such a file
                // (ADR-016).
                database.migration().checkOwnership();
                Flyway flyway = flyway(database);
                MigrationInfoService before = flyway.info();
                refuseNewerSchema(before.current(), database);
                if (before.pending().length == 0) {
                    // Up to date needs no lock, but still Flyway's validation: a shipped migration edited after it was
                    // applied must fail migrate as it fails validate (SchemaDriftTest).
                    flyway.validate();
                    String version = before.current() == null
                            ? null
                            : before.current().getVersion().getVersion();
                    return new MigrationReport(database.displayName(), version, version, List.of());
                }
                try (MigrationLock lock = database.migration().migrationLock()) {
                    MigrateResult result = flyway.migrate();
                    List<String> applied = result.migrations.stream()
                            .map(m -> "V" + m.version + " " + m.description)
                            .collect(Collectors.toList());
                    String after = result.targetSchemaVersion != null
                            ? result.targetSchemaVersion
                            : result.initialSchemaVersion;
                    return new MigrationReport(database.displayName(), result.initialSchemaVersion, after, applied);
                }
            } catch (FlywayException e) {
                throw translate(e, database, "migrating");
            }
        }
    }

    /**
     * Rehearses the migrations on the database's rehearsal database ({@link
     * dev.forensics.store.MigrationTarget#rehearsalDataSource()}), when it has one, on a daemon thread, and returns at
     * once: Flyway's classes are loaded and its code compiled while the caller does other work, so that a real migration
     * that follows is cheap (the ingest validates its input meanwhile, ADR-017: the first migration of a process took
     * 1.2 s, a second one 0.15 s). The rehearsal never touches the database itself. A failed rehearsal only loses the
     * time it would have saved, so it is logged at debug level; the real migration reports any real problem.
     *
     * @return the rehearsal, done when Flyway has finished (exceptionally when it failed), or empty when the vendor has no
     *     rehearsal database
     */
    public static Optional<CompletableFuture<Void>> rehearseInBackground(Database database) {
        return database.migration().rehearsalDataSource().map(dataSource -> {
            CompletableFuture<Void> rehearsal = new CompletableFuture<>();
            Thread thread = new Thread(
                    () -> {
                        try (Connection keepsTheDatabase = dataSource.getConnection()) {
                            flyway(dataSource, database.migration().vendor()).migrate();
                            rehearsal.complete(null);
                        } catch (SQLException | RuntimeException e) {
                            LOG.debug(
                                    "the migration rehearsal for {} failed (no effect on it)",
                                    database.displayName(),
                                    e);
                            rehearsal.completeExceptionally(e);
                        }
                    },
                    "forensics-store-migration-rehearsal");
            thread.setDaemon(true);
            thread.start();
            return rehearsal;
        });
    }

    /**
     * Lists every migration this library knows with its state on the database ({@code Success}, {@code Pending}, ...).
     *
     * @throws StoreException a typed subclass when the database cannot be read, {@code ForeignDatabaseException} for another program's
     */
    public static List<MigrationInfo> info(Database database) {
        try {
            database.migration().checkOwnership();
            return List.of(flyway(database).info().all());
        } catch (FlywayException e) {
            throw translate(e, database, "reading the migration history");
        }
    }

    /**
     * Checks that the applied migrations are exactly the ones this library ships (names and checksums).
     *
     * @throws MigrationFailedException listing what differs, with the fix
     * @throws dev.forensics.store.errors.ForeignDatabaseException for another program's database
     */
    public static void validate(Database database) {
        try {
            database.migration().checkOwnership();
            ValidateResult result = flyway(database).validateWithResult();
            if (!result.validationSuccessful) {
                throw new MigrationFailedException(
                        "validating " + database.displayName() + " failed: " + result.getAllErrorMessages()
                                + "; restore the original migration files or the database from a backup");
            }
        } catch (FlywayException e) {
            throw translate(e, database, "validating");
        }
    }

    private static Flyway flyway(Database database) {
        return flyway(
                database.migration().migrationDataSource(), database.migration().vendor());
    }

    private static Flyway flyway(DataSource dataSource, String vendor) {
        return Flyway.configure(Migrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION + vendor)
                .failOnMissingLocations(true)
                // Through SLF4J, never Flyway's console/JUL fallback: the CLI's slf4j-simple (warn) keeps its INFO
                // lines quiet.
                .loggers("slf4j")
                .load();
    }

    private static void refuseNewerSchema(MigrationInfo current, Database database) {
        if (current != null
                && current.getVersion() != null
                && current.getVersion().compareTo(MigrationVersion.fromVersion(String.valueOf(SchemaVersion.LATEST)))
                        > 0) {
            throw new SchemaTooNewException(database.displayName() + " is at schema version " + current.getVersion()
                    + ", newer than this library's " + SchemaVersion.LATEST
                    + ": upgrade forensics-store; it will not migrate this database");
        }
    }

    private static StoreException translate(FlywayException error, Database database, String action) {
        Optional<StoreException> typed = Causes.first(error, StoreException.class);
        if (typed.isPresent()) {
            return typed.get();
        }
        Optional<SQLException> driver = Causes.first(error, SQLException.class);
        if (driver.isPresent()) {
            return database.translate(driver.get(), action + " the schema");
        }
        return new MigrationFailedException(
                action + " " + database.displayName() + " failed: "
                        + error.getMessage().strip(),
                Remedy.VALIDATE_MIGRATIONS,
                error);
    }
}
