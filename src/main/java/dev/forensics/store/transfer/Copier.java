package dev.forensics.store.transfer;

import dev.forensics.store.Database;
import dev.forensics.store.StoreException;
import dev.forensics.store.errors.InvalidInputException;
import dev.forensics.store.schema.Migrator;
import dev.forensics.store.schema.SchemaVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies every row of the store ({@link StoreTables}) from one database to another, SQLite or PostgreSQL in either
 * direction (ADR-014). The target is migrated first. Rows are streamed in key order, one batch per target transaction,
 * ids kept; PostgreSQL identity sequences are moved past the highest id. A row the target already holds unchanged is
 * skipped, so a copy run again after a kill (or a crash of either side) finishes the job without duplicating or
 * changing anything. The source is read in one snapshot (one read transaction), so its rows are consistent while
 * writers keep writing. Afterwards each table's row count and order-independent checksum of every column are compared.
 * <pre>{@code
 * try (var pg = PostgresDatabase.open(url, user, password, StoreOptions.defaults())) {
 *     CopySummary summary = Copier.copy(new SqliteDatabase(file, StoreOptions.defaults()), pg, CopyListener.NONE);
 *     if (!summary.verified()) { ... }
 * }
 * }</pre>
 * Opens one connection on each database and closes both before returning.
 */
public final class Copier {
    private final Database from;
    private final Database to;
    private final CopyOptions options;
    private final CopyListener listener;
    private final List<Table> tables;

    private Copier(Database from, Database to, CopyOptions options, CopyListener listener, List<Table> tables) {
        this.from = from;
        this.to = to;
        this.options = options;
        this.listener = listener;
        this.tables = tables;
    }

    /** Copies with {@link CopyOptions#defaults()}; see {@link #copy(Database, Database, CopyOptions, CopyListener)}. */
    public static CopySummary copy(Database from, Database to, CopyListener listener) {
        return copy(from, to, CopyOptions.defaults(), listener);
    }

    /**
     * Copies {@code from} into {@code to} and verifies the result; a mismatch is reported in the summary
     * ({@link CopySummary#verified()}), not thrown.
     *
     * @throws InvalidInputException  when both name the same database
     * @throws CopyConflictException  when the target holds a differing row for a key and {@code overwrite} is off;
     *                                the batches before it stay committed
     * @throws StoreException         a typed subclass when either database fails (the source's schema not current,
     *                                the target not migratable, a connection lost); committed batches stay
     */
    public static CopySummary copy(Database from, Database to, CopyOptions options, CopyListener listener) {
        if (from.displayName().equals(to.displayName())) {
            throw new InvalidInputException(
                    "cannot copy " + from.displayName() + " onto itself: the target must be another database");
        }
        return new Copier(from, to, options, listener, StoreTables.ALL).run();
    }

    private CopySummary run() {
        long started = System.nanoTime();
        Migrator.migrate(to);
        try (Connection source = from.connect();
                Connection target = to.connect()) {
            Side read = new Side(from, source);
            Side write = new Side(to, target);
            read.run("checking the schema version of the copy's source", () -> {
                SchemaVersion.verify(from.migration().appliedSchemaVersion(source), from.displayName());
                return null;
            });
            for (Table table : tables) {
                read.run("reading the columns of " + table.name(), () -> requireDescribed(from, source, table));
                write.run("reading the columns of " + table.name(), () -> requireDescribed(to, target, table));
            }
            read.run("starting the copy's read snapshot", () -> snapshot(source));
            List<long[]> counts = new ArrayList<>();
            for (Table table : tables) {
                counts.add(copyTable(table, read, write));
            }
            listener.verifying();
            List<TableCopy> results = new ArrayList<>();
            for (int i = 0; i < tables.size(); i++) {
                Table table = tables.get(i);
                RowChecksum sourceSum = read.run("verifying " + table.name(), () -> checksum(source, table));
                RowChecksum targetSum = write.run("verifying " + table.name(), () -> checksum(target, table));
                long[] c = counts.get(i);
                results.add(new TableCopy(
                        table.name(),
                        c[0],
                        c[1],
                        c[2],
                        sourceSum.rows(),
                        targetSum.rows(),
                        sourceSum.hex(),
                        targetSum.hex()));
            }
            read.run("ending the copy's read snapshot", () -> {
                source.rollback();
                source.setAutoCommit(true);
                return null;
            });
            return new CopySummary(
                    from.displayName(), to.displayName(), results, Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException closing) {
            throw new StoreException(
                    "closing the connections of the copy from " + from.displayName() + " to " + to.displayName()
                            + " failed: " + closing.getMessage(),
                    closing);
        }
    }

    /**
     * Refuses a table whose columns are not exactly the ones its description lists: a column the description missed
     * would be neither copied nor checksummed, and the verification would pass without it.
     */
    private static Void requireDescribed(Database database, Connection connection, Table table) throws SQLException {
        java.util.Set<String> actual = new java.util.TreeSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet none = statement.executeQuery("SELECT * FROM " + table.name() + " WHERE 1 = 0")) {
            java.sql.ResultSetMetaData meta = none.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                actual.add(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
            }
        }
        java.util.Set<String> described = new java.util.TreeSet<>(
                table.columns().stream().map(Column::name).toList());
        if (!actual.equals(described)) {
            throw new StoreException(
                    "cannot copy " + table.name() + ": " + database.displayName() + " has the columns " + actual
                            + " but this build copies " + described
                            + " (StoreTables); nothing was copied: use the forensics-store"
                            + " version that migrated it, or update StoreTables with the migration that changed the table");
        }
        return null;
    }

