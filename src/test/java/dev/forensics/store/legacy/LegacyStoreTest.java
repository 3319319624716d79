package dev.forensics.store.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.article.Article;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each shim function against its Repository counterpart on a twin database, and the shim's descriptor hygiene. */
@SuppressWarnings("removal")
class LegacyStoreTest {
    private static final Instant PUBLISHED = Instant.parse("2024-05-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void initDatabaseMigratesLikeRepositoryMigrate() {
        Path legacy = dir.resolve("legacy.db");

        LegacyStore.initDatabase(legacy);

        try (Repository repo = new Repository(legacy)) {
            assertThat(repo.articles().count()).isZero();
        }
    }

    @Test
    void authorFunctionsBehaveLikeTheAuthorDao() {
        Path legacy = TestFiles.migrated(dir, "legacy.db");
        Path modern = TestFiles.migrated(dir, "modern.db");

        long legacyId = LegacyStore.upsertAuthor(legacy, "jane-doe", "Jane Doe");
        long renamedId = LegacyStore.upsertAuthor(legacy, "jane-doe", "Jane Q. Doe");
        try (Repository repo = new Repository(modern)) {
            long id = repo.authors().upsert("jane-doe", "Jane Doe");
            assertThat(repo.authors().upsert("jane-doe", "Jane Q. Doe")).isEqualTo(id);
            assertThat(legacyId).isEqualTo(id).isEqualTo(renamedId);
            assertThat(LegacyStore.getAuthor(legacy, "jane-doe"))
                    .get()
                    .usingRecursiveComparison()
                    .ignoringFields("createdAt", "updatedAt")
                    .isEqualTo(repo.authors().findBySlug("jane-doe").orElseThrow());
            assertThat(LegacyStore.getAuthorById(legacy, id))
                    .map(a -> a.name())
                    .isEqualTo(repo.authors().findById(id).map(a -> a.name()));
            assertThat(LegacyStore.getAuthor(legacy, "nobody"))
                    .isEqualTo(repo.authors().findBySlug("nobody"))
                    .isEmpty();
        }
    }

    @Test
    void articleFunctionsBehaveLikeTheArticleDao() {
        Path legacy = TestFiles.migrated(dir, "legacy.db");
        Path modern = TestFiles.migrated(dir, "modern.db");
        String url = "https://news.example.org/a";

        long author = LegacyStore.upsertAuthor(legacy, "ann", "Ann");
        boolean before = LegacyStore.articleUrlExists(legacy, url);
        long id = LegacyStore.upsertArticle(legacy, url, author, "Title", PUBLISHED, null);
        boolean fetched = LegacyStore.recordArticleBody(legacy, url, "Body text");
        boolean fetchedMissing = LegacyStore.recordArticleBody(legacy, url + "/missing", "x");
        try (Repository repo = new Repository(modern)) {
            long modernAuthor = repo.authors().upsert("ann", "Ann");
            assertThat(before).isEqualTo(repo.articles().existsByUrl(url)).isFalse();
            assertThat(id)
                    .isEqualTo(repo.articles().upsert(new NewArticle(url, modernAuthor, "Title", PUBLISHED, null)));
            assertThat(fetched)
                    .isEqualTo(repo.articles().recordFetch(url, "Body text"))
                    .isTrue();
            assertThat(fetchedMissing)
                    .isEqualTo(repo.articles().recordFetch(url + "/missing", "x"))
                    .isFalse();
            assertThat(LegacyStore.articleUrlExists(legacy, url))
                    .isEqualTo(repo.articles().existsByUrl(url))
                    .isTrue();
            assertSameArticle(
                    LegacyStore.getArticle(legacy, url), repo.articles().findByUrl(url));
            assertThat(LegacyStore.listArticlesByAuthor(legacy, author))
                    .extracting(Article::url)
                    .isEqualTo(repo.articles().listByAuthor(modernAuthor).stream()
                            .map(Article::url)
                            .toList())
                    .containsExactly(url);
            assertThat(LegacyStore.countArticlesByAuthor(legacy, author))
                    .isEqualTo(repo.articles().countByAuthor(modernAuthor))
                    .isEqualTo(1);
        }
    }

    @Test
    void cacheFunctionsBehaveLikeTheLlmCacheDao() {
        Path legacy = TestFiles.migrated(dir, "legacy.db");
        Path modern = TestFiles.migrated(dir, "modern.db");
        String url = "https://news.example.org/a";

        LegacyStore.putCachedAnalysis(legacy, url, "{\"tone\":\"neutral\"}", "gpt-x/prompt-7");
        try (Repository repo = new Repository(modern)) {
            repo.llmCache().put(url, "{\"tone\":\"neutral\"}", "gpt-x/prompt-7");
            assertThat(LegacyStore.getCachedAnalysis(legacy, url, "gpt-x/prompt-7"))
                    .isEqualTo(repo.llmCache().get(url, "gpt-x/prompt-7").map(c -> c.analysisJson()))
                    .contains("{\"tone\":\"neutral\"}");
            assertThat(LegacyStore.getCachedAnalysis(legacy, url, "other-model"))
                    .isEqualTo(repo.llmCache().get(url, "other-model").map(c -> c.analysisJson()))
                    .isEmpty();
        }
    }

    @Test
    void aThousandCallsLeaveTheFileDescriptorCountWhereItWas() {
        Path db = TestFiles.migrated(dir);
        long author = LegacyStore.upsertAuthor(db, "ann", "Ann");
        LegacyStore.articleUrlExists(db, "https://warm.up/");
        long before = TestFiles.openFileDescriptorsOn(db);
        int openBefore = Repository.openCount();

        for (int i = 0; i < 1000; i++) {
            switch (i % 4) {
                case 0 -> LegacyStore.articleUrlExists(db, "https://news.example.org/" + i);
                case 1 -> LegacyStore.upsertArticle(db, "https://news.example.org/" + i, author, "T", null, null);
                case 2 -> LegacyStore.getCachedAnalysis(db, "https://news.example.org/" + i, "m");
                default -> LegacyStore.countArticlesByAuthor(db, author);
            }
        }
        long after = TestFiles.openFileDescriptorsOn(db);

        System.out.println("FIGURE legacy-shim calls=1000 db-fd-before=" + before + " db-fd-after=" + after);
        assertThat(after)
                .as("descriptors open on the database file and its -wal/-shm")
                .isEqualTo(before)
                .isZero();
        assertThat(Repository.openCount()).isEqualTo(openBefore);
    }

    private static void assertSameArticle(Optional<Article> legacy, Optional<Article> modern) {
        assertThat(legacy)
                .get()
                .usingRecursiveComparison()
                .ignoringFields("createdAt", "updatedAt", "fetchedAt")
                .isEqualTo(modern.orElseThrow());
    }
}
