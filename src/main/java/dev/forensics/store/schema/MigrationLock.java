package dev.forensics.store.schema;

/** Held while Flyway runs, so that two processes migrating one database take turns; closing releases it. */
public interface MigrationLock extends AutoCloseable {

    /** Releases the lock; a failure to release is a {@link dev.forensics.store.StoreException}. */
    @Override
    void close();

    /** For databases whose Flyway support locks by itself (PostgreSQL takes an advisory lock). */
    static MigrationLock none() {
        return () -> {};
    }
}
