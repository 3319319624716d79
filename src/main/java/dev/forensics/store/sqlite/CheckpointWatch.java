package dev.forensics.store.sqlite;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers, per database file in this JVM, since when checkpoints have been failing to complete (readers holding
 * old snapshots), and logs that once per episode: a WARN the first time an episode has lasted {@link #WARN_AFTER_MS},
 * and an INFO when a checkpoint completes again. A checkpoint that found another one running tells nothing either way
 * and is ignored. Holds paths and timestamps only, never a connection.
 */
final class CheckpointWatch {
    /** How long checkpoints must have been incomplete before the one WARN of the episode. */
    static final long WARN_AFTER_MS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointWatch.class);
    private static final Map<Path, Episode> EPISODES = new ConcurrentHashMap<>();

    private CheckpointWatch() {}

    /**
     * Notes one checkpoint's result for {@code file} at {@code nowMillis} and logs when an episode crosses a line;
     * returns whether this call logged the episode's one WARN.
     */
    static boolean observe(Path file, CheckpointResult result, long nowMillis) {
        if (result.anotherCheckpointRunning()) {
            return false; // another connection's checkpoint ran: nothing learnt about readers
        }
        if (result.complete()) {
            Episode ended = EPISODES.remove(file);
            if (ended != null && ended.warned) {
                LOG.info(
                        "Checkpoint of {} completed again after being blocked for {} ms",
                        file,
                        nowMillis - ended.since);
            }
            return false;
        }
        Episode episode = EPISODES.computeIfAbsent(file, f -> new Episode(nowMillis));
        long blocked = nowMillis - episode.since;
        if (!episode.warned && blocked >= WARN_AFTER_MS) {
            episode.warned = true;
            LOG.warn(
                    "Checkpoint of {} cannot complete: readers hold old snapshots; blocked for {} ms ({} of {} WAL frames copied,"
                            + " mode {}). The -wal file grows until they finish: keep reads short and outside transactions",
                    file,
                    blocked,
                    result.checkpointedFrames(),
                    result.logFrames(),
                    result.mode());
            return true;
        }
        return false;
    }

    /** Since when checkpoints of {@code file} have been incomplete, or -1 when the last one completed. */
    static long blockedSince(Path file) {
        Episode episode = EPISODES.get(file);
        return episode == null ? -1 : episode.since;
    }

    private static final class Episode {
        final long since;
        volatile boolean warned;

        Episode(long since) {
            this.since = since;
        }
    }
}
