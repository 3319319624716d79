package dev.forensics.store;

/**
 * A database that did not exist yet, being built under a private name and published under its own name in one step
 * (ADR-019): until {@link #publish()} nobody can open it, so it is written without the journal and the syncs that
 * protect a shared file, and a failure or a kill leaves nothing under the database's name. Offered by
 * {@link Database#buildAsideIfNew()}; the ingest of a new file uses it. Whoever gets one closes it: closing a build
 * that was not published deletes it.
 */
public interface AsideBuild extends AutoCloseable {

    /**
     * The private database, migrated to the current schema. Open Repositories on it only from the thread that builds,
     * and close them all before {@link #publish()}.
     */
    Database database();

    /**
     * Makes the build durable and gives it the database's name, unless that name appeared meanwhile (another process
     * created the database): then the build is deleted and {@code false} returned, and the caller writes into the
     * database that now exists. After {@code true}, the database is an ordinary one (WAL, every setting in force).
     *
     * @throws StoreException a typed subclass when the build cannot be synced or renamed; the build is deleted then
     */
    boolean publish();

    /**
     * Deletes the build unless it was published; idempotent.
     *
     * @throws StoreException when the private file cannot be deleted (the message names it)
     */
    @Override
    void close();
}
