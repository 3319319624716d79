package dev.forensics.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.reliability.workers.SharedLockProbe;
import dev.forensics.store.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a second Repository on a file must not cancel the SQLite locks a first one of the same process holds: on
 * POSIX systems closing any descriptor of a file drops all of the process's locks on it (sqlite.org, "How To Corrupt
 * An SQLite Database File", 2.2). Before the fix the identity check read the header through a Java channel and closed
 * it, which released the first connection's SHARED lock: another process could then take the database exclusively
 * (a last close that checkpoints and deletes the WAL under the first connection).
 */
class SqliteLocksKeptTest {
    @TempDir
    Path dir;

    @Test
    void openingAndClosingASecondRepositoryKeepsTheFirstOnesSharedLock() {
        Path db = dir.resolve("forensics.db");
        Repository.migrate(db);
        try (Repository first = new Repository(db)) {
            first.articles().count();
            String before = probe(db);

            new Repository(db).close();

            assertThat(before).as("the first Repository holds a SHARED lock").isEqualTo("HELD");
            assertThat(probe(db))
                    .as("still held after a second Repository opened and closed")
                    .isEqualTo("HELD");
        }
    }

    private String probe(Path db) {
        ChildJvm.Result result = ChildJvm.run(dir, Duration.ofMinutes(5), SharedLockProbe.class, db.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out().strip();
    }
}
