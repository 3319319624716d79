package dev.forensics.store.postgres;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.errors.MissingDependencyException;
import java.nio.file.Path;

/**
 * Runs in a JVM whose classpath may lack the optional PostgreSQL artifacts: uses a SQLite file (which must work without
 * them), then opens a PostgreSQL URL nobody listens on. Argument: {@code DB}. Prints {@code SQLITE cached=true}, then
 * {@code MISSING <artifacts>} and {@code MESSAGE <message>} for a {@link MissingDependencyException}, or
 * {@code OTHER <class>: <message>} for any other StoreException; exits 0 either way.
 */
public final class PostgresOpenWorker {
    private PostgresOpenWorker() {}

    /** Runs the worker; see the class comment. */
    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        Repository.migrate(db);
        try (Repository repo = new Repository(db)) {
            repo.llmCache().put("https://a.example/1", "{}");
            System.out.println("SQLITE cached="
                    + repo.llmCache().get("https://a.example/1").isPresent());
        }
        try (PostgresDatabase pg = PostgresDatabase.open(
                "jdbc:postgresql://127.0.0.1:1/none",
                null,
                null,
                StoreOptions.defaults().withBusyTimeout(java.time.Duration.ofMillis(250)))) {
            System.out.println("OPENED " + pg.displayName());
        } catch (MissingDependencyException e) {
            System.out.println("MISSING " + String.join(",", e.missingArtifacts()));
            System.out.println("MESSAGE " + e.getMessage());
        } catch (StoreException e) {
            System.out.println("OTHER " + e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
