package dev.forensics.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-block statement reuse of {@link StatementCache}, on real SQLite files. */
class StatementCacheTest {
    @TempDir
    Path dir;

    private static NewArticle article(long authorId, String url) {
        return new NewArticle(url, authorId, "t", null, "b");
    }

    @Test
    void aRepeatedLookupSeesRowsThatAnotherConnectionCommittedSinceTheLastOne() {
        Path file = TestFiles.migrated(dir);
        try (var reader = new Repository(file);
                var writer = new Repository(file)) {
            long author = writer.authors().upsert("a", "A");
            assertThat(reader.articles().existsByUrl("https://x/1")).isFalse();
            writer.articles().upsert(article(author, "https://x/1"));
            assertThat(reader.articles().existsByUrl("https://x/1")).isTrue();
        }
    }

    @Test
    void aQueryRunWhileTheSameQueryIsStillIteratingGetsItsOwnStatement() {
        Path file = TestFiles.migrated(dir);
        try (var repo = new Repository(file)) {
            long author = repo.authors().upsert("a", "A");
            repo.articles().upsert(article(author, "https://x/1"));
            repo.articles().upsert(article(author, "https://x/2"));
            String sql = "SELECT url FROM articles ORDER BY url";
            List<String> pairs = repo.withHandle(h -> {
                List<String> seen = new ArrayList<>();
                try (var outer = h.createQuery(sql).mapTo(String.class).stream()) {
                    outer.forEach(url -> seen.add(url + ":"
                            + h.createQuery(sql).mapTo(String.class).list().size()));
                }
                return seen;
            });
            assertThat(pairs).containsExactly("https://x/1:2", "https://x/2:2");
        }
    }

    @Test
    void aBatchThatFailedLeavesNothingQueuedForTheNextOne() {
        Path file = TestFiles.migrated(dir);
        try (var repo = new Repository(file)) {
            long author = repo.authors().upsert("a", "A");
            List<NewArticle> bad =
                    List.of(article(author, "https://x/ok"), article(author + 99, "https://x/no-author"));
            assertThat(org.assertj.core.api.Assertions.catchThrowable(
                            () -> repo.useTransaction(tx -> tx.articles().upsertAll(bad))))
                    .isNotNull();
            repo.useTransaction(tx -> tx.articles().upsertAll(List.of(article(author, "https://x/2"))));
            assertThat(repo.articles().count()).isEqualTo(1);
        }
    }

    @Test
    void moreDistinctStatementsThanTheCapacityStillRunCorrectly() {
        Path file = TestFiles.migrated(dir);
        try (var repo = new Repository(file)) {
            for (int i = 0; i < StatementCache.CAPACITY * 2; i++) {
                int n = i;
                int value = repo.withHandle(
                        h -> h.createQuery("SELECT " + n).mapTo(Integer.class).one());
                assertThat(value).isEqualTo(n);
            }
            int zero = repo.withHandle(
                    h -> h.createQuery("SELECT 0").mapTo(Integer.class).one());
            assertThat(zero).isZero();
        }
    }
}
