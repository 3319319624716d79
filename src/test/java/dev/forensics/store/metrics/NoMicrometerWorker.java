package dev.forensics.store.metrics;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.sqlite.CheckpointMode;
import dev.forensics.store.sqlite.SqliteMaintenance;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs the library in a JVM whose classpath has no Micrometer: migrate, open, write, read, checkpoint. A 0 ms slow
 * threshold makes every transaction log its caller. Argument: {@code DB}. Prints {@code MICROMETER absent=true} and
 * {@code DONE cached=N} and exits 0.
 */
public final class NoMicrometerWorker {
    private NoMicrometerWorker() {}

    /** Runs the worker; see the class comment. */
    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        boolean absent;
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry");
            absent = false;
        } catch (ClassNotFoundException e) {
            absent = true;
        }
        System.out.println("MICROMETER absent=" + absent);
        Repository.migrate(db);
        try (Repository repo = new Repository(db, StoreOptions.defaults().withSlowTransaction(Duration.ZERO))) {
            repo.useTransaction(tx -> tx.llmCache().put("https://a.example/1", "{}"));
            boolean cached = repo.llmCache().get("https://a.example/1").isPresent();
            repo.database().capability(SqliteMaintenance.class).orElseThrow().checkpoint(CheckpointMode.TRUNCATE);
            System.out.println("DONE cached=" + cached);
        }
    }
}
