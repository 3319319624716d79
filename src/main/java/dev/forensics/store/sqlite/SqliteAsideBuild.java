package dev.forensics.store.sqlite;

import dev.forensics.store.AsideBuild;
import dev.forensics.store.Database;
import dev.forensics.store.StoreException;
import dev.forensics.store.schema.MigrationLock;
import dev.forensics.store.schema.Migrator;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * A new SQLite database built in a hidden file beside its name and renamed into place (ADR-019). The private file starts
 * as a copy of the {@link NewDatabaseTemplate} (or, without one, is migrated by Flyway) and is
 * written with its rollback journal in memory and no sync: nobody else can open it, and a failure or a kill leaves it
 * behind under its private name only (the next build in the directory deletes what a dead process left). Publishing
 * switches it to WAL, syncs it, and puts it under the database's name without replacing anything there
 * ({@link NoReplacePublish}: a hard link, then the private name deleted), holding the migration lock of that name, which
 * every process of this library takes before creating that file: if the name appeared meanwhile, created by anyone,
 * the build is deleted instead and the file there is left as it is. A JVM that
 * shuts down (SIGTERM, Ctrl-C, {@code System.exit}) before publishing deletes the build in a shutdown hook; one that is
 * publishing finishes first, so the hook never deletes a file that is being renamed.
 */
final class SqliteAsideBuild implements AsideBuild {
    private static final ProcessTemporaries TEMPORARIES = new ProcessTemporaries("build");

    private final SqliteDatabase target;
    private final TemporaryClaim claim;
    private final Path temporary;
    private final SqliteDatabase build;
    private final Thread deleteAtExit;
    // Null when the file could not be opened for it; closed before publishing or deleting (guarded by this).
    private EarlyWriteback writeback;
    // Published or deleted (guarded by this); abandoned: deleted by the shutdown hook.
    private boolean finished;
    private boolean abandoned;

    private SqliteAsideBuild(SqliteDatabase target, TemporaryClaim claim) {
        this.target = target;
        this.claim = claim;
        this.temporary = claim.temporary();
        this.build = SqliteDatabase.privateBuild(temporary, target);
        this.deleteAtExit = new Thread(this::abandon, "forensics-store: delete " + temporary.getFileName());
    }

    /**
     * Creates the private file of a new database at {@code target}'s path, at the latest schema version.
     *
     * @throws StoreException a typed subclass when it cannot be created (read-only directory, full disk); nothing is
     *                        left then
     */
    static SqliteAsideBuild start(SqliteDatabase target) {
        TEMPORARIES.deleteLeftovers(target.file());
        SqliteAsideBuild aside;
        try {
            aside = new SqliteAsideBuild(target, TEMPORARIES.claimNext(target.file()));
        } catch (IOException e) {
            throw SqliteErrors.translate(e, "creating the new database " + target.file(), target.file());
        }
        Runtime.getRuntime().addShutdownHook(aside.deleteAtExit);
        try {
            if (!NewDatabaseTemplate.copyTo(aside.temporary)) {
                Migrator.migrate(aside.build);
            }
            aside.writeback = EarlyWriteback.start(aside.temporary);
            return aside;
        } catch (IOException e) {
            StoreException failure =
                    SqliteErrors.translate(e, "creating the new database " + target.file(), target.file());
            aside.discard(failure);
            throw failure;
        } catch (RuntimeException e) {
            aside.discard(e);
            throw e;
        }
    }

    @Override
    public Database database() {
        return build;
    }

    @Override
    public synchronized boolean publish() {
        if (abandoned) {
            throw new StoreException("the JVM is shutting down: the private build of " + target.file()
                    + " was deleted and nothing was written under that name; run the command again");
        }
        if (finished) {
            throw new IllegalStateException("the build of " + target.file() + " was already published or closed");
        }
        String action = "publishing the new database " + target.file() + " (built as " + temporary.getFileName() + ")";
        try {
            stopWriteback();
            switchToWal(action);
            ProcessTemporaries.sync(temporary);
            try (MigrationLock name = target.migrationLock()) {
                if (!NoReplacePublish.publish(temporary, target.file())) {
                    close();
                    return false;
                }
                finished = true;
            }
            claim.close();
            removeShutdownHook();
            ProcessTemporaries.sync(target.file().getParent());
            return true;
        } catch (IOException e) {
            StoreException failure = new StoreException(
                    action + " failed: " + e + "; nothing was written under " + target.file()
                            + ": free space or fix the directory's permissions, then run the command again",
                    e);
            discard(failure);
            throw failure;
        } catch (RuntimeException e) {
            discard(e);
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        stopWriteback();
        if (!finished) {
            finished = true;
            ProcessTemporaries.delete(temporary);
        }
        claim.close();
        removeShutdownHook();
    }

    /** The shutdown hook: deletes the build unless it was published; waits for a {@link #publish()} under way. */
    private synchronized void abandon() {
        if (!finished) {
            finished = true;
            abandoned = true;
            try {
                ProcessTemporaries.delete(temporary);
                claim.close();
            } catch (StoreException leftForTheNextBuild) {
                // Nowhere to report it at exit; the next build in the directory deletes what this process left.
            }
        }
    }

    /** The build's connections are closed by now (publishing, closing), or the JVM is exiting (the shutdown hook). */
    private void stopWriteback() {
        if (writeback != null) {
            writeback.close();
            writeback = null;
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(deleteAtExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run: it found the build finished, or deleted it.
        }
    }

    /**
     * The journal mode is kept in the file: switched on a connection of its own (the build's are closed by now), whose
     * closing, the last one, leaves no {@code -wal} behind.
     */
    private void switchToWal(String action) {
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + temporary);
                Statement statement = connection.createStatement();
                ResultSet mode = statement.executeQuery("PRAGMA journal_mode=WAL")) {
            if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
                throw new StoreException(action + " failed: SQLite kept the journal mode '"
                        + (mode.getRow() == 0 ? "?" : mode.getString(1)) + "' instead of WAL; run the command again");
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate(
                    e, action, target.file(), target.options().busyTimeout());
        }
    }

    private void discard(Exception failure) {
        try {
            close();
        } catch (StoreException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }
}
