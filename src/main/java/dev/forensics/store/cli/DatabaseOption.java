package dev.forensics.store.cli;

import dev.forensics.store.Database;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.internal.Redaction;
import dev.forensics.store.postgres.PostgresDatabase;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.sqlite.SqliteMaintenance;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place where the value of {@code --db} (or {@code FORENSICS_DB}) becomes a {@link Database}: a SQLite file
 * path, or a {@code jdbc:postgresql://...} URL. For PostgreSQL the user comes from the URL ({@code ?user=}) or
 * {@code FORENSICS_DB_USER}, the password only from {@code FORENSICS_DB_PASSWORD}: never from the command line. The
 * prefix is matched in any case; a libpq URI ({@code postgresql://...}) is refused, never taken for a file path; no
 * message shows a password ({@link Redaction}).
 */
final class DatabaseOption {
    /** The environment variable that holds the PostgreSQL password. */
    static final String PASSWORD_VARIABLE = "FORENSICS_DB_PASSWORD";
    /** The environment variable that may hold the PostgreSQL user when the URL names none. */
    static final String USER_VARIABLE = "FORENSICS_DB_USER";
    /**
     * The settings of every database the CLI opens: the library's defaults without the slow-transaction warning, which
     * is for daemons; an ingest's batches are long transactions by design, and a healthy CLI run prints no WARN (ADR-016).
     */
    static final StoreOptions STORE_OPTIONS =
            StoreOptions.defaults().withSlowTransaction(Duration.ofNanos(Long.MAX_VALUE));
    // postgresql://... or postgres://..., the URI form that libpq and psql take (never a file path).
    private static final Pattern LIBPQ_URI = Pattern.compile("(?i)postgres(ql)?:/");

    private DatabaseOption() {}

    /**
     * The database named by {@code value}; a SQLite file is not opened, a PostgreSQL URL opens its pool (the caller
     * closes it, see {@link Main}).
     *
     * @throws CliException (exit 2) when the value is blank, not a usable path, a libpq URI, or a URL that carries a
     *                      password ({@code password=}, {@code sslpassword=}, {@code user:password@})
     * @throws dev.forensics.store.StoreException (exit 3) when the PostgreSQL server cannot be reached or refuses the login
     */
    static Database toDatabase(String value, Map<String, String> env) {
        if (value == null || value.isBlank()) {
            throw new CliException(
                    ExitCode.BAD_INPUT,
                    "--db is empty: give the database file, e.g. --db forensics.db, or a jdbc:postgresql:// URL");
        }
        if (startsWithIgnoreCase(value, PostgresDatabase.URL_PREFIX)) {
            // pgjdbc knows the prefix in lower case only; the rest of the URL is left as given.
            return postgres(PostgresDatabase.URL_PREFIX + value.substring(PostgresDatabase.URL_PREFIX.length()), env);
        }
        if (LIBPQ_URI.matcher(value).lookingAt()) {
            throw new CliException(
                    ExitCode.BAD_INPUT,
                    "--db " + Redaction.secrets(value) + " is a libpq URI, not a file: give the JDBC form, "
                            + "jdbc:postgresql://HOST/DB?user=U, and the password in " + PASSWORD_VARIABLE);
        }
        if (startsWithIgnoreCase(value, "jdbc:")) {
            throw new CliException(
                    ExitCode.BAD_INPUT,
                    "--db accepts a SQLite file path or a jdbc:postgresql:// URL, not "
                            + Redaction.secrets(value.substring(0, Math.max(5, value.indexOf(':', 5) + 1))) + " URLs");
        }
        try {
            return new SqliteDatabase(Path.of(value), STORE_OPTIONS);
        } catch (InvalidPathException e) {
            throw new CliException(
                    ExitCode.BAD_INPUT, "--db " + Redaction.secrets(value) + " is not a valid path: " + e.getReason());
        }
    }

    /**
     * The database named by {@code value}, which must exist already (commands other than migrate and ingest).
     *
     * @throws CliException (exit 1) when the SQLite file does not exist, naming the command that creates it
     */
    static Database existing(String value, Map<String, String> env) {
        Database database = toDatabase(value, env);
        Optional<Path> missingFile = database.capability(SqliteMaintenance.class)
                .map(SqliteMaintenance::file)
                .filter(file -> !Files.exists(file));
        if (missingFile.isPresent()) {
            throw new CliException(
                    ExitCode.NOT_FOUND,
                    missingFile.get() + " does not exist: create it with `forensics-store migrate --db " + value
                            + "` or `forensics-store ingest --db " + value
                            + " FILE`, or point --db (or FORENSICS_DB) at the right file");
        }
        return database;
    }

    private static PostgresDatabase postgres(String url, Map<String, String> env) {
        if (Redaction.holdsSecret(url)) {
            // Never echo the URL: it holds the password.
            throw new CliException(
                    ExitCode.BAD_INPUT,
                    "--db must not contain a password (password=, sslpassword= or user:password@; "
                            + "it would show in process lists and shell history): remove it from the URL and set "
                            + PASSWORD_VARIABLE + " instead");
        }
        return PostgresDatabase.open(
                url, blankToNull(env.get(USER_VARIABLE)), blankToNull(env.get(PASSWORD_VARIABLE)), STORE_OPTIONS, 2);
    }

    private static boolean startsWithIgnoreCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
