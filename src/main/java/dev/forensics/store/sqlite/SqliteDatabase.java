package dev.forensics.store.sqlite;

import dev.forensics.store.AsideBuild;
import dev.forensics.store.Database;
import dev.forensics.store.MigrationTarget;
import dev.forensics.store.Remedy;
import dev.forensics.store.StoreException;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.TransactionControl;
import dev.forensics.store.backup.FileBackup;
import dev.forensics.store.errors.DatabaseLocationException;
import dev.forensics.store.errors.ForeignDatabaseException;
import dev.forensics.store.errors.SchemaNotMigratedException;
import dev.forensics.store.schema.MigrationLock;
import dev.forensics.store.schema.SchemaVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * A SQLite file opened the ADR-005 way: WAL journal, {@code synchronous=NORMAL}, foreign keys on, a busy timeout,
 * and write transactions begun with {@code BEGIN IMMEDIATE} while the driver stays in autocommit (so an idle
 * connection never holds the write lock, see {@link #transactions()}). Opening never creates the file; only
 * {@link #migrationDataSource()} does. Maintenance only SQLite has (checkpoints, integrity checks, backup) is the
 * capability {@link SqliteMaintenance}. Closing it releases nothing: it holds no connection.
 */
public final class SqliteDatabase implements Database, MigrationTarget {
    /** The {@code application_id} stamped into every file this library migrates: ASCII 'FRNS' (0x46524E53). */
    public static final int APPLICATION_ID = 0x46524E53;
    /** {@code journal_size_limit}: after a checkpoint resets the WAL, the {@code -wal} file is truncated to this size. */
    public static final int JOURNAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;
    /**
     * Size of the {@code -wal} file (twice {@link #JOURNAL_SIZE_LIMIT_BYTES}) from which a Repository's commit is followed
     * by a blocking RESTART checkpoint (ADR-018): under several writer processes no PASSIVE one catches up, and readers
     * that never pause keep even a single writer's WAL from starting over (measured: 250 MB with no RESTART). Above the
     * size limit, because a WAL started over keeps its file at that size.
     */
    public static final long WAL_RESTART_BYTES = 2L * JOURNAL_SIZE_LIMIT_BYTES;
    /**
     * {@code wal_autocheckpoint} of every connection opened: SQLite's own default, set explicitly. A Repository's
     * connection sets it to 0 at its first commit, from when the library's own checkpoints run after its commits
     * (ADR-018), unless {@code StoreOptions.checkpointAfterRows} is 0.
     */
    public static final int WAL_AUTOCHECKPOINT_PAGES = 1000;
    // One statement reads both the file's owner and whether Flyway ever ran here. The owner is read again although
    // connect() read the header: a change still in the WAL is visible only through SQL (ApplicationIdTest).
    private static final String IDENTITY_AND_HISTORY = "SELECT (SELECT application_id FROM pragma_application_id()),"
            + " (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history')";

    private static final AtomicInteger REHEARSALS = new AtomicInteger();

    private final Path file;
    private final StoreOptions options;
    private final boolean privateBuild;
    // The path errors and logs name: the file itself, or for a private build the database it becomes (ADR-019).
    private final Path shownAs;
    private final SqliteMaintenance maintenance = new SqliteMaintenance(this);

    /**
     * Describes the SQLite file at {@code file}; nothing is opened until {@link #connect()}.
     *
     * @throws DatabaseLocationException when {@code file} is {@code :memory:} or a {@code file:} URI (not supported)
     */
    public SqliteDatabase(Path file, StoreOptions options) {
        this(file, options, null);
    }

    private SqliteDatabase(Path file, StoreOptions options, Path buildOf) {
        refuseSpecialName(file);
        this.file = file.toAbsolutePath().normalize();
        this.options = options;
        this.privateBuild = buildOf != null;
        this.shownAs = privateBuild ? buildOf : this.file;
    }

    /**
     * The private file of an {@link SqliteAsideBuild}: nobody else knows its name, so it is written with its rollback
     * journal in memory, no sync and (its Repositories) an exclusive lock, and no checkpoint policy (ADR-019). Its
     * errors and logs name {@code target}, the database the caller gave: the private name means nothing to them, and
     * it is in the same directory, on the same disk.
     */
    static SqliteDatabase privateBuild(Path file, SqliteDatabase target) {
        return new SqliteDatabase(file, target.options().withCheckpointAfterRows(0), target.file());
    }

    /**
     * A new file built aside and published under this file's name (ADR-019) when the file does not exist yet; empty
     * when it exists (a symbolic link counts, even a dangling one).
     *
     * @throws DatabaseLocationException when the directory is missing
     * @throws StoreException             when the private file cannot be made
     */
    @Override
    public Optional<AsideBuild> buildAsideIfNew() {
        if (privateBuild || Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        checkLocation();
        return Optional.of(SqliteAsideBuild.start(this));
    }

    /**
     * Refuses SQLite's special names ({@code :memory:}, {@code file:} URIs): given as a path they would quietly create a
     * file of that name in the working directory. An in-memory database is not offered (ADR-015): each Repository opens
     * its own connection, and the next one would see an empty database.
     *
     * @throws DatabaseLocationException naming the value and pointing at a file path or, in tests, the test kit
     */
    private static void refuseSpecialName(Path file) {
        String given = file.toString();
        Path name = file.getFileName();
        if (given.startsWith("file:")
                || given.startsWith(":memory:")
                || name != null && name.toString().equals(":memory:")) {
            throw new DatabaseLocationException(
                    "cannot use '" + given + "': SQLite's :memory: and file: URI names are not supported"
                            + " (each Repository opens its own connection, so an in-memory database would be empty in the next one);"
                            + " give the path of a database file, or in tests use dev.forensics.store.testing.StoreExtension"
                            + " (a fresh migrated file per test, deleted after)");
        }
    }

    /** The absolute path of the database file. */
    public Path file() {
        return file;
    }

    @Override
    public String displayName() {
        return shownAs.toString();
    }

    /** Itself: the SQLite file is its own migration target. */
    @Override
    public MigrationTarget migration() {
        return this;
    }

    /** A new {@link SqliteTransactions} for one Repository: BEGIN IMMEDIATE, and the WAL checkpoints after commits (ADR-018). */
    @Override
    public TransactionControl transactions() {
        return new SqliteTransactions(this);
    }

    /** {@link SqliteMaintenance} for {@code capability(SqliteMaintenance.class)}; nothing else. */
    @Override
    public <C> Optional<C> capability(Class<C> type) {
        return type == SqliteMaintenance.class ? Optional.of(type.cast(maintenance)) : Optional.empty();
    }

    @Override
    public String vendor() {
        return "sqlite";
    }

    @Override
    public StoreOptions options() {
        return options;
    }

    /**
     * Opens the existing file with every pragma set.
     *
     * @throws DatabaseLocationException  when the directory is missing or the path is a directory
     * @throws SchemaNotMigratedException when the file does not exist yet ({@link Remedy#MIGRATE}: migrating creates it)
     */
    @Override
    public Connection connect() {
        checkLocation();
        if (!Files.exists(file)) {
            throw new SchemaNotMigratedException(file + " does not exist", Remedy.MIGRATE, null);
        }
        if (isEmpty()) {
            // SQLite would take it for a new database and the WAL pragma would write a header into it.
            throw new SchemaNotMigratedException(
                    file + " is empty (0 bytes): it is not a database yet, and it was left untouched",
                    Remedy.MIGRATE,
                    null);
        }
        Connection connection;
        try {
            connection = BusyAtOpen.open(this::openChecked, options.busyTimeout());
        } catch (SQLException e) {
            throw translate(e, "opening the database");
        }
        if (!privateBuild) {
            // A private build has no WAL, and its name is gone once published: a gauge on it would stay at 0 forever.
            options.metrics().writeAheadLogOpened(file.getFileName().toString(), walFile());
        }
        return connection;
    }

    /**
     * Refuses a SQLite file whose header carries another application's {@code application_id} (0, unstamped, is
     * accepted: the next migration stamps it). A missing file, or one that is not SQLite, is left to the driver.
     *
     * @throws ForeignDatabaseException naming the file and the id found
     */
    @Override
    public void checkOwnership() {
        SqliteFileCheck.requireUsable(file);
        checkIdentity();
    }

    /**
     * Opens the file with no pragma, checks on that connection whose file it is (so another program's file is never
     * switched to WAL), then applies the pragmas. One connection per open: the check once used a second, read-only
     * connection, which doubled the cost of an open (OpenCloseRatio sqlite: 2.0x a raw open, ADR-017). Closes the
     * connection when anything fails.
     *
     * @throws dev.forensics.store.errors.ForeignDatabaseException when the file is another application's
     */
    private SQLiteConnection openChecked() throws SQLException {
        SQLiteConfig bare = new SQLiteConfig();
        bare.resetOpenMode(SQLiteOpenMode.CREATE);
        bare.setBusyTimeout((int) options.busyTimeout().toMillis());
        // No generated keys: after every INSERT sqlite-jdbc otherwise matches the SQL against a regular expression
        // and runs `SELECT last_insert_rowid()` on a statement of its own, inside the write transaction (about a
        // tenth of a cache put's CPU time, BENCHMARKS.md). The library reads ids with RETURNING.
        bare.setGetGeneratedKeys(false);
        SQLiteConnection connection = (SQLiteConnection) bare.createConnection(jdbcUrl());
        try {
            int id = SqliteFileIdentity.applicationId(connection);
            refuseForeignId(id);
            if (id == 0) {
                // Unstamped: ours before V3, or another program's.
                refuseTablesOfAnotherProgram(SqliteFileIdentity.tablesWithoutOurHistory(connection));
            }
            settings(false).apply(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private void checkIdentity() {
        OptionalInt id = SqliteFileIdentity.applicationId(file);
        id.ifPresent(this::refuseForeignId);
        if (id.isPresent() && id.getAsInt() == 0) {
            // Unstamped: ours before V3, or another program's. Only then is the file peeked at (read-only, no pragma).
            refuseTablesOfAnotherProgram(SqliteFileIdentity.tablesWithoutOurHistory(file));
        }
    }

    private void refuseTablesOfAnotherProgram(List<String> tables) {
        if (!tables.isEmpty()) {
            throw new ForeignDatabaseException(file + " holds other tables ("
                    + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
                    + (tables.size() > 5 ? ", ..." : "")
                    + ") and no forensics-store history: it is another program's database and was "
                    + "left untouched; point --db at a new file (or at your forensics-store database)");
        }
    }

    /**
     * Runs {@code PRAGMA wal_checkpoint(mode)} on {@code connection} (outside any transaction), records it in the
     * metrics, and logs once per episode when checkpoints keep failing to complete because readers hold old snapshots.
     */
    CheckpointResult checkpoint(Connection connection, CheckpointMode mode) throws SQLException {
        return recorded(checkpointUnrecorded(connection, mode));
    }

    /** Runs {@code PRAGMA wal_checkpoint(mode)} on {@code connection} and returns its answer; records nothing. */
    static CheckpointResult checkpointUnrecorded(Connection connection, CheckpointMode mode) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA wal_checkpoint(" + mode.name() + ")")) {
            row.next();
            return new CheckpointResult(mode, row.getInt(1) != 0, row.getLong(2), row.getLong(3));
        }
    }

    /** Records {@code result} in the metrics and in {@link CheckpointWatch}, and returns it. */
    CheckpointResult recorded(CheckpointResult result) {
        CheckpointWatch.observe(file, result, options.clock().millis());
        options.metrics().checkpointed(result.mode().name(), result.complete(), result.checkpointedFrames());
        return result;
    }

    /** Durable backup into a new file and online restore from one ({@link SqliteFileBackup}). */
    @Override
    public Optional<FileBackup> fileBackup() {
        return Optional.of(new SqliteFileBackup(this));
    }

    /** {@code PRAGMA freelist_count}: the file's unused pages, which a {@code VACUUM} would give back. */
    @Override
    public OptionalLong freePages(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA freelist_count")) {
            return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
        }
    }

    /**
     * The {@code -wal} file of the database (it exists only while a connection has the database open, or after a crash).
     * SQLite keeps it beside the file a symbolic link points to, not beside the link.
     */
    public Path walFile() {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException absentOrUnreadable) {
            real = file;
        }
        return real.resolveSibling(real.getFileName() + "-wal");
    }

    private void refuseForeignId(int id) {
        if (id != 0 && id != APPLICATION_ID) {
            throw new ForeignDatabaseException(file + " belongs to another application (SQLite application_id "
                    + String.format("0x%08X", id) + ", forensics-store uses " + String.format("0x%08X", APPLICATION_ID)
                    + "): it was not opened for writing nor migrated; check --db");
        }
    }

    /**
     * A DataSource for Flyway that may create the file, and whose transactions begin IMMEDIATE so that two
     * processes migrating at once wait for each other instead of failing. Opening a connection is retried within the
     * busy timeout while two processes switch a new file to WAL at once ({@link BusyAtOpen}). Its connections are
     * Flyway's to close.
     *
     * @throws DatabaseLocationException when the directory is missing or the path is a directory
     */
    /** A new shared-cache in-memory database per call: Flyway's connections see one database, nothing touches a file. */
    @Override
    public Optional<DataSource> rehearsalDataSource() {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:file:forensics-store-rehearsal-" + REHEARSALS.incrementAndGet()
                + "?mode=memory&cache=shared");
        return Optional.of(dataSource);
    }

    @Override
    public DataSource migrationDataSource() {
        checkLocation();
        SQLiteConfig config = settings(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config) {
            @Override
            public SQLiteConnection getConnection(String username, String password) throws SQLException {
                return BusyAtOpen.open(() -> super.getConnection(username, password), options.busyTimeout());
            }
        };
        dataSource.setUrl(jdbcUrl());
        return dataSource;
    }

    /** An OS file lock beside the database, because Flyway takes none on SQLite; none for a private build (ADR-019). */
    @Override
    public MigrationLock migrationLock() {
        checkLocation();
        if (privateBuild) {
            // Nobody else knows its name: no lock file beside it (whose longer name might not fit, ADR-019).
            return MigrationLock.none();
        }
        return MigrationFileLock.acquire(file);
    }

    private String jdbcUrl() {
        return "jdbc:sqlite:" + file;
    }

    private SQLiteConfig settings(boolean mayCreate) {
        SQLiteConfig config = new SQLiteConfig();
        if (!mayCreate) {
            config.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        // Statement journals in memory (ADR-020). Each UPSERT inside a transaction saves the pages it changes to a
        // statement journal; once one statement passed SQLite's 64 KiB in memory, the journal became a temporary file
        // and every later statement of the connection wrote it again, two system calls a page: 50,000 articles into an
        // existing store made 721,526 pwrite calls instead of 227,000 (and needed room in the temporary folder).
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        if (privateBuild) {
            config.setJournalMode(SQLiteConfig.JournalMode.MEMORY);
            config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
            config.enforceForeignKeys(true);
            config.setBusyTimeout((int) options.busyTimeout().toMillis());
            if (!mayCreate) {
                // A Repository's connection; Flyway's (mayCreate) may be several at once and must not lock each other
                // out.
                config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
            }
            return config;
        }
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        config.setJournalSizeLimit(JOURNAL_SIZE_LIMIT_BYTES);
        config.setWalAutocheckpoint(WAL_AUTOCHECKPOINT_PAGES);
        return config;
    }

    private void checkLocation() {
        Path dir = file.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new DatabaseLocationException(
                    "cannot use " + file + ": directory " + dir + " does not exist; create it or fix --db");
        }
        if (Files.isDirectory(file)) {
            throw new DatabaseLocationException(
                    "cannot use " + file + ": it is a directory, not a database file; point --db at a file");
        }
        SqliteFileCheck.requireUsable(file);
    }

    private boolean isEmpty() {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            return false; // the driver reports why it cannot be read
        }
    }

    /**
     * Empty when Flyway never ran here. Refuses another application's file once more: {@link #connect()} read the
     * header on disk before opening, this reads the id SQLite sees, including a change still in the WAL.
     *
     * @throws ForeignDatabaseException when the file's application_id is another application's
     */
    @Override
    public OptionalInt appliedSchemaVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet identity = statement.executeQuery(IDENTITY_AND_HISTORY)) {
            identity.next();
            refuseForeignId(identity.getInt(1));
            if (identity.getInt(2) == 0) {
                return OptionalInt.empty();
            }
        }
        return SchemaVersion.applied(connection);
    }

    @Override
    public StoreException translate(SQLException error, String action) {
        return SqliteErrors.translate(error, action, shownAs, options.busyTimeout());
    }
}
