package dev.forensics.store.reliability.workers;

import dev.forensics.store.Repository;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * Runs {@code Repository.migrate} on a new file while its classpath carries the test's never-ending Flyway callback
 * ({@code afterEachMigrate.sql}, which loops inside the migration after which {@code COMMITTED} versions are
 * committed), and tells the test the moment the migration is stuck inside it, so that a kill lands inside that
 * migration's transaction by construction, not by timing. Arguments: {@code DB COMMITTED}. A watcher thread prints
 * {@code INSIDE-MIGRATION committed=<n>} once (1) {@code COMMITTED} versions are committed in the file (read through a
 * connection of its own) and then (2) the main thread is seen stepping a statement of a Flyway SQL callback: the
 * callback of the migration after those, which never ends.
 */
public final class StuckMigrationWorker {
    private static final String CALLBACK_FRAME =
            "org.flywaydb.core.internal.callback.SqlScriptCallbackFactory$SqlScriptCallback";
    private static final String STEP_FRAME = "org.sqlite.core.NativeDB";

    private StuckMigrationWorker() {}

    /** Runs the migration and the watcher; see the class comment for the arguments. */
    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        int committed = Integer.parseInt(args[1]);
        Thread main = Thread.currentThread();
        Thread watcher = new Thread(() -> watch(db, committed, main), "stuck-migration-watcher");
        watcher.setDaemon(true);
        watcher.start();
        Repository.migrate(db);
        System.out.println("MIGRATED (the never-ending callback did not stop it)");
    }

    private static void watch(Path db, int committed, Thread main) {
        try {
            while (true) {
                // In this order: once the versions before are committed, the next callback to step is the stuck one.
                if (committedVersions(db) == committed && steppingACallback(main)) {
                    System.out.println("INSIDE-MIGRATION committed=" + committed);
                    System.out.flush();
                    return;
                }
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean steppingACallback(Thread main) {
        StackTraceElement[] stack = main.getStackTrace();
        return Arrays.stream(stack)
                        .anyMatch(f -> f.getClassName().equals(CALLBACK_FRAME)
                                && f.getMethodName().equals("handle"))
                && Arrays.stream(stack)
                        .anyMatch(f -> f.getClassName().equals(STEP_FRAME)
                                && f.getMethodName().equals("step"));
    }

    /** Committed rows of the Flyway history, -1 while the file or the table does not exist yet. */
    private static long committedVersions(Path db) {
        if (!db.toFile().exists()) {
            return -1;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success = 1")) {
            return rows.next() ? rows.getLong(1) : -1;
        } catch (SQLException e) {
            return -1; // not created yet, or not yet a database
        }
    }
}
