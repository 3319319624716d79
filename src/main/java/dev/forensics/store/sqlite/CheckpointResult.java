package dev.forensics.store.sqlite;

/**
 * What one {@code PRAGMA wal_checkpoint} reported. A TRUNCATE that succeeded reports 0 and 0 frames: the WAL is empty.
 *
 * @param mode               the mode it ran in
 * @param busy               whether it could not finish because a reader or writer held the WAL (SQLite's first column)
 * @param logFrames          frames in the WAL when it ran (-1 when the database is not in WAL mode)
 * @param checkpointedFrames frames copied into the database file (-1 when not in WAL mode)
 */
public record CheckpointResult(CheckpointMode mode, boolean busy, long logFrames, long checkpointedFrames) {

    /** Whether every WAL frame is now in the database file (readers holding old snapshots prevent this). */
    public boolean complete() {
        return !busy && checkpointedFrames >= logFrames;
    }

    /**
     * Whether it did nothing because another connection (of any process) was running a checkpoint: SQLite never waits
     * for the checkpoint lock, in any mode, and then reports busy with no frame counts. Says nothing about readers.
     */
    public boolean anotherCheckpointRunning() {
        return busy && logFrames < 0;
    }
}
