package dev.forensics.store.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.errors.ConstraintViolationException;
import dev.forensics.store.internal.Sha256;
import dev.forensics.store.testing.StoreExtension;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs on StoreExtension: each test gets a fresh migrated file, closed and checked for leaks after it. */
@ExtendWith(StoreExtension.class)
class ArticleDaoTest {
    @Test
    void upsertingTheSameUrlTwiceUpdatesTheArticleAndNeverDuplicatesIt(Repository repo) {
        long author = repo.authors().upsert("jane-doe", "Jane Doe");
        long first = repo.articles().upsert(new NewArticle("https://a.example/1", author, "Draft", null, "v1"));
        long second = repo.articles().upsert(new NewArticle("https://a.example/1", author, "Final", null, "v2"));
        assertThat(second).isEqualTo(first);
        assertThat(repo.articles().count()).isEqualTo(1);
        Article stored = repo.articles().findByUrl("https://a.example/1").orElseThrow();
        assertThat(stored.title()).isEqualTo("Final");
        assertThat(stored.body()).isEqualTo("v2");
        assertThat(stored.contentHash()).isEqualTo(Sha256.hex("v2"));
    }

    @Test
    void theHandBoundLookupByUrlReadsEveryFieldAsTheSqlObjectQueriesDo(Repository repo) {
        long author = repo.authors().upsert("jane-doe", "Jane Doe");
        repo.articles()
                .upsert(new NewArticle(
                        "https://a.example/1", author, "T", java.time.Instant.parse("2024-05-01T12:00:00Z"), "b"));
        repo.articles().upsert(new NewArticle("https://a.example/2", author, null, null, null));

        for (Article listed : repo.articles().listByAuthor(author)) {
            assertThat(repo.articles().findByUrl(listed.url())).contains(listed);
        }
        assertThat(repo.articles().listByAuthor(author)).hasSize(2);
    }

    @Test
    void aContentHashGivenWithTheArticleIsStoredAndNoneGivenIsComputed(Repository repo) {
        long author = repo.authors().upsert("jane-doe", "Jane Doe");
        String given = Sha256.hex("body one");

        repo.articles()
                .insertAllNew(List.of(
                        new NewArticle("https://a.example/1", author, null, null, "body one", given),
                        new NewArticle("https://a.example/2", author, null, null, "body two")));

        assertThat(repo.articles()
                        .findByUrl("https://a.example/1")
                        .orElseThrow()
                        .contentHash())
                .isEqualTo(given);
        assertThat(repo.articles()
                        .findByUrl("https://a.example/2")
                        .orElseThrow()
                        .contentHash())
                .isEqualTo(Sha256.hex("body two"));
    }

