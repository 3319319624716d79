package dev.forensics.store.postgres;

import dev.forensics.store.Remedy;
import dev.forensics.store.StoreException;
import dev.forensics.store.errors.ConstraintViolationException;
import dev.forensics.store.errors.CorruptDatabaseException;
import dev.forensics.store.errors.DatabaseBusyException;
import dev.forensics.store.errors.DatabaseLocationException;
import dev.forensics.store.errors.DiskFullException;
import dev.forensics.store.errors.ReadOnlyDatabaseException;
import dev.forensics.store.errors.SchemaNotMigratedException;
import dev.forensics.store.internal.Redaction;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/** Maps PostgreSQL SQLStates (never message text) to the typed errors of this library; messages never hold a password. */
final class PostgresErrors {
    private PostgresErrors() {}

    /** The URL with every password in it replaced by {@code ***} ({@link Redaction#secrets(String)}). */
    static String redact(String jdbcUrl) {
        return Redaction.secrets(jdbcUrl);
    }

    static StoreException translate(
            SQLException error, String action, String database, Duration busyTimeout, int poolSize) {
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        String detail = " (SQLState " + (state.isEmpty() ? "none" : state) + ": "
                + redact(String.valueOf(error.getMessage())).strip() + ")";
        if (error instanceof SQLTransientConnectionException && state.isEmpty()) {
            return new DatabaseBusyException(
                    action + " failed: all " + poolSize + " pooled connections to " + database
                            + " stayed in use by open Repositories for the busy timeout of " + busyTimeout.toMillis()
                            + " ms; close Repositories sooner or open the PostgresDatabase with a larger pool" + detail,
                    error);
        }
        switch (state) {
            case "40001":
            case "40P01":
                return new DatabaseBusyException(
                        action + " failed: " + database + " aborted the transaction to break a "
                                + ("40P01".equals(state) ? "deadlock" : "serialization conflict")
                                + " with another transaction; nothing of it was written, run it again" + detail,
                        error);
            case "55P03":
                return new DatabaseBusyException(
                        action + " failed: a row or table of " + database
                                + " stayed locked by another transaction for the lock_timeout of "
                                + busyTimeout.toMillis()
                                + " ms; nothing of this transaction was written, retry it or raise the busy timeout"
                                + detail,
                        error);
            case "57014":
                return new StoreException(
                        action + " failed: a statement on " + database + " ran longer than the statement_timeout of "
                                + PostgresDatabase.statementTimeout(busyTimeout).toMillis()
                                + " ms and was cancelled; the transaction was rolled back" + detail,
                        error);
            case "53100":
                return new DiskFullException(
                        action + " failed: the disk of the PostgreSQL server " + database
                                + " is full; the transaction was rolled back, free space on the server and run it again"
                                + detail,
                        error);
            case "25006":
                return new ReadOnlyDatabaseException(
                        action + " failed: " + database
                                + " accepts only reads (a standby, or default_transaction_read_only); "
                                + "point the URL at the primary" + detail,
                        error);
            case "25P02":
                return new StoreException(
                        action + " failed: an earlier statement of this transaction on " + database
                                + " failed, and PostgreSQL ignores everything until the rollback; to go on after a failed statement, run it in a nested transaction(...) (a savepoint)"
                                + detail,
                        error);
            case "3D000":
                return new DatabaseLocationException(
                        action + " failed: the database named in " + database
                                + " does not exist on the server; create it (createdb)" + detail,
                        Remedy.MIGRATE,
                        error);
            case "42P01":
                return new SchemaNotMigratedException(
                        action + " failed: a table is missing in " + database + detail, Remedy.MIGRATE, error);
            case "XX001":
            case "XX002":
                return new CorruptDatabaseException(
                        action + " failed: PostgreSQL reports damaged data in " + database
                                + "; restore from a backup (pg_dump/pg_basebackup)" + detail,
                        error);
            default:
                break;
        }
        if (state.startsWith("23")) {
            return new ConstraintViolationException(
                    action + " failed: a write to " + database + " broke a constraint; the transaction was rolled back"
                            + detail,
                    error);
        }
        if (state.startsWith("08")) {
            return new StoreException(
                    action + " failed: cannot reach the PostgreSQL server of " + database
                            + "; check the host and port in the URL and that the server is up" + detail,
                    error);
        }
        if (state.startsWith("28")) {
            return new StoreException(
                    action + " failed: " + database
                            + " refused the login; check the user and the password (FORENSICS_DB_PASSWORD for the CLI)"
                            + detail,
                    error);
        }
        if (state.startsWith("53")) {
            return new StoreException(
                    action + " failed: the PostgreSQL server of " + database
                            + " is out of resources (connections or memory); lower the pool sizes of its clients or raise the server's limits"
                            + detail,
                    error);
        }
        return new StoreException(action + " failed on " + database + detail, error);
    }
}