    /** One read transaction for the whole copy and verification; REPEATABLE READ where the driver offers it (PostgreSQL). */
    private static Void snapshot(Connection source) throws SQLException {
        if (source.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)) {
            source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        source.setAutoCommit(false);
        return null;
    }

    /** Copies one table; returns {inserted, unchanged, overwritten}. */
    private long[] copyTable(Table table, Side read, Side write) {
        long total = read.run("counting " + table.name(), () -> count(read.connection(), table));
        listener.tableStarted(table.name(), total);
        TableReader reader = new TableReader(read.connection(), table, options.batchSize());
        long[] counts = new long[3];
        long done = 0;
        while (true) {
            List<Object[]> rows = read.run("reading " + table.name(), reader::next);
            if (rows.isEmpty()) {
                break;
            }
            long[] batch = write.inTransaction(
                    "copying a batch of " + table.name(), () -> writeBatch(write.connection(), table, rows));
            for (int i = 0; i < counts.length; i++) {
                counts[i] += batch[i];
            }
            done += rows.size();
            listener.batchCopied(table.name(), done, total);
        }
        table.identity()
                .ifPresent(id -> write.run("moving the id sequence of " + table.name(), () -> {
                    to.advanceIdentity(write.connection(), table.name(), id);
                    return null;
                }));
        return counts;
    }

    /** Inside a target transaction: inserts the missing rows, skips the equal ones, overwrites or refuses the differing ones. */
    private long[] writeBatch(Connection target, Table table, List<Object[]> rows) throws SQLException {
        Map<List<Object>, Object[]> stored = storedRows(target, table, rows);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        long unchanged = 0;
        for (Object[] row : rows) {
            Object[] existing = stored.get(key(table, row));
            if (existing == null) {
                inserts.add(row);
            } else if (Arrays.equals(existing, row)) {
                unchanged++;
            } else if (options.overwrite()) {
                updates.add(row);
            } else {
                throw conflict(table, row, existing);
            }
        }
        try {
            execute(target, table.insert(), table, inserts, false);
        } catch (SQLException e) {
            StoreException cause = to.translate(e, "inserting into " + table.name());
            throw new CopyConflictException(
                    "copying " + table.name() + " into " + to.displayName() + " failed on the batch with keys "
                            + key(table, inserts.get(0)) + " to " + key(table, inserts.get(inserts.size() - 1))
                            + ": the target holds another row"
                            + " with the same unique value (the same slug or URL under another id) or refuses a value ("
                            + cause.getMessage()
                            + "); that batch was rolled back: copy into an empty target",
                    cause);
        }
        execute(target, table.update(), table, updates, true);
        return new long[] {inserts.size(), unchanged, updates.size()};
    }

    private static Map<List<Object>, Object[]> storedRows(Connection target, Table table, List<Object[]> rows)
            throws SQLException {
        int[] keys = table.keyPositions();
        Map<List<Object>, Object[]> stored = new HashMap<>();
        String sql = "SELECT " + table.columnList() + " FROM " + table.name() + " WHERE " + table.keyIn(rows.size());
        try (PreparedStatement statement = target.prepareStatement(sql)) {
            int index = 1;
            for (Object[] row : rows) {
                for (int k : keys) {
                    table.columns().get(k).type().bind(statement, index++, row[k]);
                }
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Object[] row = TableReader.read(table, result);
                    stored.put(key(table, row), row);
                }
            }
        }
        return stored;
    }

    /** Runs the insert (values in column order) or update (non-key values, then the key) for every row, as one JDBC batch. */
    private static void execute(Connection target, String sql, Table table, List<Object[]> rows, boolean update)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            if (!update || !table.key().contains(table.columns().get(i).name())) {
                order.add(i);
            }
        }
        if (update) {
            Arrays.stream(table.keyPositions()).forEach(order::add);
        }
        try (PreparedStatement statement = target.prepareStatement(sql)) {
            for (Object[] row : rows) {
                int index = 1;
                for (int column : order) {
                    table.columns().get(column).type().bind(statement, index++, row[column]);
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private CopyConflictException conflict(Table table, Object[] source, Object[] target) {
        int column = 0;
        while (java.util.Objects.equals(source[column], target[column])) {
            column++;
        }
        return new CopyConflictException(
                to.displayName() + " already holds " + table.name() + " row " + key(table, source)
                        + " with another " + table.columns().get(column).name() + " (target " + shown(target[column])
                        + ", source "
                        + shown(source[column])
                        + "); nothing of that batch was written: copy into an empty target, or allow overwriting"
                        + " (copy --overwrite) to replace the target's rows by the source's");
    }

    private static String shown(Object value) {
        if (value == null) {
            return "NULL";
        }
        String text = value.toString();
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
    }

    private static List<Object> key(Table table, Object[] row) {
        return Arrays.stream(table.keyPositions()).mapToObj(k -> row[k]).toList();
    }

    private static long count(Connection connection, Table table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table.name())) {
            result.next();
            return result.getLong(1);
        }
    }

    private RowChecksum checksum(Connection connection, Table table) throws SQLException {
        RowChecksum sum = new RowChecksum();
        TableReader reader = new TableReader(connection, table, options.batchSize());
        for (List<Object[]> rows = reader.next(); !rows.isEmpty(); rows = reader.next()) {
            rows.forEach(sum::add);
        }
        return sum;
    }
}