    @Test
    void aContentHashThatIsNotSixtyFourLowerCaseHexDigitsOrHasNoBodyIsRefused() {
        String upperCase = Sha256.hex("b").toUpperCase(java.util.Locale.ROOT);

        assertThatThrownBy(() -> new NewArticle("https://a.example/1", 1, null, null, "b", upperCase))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 lower-case hex digits");
        assertThatThrownBy(() -> new NewArticle("https://a.example/1", 1, null, null, "b", "abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 3 characters");
        assertThatThrownBy(() -> new NewArticle("https://a.example/1", 1, null, null, null, Sha256.hex("b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a body has no content hash");
    }

    @Test
    void aSixtyFourCharacterContentHashWithAnUpperCaseDigitIsRefusedNamingThatDigitNotItsLength() {
        String hash = Sha256.hex("b");
        int at = hash.indexOf('a') >= 0 ? hash.indexOf('a') : hash.indexOf('b');
        String oneUpperCase = hash.substring(0, at) + Character.toUpperCase(hash.charAt(at)) + hash.substring(at + 1);

        assertThatThrownBy(() -> new NewArticle("https://a.example/1", 1, null, null, "b", oneUpperCase))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("character " + (at + 1) + " is '" + oneUpperCase.charAt(at) + "'")
                .hasMessageNotContaining("was 64 characters");
    }

    @Test
    void anUpsertWithoutBodyKeepsTheStoredBody(Repository repo) {
        long author = repo.authors().upsert("jane-doe", "Jane Doe");
        repo.articles().upsert(new NewArticle("https://a.example/1", author, "t", null, "fetched body"));
        repo.articles().upsert(new NewArticle("https://a.example/1", author, "t2", null, null));
        assertThat(repo.articles()
                        .findByUrl("https://a.example/1")
                        .orElseThrow()
                        .body())
                .isEqualTo("fetched body");
    }

    @Test
    void existsByUrlTellsStoredFromUnknownUrls(Repository repo) {
        long author = repo.authors().upsert("jane-doe", "Jane Doe");
        repo.articles().upsert(new NewArticle("https://a.example/1", author, null, null, null));
        assertThat(repo.articles().existsByUrl("https://a.example/1")).isTrue();
        assertThat(repo.articles().existsByUrl("https://a.example/2")).isFalse();
    }

    @Test
    void findStoredUrlsReturnsExactlyTheStoredOnesAcrossMoreThanOneQueryChunk(Repository repo) {
        long author = repo.authors().upsert("jane-doe", "Jane Doe");
        List<NewArticle> stored = IntStream.range(0, 1_200)
                .mapToObj(i -> new NewArticle("https://a.example/" + (2 * i), author, null, null, null))
                .toList();
        repo.useTransaction(tx -> tx.articles().upsertAll(stored));
        List<String> asked = IntStream.range(0, 2_400)
                .mapToObj(i -> "https://a.example/" + i)
                .toList();
        assertThat(repo.articles().findStoredUrls(asked))
                .hasSize(1_200)
                .allMatch(url -> Integer.parseInt(url.substring(url.lastIndexOf('/') + 1)) % 2 == 0);
        assertThat(repo.articles().findStoredUrls(List.of())).isEmpty();
    }

    @Test
    void upsertAllIsIdempotentForTheSameBatch(Repository repo) {
        long author = repo.authors().upsert("jane-doe", "Jane Doe");
        List<NewArticle> batch = List.of(
                new NewArticle("https://a.example/1", author, "a", null, "x"),
                new NewArticle("https://a.example/2", author, "b", null, "y"));
        repo.useTransaction(tx -> tx.articles().upsertAll(batch));
        repo.useTransaction(tx -> tx.articles().upsertAll(batch));
        assertThat(repo.articles().count()).isEqualTo(2);
    }

    @Test
    void listAndCountByAuthorSeeOnlyThatAuthorsArticles(Repository repo) {
        long jane = repo.authors().upsert("jane-doe", "Jane Doe");
        long john = repo.authors().upsert("john-roe", "John Roe");
        repo.articles().upsert(new NewArticle("https://a.example/j1", jane, null, null, null));
        repo.articles().upsert(new NewArticle("https://a.example/j2", jane, null, null, null));
        repo.articles().upsert(new NewArticle("https://a.example/r1", john, null, null, null));
        assertThat(repo.articles().countByAuthor(jane)).isEqualTo(2);
        assertThat(repo.articles().listByAuthor(jane))
                .extracting(Article::url)
                .containsExactly("https://a.example/j1", "https://a.example/j2");
    }

    @Test
    void recordFetchStoresBodyHashAndFetchTimeOrReportsAnUnknownUrl(Repository repo) {
        long author = repo.authors().upsert("jane-doe", "Jane Doe");
        repo.articles()
                .upsert(new NewArticle(
                        "https://a.example/1", author, null, Instant.parse("2024-05-01T12:00:00Z"), null));
        assertThat(repo.articles().recordFetch("https://a.example/1", "<p>body</p>"))
                .isTrue();
        assertThat(repo.articles().recordFetch("https://a.example/unknown", "x"))
                .isFalse();
        Article stored = repo.articles().findByUrl("https://a.example/1").orElseThrow();
        assertThat(stored.contentHash()).isEqualTo(Sha256.hex("<p>body</p>"));
        assertThat(stored.fetchedAt()).isNotNull();
        assertThat(stored.publishedAt()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    }

    @Test
    void anArticleOfAnUnknownAuthorIsATypedConstraintViolation(Repository repo) {
        assertThatThrownBy(() -> repo.articles().upsert(new NewArticle("https://a.example/1", 999, null, null, null)))
                .isInstanceOf(ConstraintViolationException.class)
                .hasMessageContaining("forensics.db");
        assertThat(repo.articles().count()).isZero();
    }
}
