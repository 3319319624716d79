package dev.forensics.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.errors.InvalidInputException;
import dev.forensics.store.errors.UnstorableTextException;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text that UTF-8 cannot store exactly (a lone UTF-16 surrogate, as truncated scrapes produce) is refused where values
 * are bound, with {@link UnstorableTextException} naming the field. Before issue 11 it was stored as {@code ?}:
 * {@code https://x.test/a\ud800} overwrote the article at {@code https://x.test/a?}, and three distinct URLs were
 * "inserted" as one row.
 */
class UnstorableTextTest {
    private static final String LONE_HIGH = "https://x.test/a\ud800";
    private static final String LONE_LOW = "https://x.test/a\udc00";
    private static final String QUESTION = "https://x.test/a?";

    @TempDir
    Path dir;

    private Path db;

    @BeforeEach
    void migrate() {
        db = TestFiles.migrated(dir);
    }

    @Test
    void aUrlWithALoneSurrogateIsRefusedNamingTheFieldAndNeverOverwritesTheArticleItWouldFoldInto() {
        try (Repository repo = new Repository(db)) {
            long author = repo.authors().upsert("a", "A");
            repo.articles().upsert(new NewArticle(QUESTION, author, "the real one", null, "kept"));
            for (String url : List.of(LONE_HIGH, LONE_LOW)) {
                assertRefused(
                        () -> repo.articles().upsert(new NewArticle(url, author, "impostor", null, "lost")), "url");
                assertRefused(
                        () -> repo.useTransaction(
                                tx -> tx.articles().upsertAll(List.of(new NewArticle(url, author, "x", null, "y")))),
                        "url");
                assertRefused(() -> repo.articles().existsByUrl(url), "url");
                assertRefused(() -> repo.articles().findByUrl(url), "url");
                assertRefused(() -> repo.articles().findStoredUrls(List.of(url)), "urls");
                assertRefused(() -> repo.articles().recordFetch(url, "b"), "url");
            }
            assertThat(repo.articles().findByUrl(QUESTION))
                    .get()
                    .satisfies(a -> assertThat(a.title()).isEqualTo("the real one"));
        }
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(1);
    }

    @Test
    void titlesBodiesAuthorNamesAndSlugsWithALoneSurrogateAreRefusedNamingTheField() {
        try (Repository repo = new Repository(db)) {
            long author = repo.authors().upsert("a", "A");
            assertRefused(
                    () -> repo.articles().upsert(new NewArticle("https://x.test/1", author, "t\ud800", null, "b")),
                    "title");
            assertRefused(
                    () -> repo.articles().upsert(new NewArticle("https://x.test/1", author, "t", null, "b\udfff")),
                    "body");
            assertRefused(() -> repo.articles().recordFetch("https://x.test/1", "b\ud800"), "body");
            assertRefused(() -> repo.authors().upsert("slug", "Zo\udc00"), "name");
            assertRefused(() -> repo.authors().upsert("slug\ud800", "Zoe"), "slug");
            assertRefused(() -> repo.authors().findBySlug("slug\ud800"), "slug");
        }
        assertThat(DatabaseProbe.count(db, "articles")).isZero();
        assertThat(DatabaseProbe.count(db, "authors")).isEqualTo(1);
    }

    @Test
    void cacheUrlsModelsAndJsonWithALoneSurrogateAreRefusedNamingTheFieldAndNeverReadAnotherUrlsEntry() {
        try (Repository repo = new Repository(db)) {
            repo.llmCache().put(QUESTION, "{\"for\":\"the real one\"}", "m");
            assertRefused(() -> repo.llmCache().put(LONE_HIGH, "{}", "m"), "url");
            assertRefused(() -> repo.llmCache().get(LONE_HIGH), "url");
            assertRefused(() -> repo.llmCache().get(LONE_LOW, "m"), "url");
            assertRefused(() -> repo.llmCache().delete(LONE_HIGH), "url");
            assertRefused(() -> repo.llmCache().put("https://x.test/2", "{}", "m\ud800"), "model");
            assertRefused(() -> repo.llmCache().put("https://x.test/2", "{\"a\":\"\udc00\"}", "m"), "analysisJson");
            assertThat(repo.llmCache().get(QUESTION))
                    .get()
                    .satisfies(e -> assertThat(e.analysisJson()).contains("the real one"));
        }
        assertThat(DatabaseProbe.count(db, "llm_cache")).isEqualTo(1);
    }

    @Test
    void validSurrogatePairsAreStillStoredExactly() {
        try (Repository repo = new Repository(db)) {
            long author = repo.authors().upsert("emoji", "Zoë \uD83D\uDE00");
            repo.articles()
                    .upsert(new NewArticle(
                            "https://x.test/\uD83D\uDE00", author, "\uD835\uDD38", null, "\uD840\uDC00"));
            assertThat(repo.articles().existsByUrl("https://x.test/\uD83D\uDE00"))
                    .isTrue();
            assertThat(repo.authors().findBySlug("emoji"))
                    .get()
                    .satisfies(a -> assertThat(a.name()).isEqualTo("Zoë \uD83D\uDE00"));
        }
    }

    private static void assertRefused(ThrowingCallable call, String field) {
        assertThatThrownBy(call)
                .isInstanceOf(InvalidInputException.class)
                .isInstanceOf(UnstorableTextException.class)
                .hasMessageContaining(field)
                .hasMessageContaining("surrogate")
                .satisfies(
                        e -> assertThat(((UnstorableTextException) e).field()).isEqualTo(field));
    }
}
