package dev.forensics.store.llmcache;

import dev.forensics.store.internal.InstantText;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reads of one Repository's cache not yet written to {@code used_at} (ADR-013): a read only notes its key and
 * instant here, in memory; the notes are written in one batch by the next put or store of this Repository (inside
 * its write), or by a read once {@link #MAX_PENDING} keys or {@link #MAX_AGE} have gathered, or at close.
 * A key read many times is written once, with its latest instant. Not thread-safe, like the Repository.
 */
final class UsageLog {
    /** A read writes the notes once this many distinct keys wait. */
    static final int MAX_PENDING = 64;
    /** A read writes the notes once the oldest has waited this long (by the Repository's clock). */
    static final Duration MAX_AGE = Duration.ofSeconds(2);

    static final String TOUCH = "UPDATE llm_cache SET used_at = ? WHERE url_hash = ? AND model = ? AND used_at < ?";

    private final Map<Key, String> pending = new LinkedHashMap<>();
    private Instant oldest;

    /** A key read at {@code at}. */
    void read(String urlHash, String model, Instant at) {
        if (pending.isEmpty()) {
            oldest = at;
        }
        pending.put(new Key(urlHash, model), InstantText.format(at));
    }

    /** Whether a read at {@code now} should write the notes. */
    boolean due(Instant now) {
        return !pending.isEmpty() && (pending.size() >= MAX_PENDING || !now.isBefore(oldest.plus(MAX_AGE)));
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Binds every note into {@code touch} ({@link #TOUCH}) as a batch and runs it; the notes are kept until {@link #clear()}. */
    void writeTo(PreparedStatement touch) throws SQLException {
        for (Map.Entry<Key, String> note : pending.entrySet()) {
            touch.setString(1, note.getValue());
            touch.setString(2, note.getKey().urlHash());
            touch.setString(3, note.getKey().model());
            touch.setString(4, note.getValue());
            touch.addBatch();
        }
        touch.executeBatch();
    }

    /** Forgets the notes (written, or given up). */
    void clear() {
        pending.clear();
    }

    private record Key(String urlHash, String model) {}
}
