package dev.forensics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.article.Article;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.errors.ConstraintViolationException;
import dev.forensics.store.errors.SchemaNotMigratedException;
import dev.forensics.store.internal.Sha256;
import dev.forensics.store.llmcache.CachedAnalysis;
import dev.forensics.store.postgres.PostgresDatabase;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.testing.EmbeddedPostgresServer;
import dev.forensics.store.testing.SettableClock;
import dev.forensics.store.testing.TestDatabase.Vendor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The DAO and transaction behaviour that must be the same on SQLite and PostgreSQL: every test runs once per
 * {@link Vendor} on a freshly migrated database (a new file, or a new PostgreSQL schema).
 */
class DaoBehaviourTest {
    @TempDir
    Path dir;

    private static NewArticle article(long authorId, String url, String body) {
        return new NewArticle(url, authorId, "title of " + url, Instant.parse("2024-05-01T12:00:00Z"), body);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void upsertingTheSameArticleTwiceKeepsOneRowWithTheSameIdAndTheNewTitle(Vendor vendor) {
        try (var db = vendor.migrated(dir);
                var repo = new Repository(db.database())) {
            long author = repo.authors().upsert("jane-doe", "Jane Doe");
            long first = repo.articles().upsert(article(author, "https://a.example/1", "body"));
            long second =
                    repo.articles().upsert(new NewArticle("https://a.example/1", author, "new title", null, null));
            assertThat(second).isEqualTo(first);
            assertThat(repo.articles().count()).isEqualTo(1);
            Article stored = repo.articles().findByUrl("https://a.example/1").orElseThrow();
            assertThat(stored.title()).isEqualTo("new title");
            assertThat(stored.body()).as("a null body keeps the stored body").isEqualTo("body");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aBatchUpsertStoresEveryFieldInItsOwnColumnWithTheClocksTime(Vendor vendor) {
        Instant now = Instant.parse("2024-06-02T03:04:05.123456789Z");
        try (var db = vendor.migrated(dir, StoreOptions.defaults().withClock(new SettableClock(now)));
                var repo = new Repository(db.database())) {
            long author = repo.authors().upsert("jane-doe", "Jane Doe");
            repo.useTransaction(tx -> tx.articles()
                    .upsertAll(List.of(
                            article(author, "https://a.example/fetched", "the body"),
                            new NewArticle("https://a.example/unfetched", author, null, null, null))));

            Article fetched =
                    repo.articles().findByUrl("https://a.example/fetched").orElseThrow();
            assertThat(fetched)
                    .extracting(
                            Article::url,
                            Article::authorId,
                            Article::title,
                            Article::publishedAt,
                            Article::body,
                            Article::contentHash,
                            Article::fetchedAt,
                            Article::createdAt,
                            Article::updatedAt)
                    .containsExactly(
                            "https://a.example/fetched",
                            author,
                            "title of https://a.example/fetched",
                            Instant.parse("2024-05-01T12:00:00Z"),
                            "the body",
                            Sha256.hex("the body"),
                            now,
                            now,
                            now);
            Article unfetched =
                    repo.articles().findByUrl("https://a.example/unfetched").orElseThrow();
            assertThat(unfetched)
                    .extracting(
                            Article::title,
                            Article::publishedAt,
                            Article::body,
                            Article::contentHash,
                            Article::fetchedAt,
                            Article::createdAt)
                    .containsExactly(null, null, null, null, null, now);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aCachedAnalysisComesBackWithEveryFieldAsItWasPut(Vendor vendor) {
        Instant now = Instant.parse("2024-06-02T03:04:05.123456789Z");
        try (var db = vendor.migrated(dir, StoreOptions.defaults().withClock(new SettableClock(now)));
                var repo = new Repository(db.database())) {
            repo.llmCache().put("https://a.example/1", "{\"verdict\":\"credible\"}", "model-a");
            assertThat(repo.llmCache().get("https://a.example/1", "model-a"))
                    .contains(new CachedAnalysis(
                            Sha256.hex("https://a.example/1"),
                            "https://a.example/1",
                            "model-a",
                            "{\"verdict\":\"credible\"}",
                            now));
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void upsertingAnAuthorAgainRenamesItAndKeepsItsId(Vendor vendor) {
        try (var db = vendor.migrated(dir);
                var repo = new Repository(db.database())) {
            long id = repo.authors().upsert("jane-doe", "Jane Doe");
            assertThat(repo.authors().upsert("jane-doe", "Jane Q. Doe")).isEqualTo(id);
            assertThat(repo.authors().findBySlug("jane-doe").orElseThrow().name())
                    .isEqualTo("Jane Q. Doe");
            assertThat(repo.authors().count()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void existsByUrlIsTrueOnlyForStoredUrls(Vendor vendor) {
        try (var db = vendor.migrated(dir);
                var repo = new Repository(db.database())) {
            long author = repo.authors().upsert("jane-doe", "Jane Doe");
            repo.articles().upsert(article(author, "https://a.example/1", null));
            assertThat(repo.articles().existsByUrl("https://a.example/1")).isTrue();
            assertThat(repo.articles().existsByUrl("https://a.example/2")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void findStoredUrlsReturnsExactlyTheStoredOnesAcrossSeveralQueries(Vendor vendor) {
        try (var db = vendor.migrated(dir);
                var repo = new Repository(db.database())) {
            long author = repo.authors().upsert("jane-doe", "Jane Doe");
            List<NewArticle> stored = IntStream.range(0, 1_200)
                    .mapToObj(i -> article(author, "https://a.example/" + i, null))
                    .toList();
            repo.useTransaction(tx -> tx.articles().upsertAll(stored));
            List<String> asked = new ArrayList<>();
            IntStream.range(600, 1_800).forEach(i -> asked.add("https://a.example/" + i));
            Set<String> expected = IntStream.range(600, 1_200)
                    .mapToObj(i -> "https://a.example/" + i)
                    .collect(Collectors.toSet());
            assertThat(repo.articles().findStoredUrls(asked)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aCachedAnalysisIsAHitForItsModelAndAMissForAnotherModelOrUrl(Vendor vendor) {
        try (var db = vendor.migrated(dir);
                var repo = new Repository(db.database())) {
            repo.llmCache().put("https://a.example/1", "{\"sentiment\":\"neutral\"}", "model-a");
            assertThat(repo.llmCache().get("https://a.example/1", "model-a"))
                    .get()
                    .extracting(CachedAnalysis::analysisJson)
                    .isEqualTo("{\"sentiment\":\"neutral\"}");
            assertThat(repo.llmCache().get("https://a.example/1", "model-b")).isEmpty();
            assertThat(repo.llmCache().get("https://a.example/2")).isEmpty();
            repo.llmCache().put("https://a.example/1", "{\"v\":2}", "model-b");
            assertThat(repo.llmCache().get("https://a.example/1", "model-b")).isPresent();
            assertThat(repo.llmCache().get("https://a.example/1", "model-a"))
                    .as("model-b's put keeps model-a's entry")
                    .isPresent();
            assertThat(repo.llmCache().stats().entries()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void pruneRemovesOnlyEntriesCachedBeforeTheCutoff(Vendor vendor) {
        var clock = new SettableClock(Instant.parse("2024-01-01T00:00:00Z"));
        try (var db = vendor.migrated(dir, StoreOptions.defaults().withClock(clock));
                var repo = new Repository(db.database())) {
            repo.llmCache().put("https://a.example/old", "{}");
            clock.set(Instant.parse("2024-03-01T00:00:00.000000001Z"));
            repo.llmCache().put("https://a.example/new", "{}");
            assertThat(repo.llmCache().prune(Duration.ofDays(30))).isEqualTo(1);
            assertThat(repo.llmCache().get("https://a.example/old")).isEmpty();
            assertThat(repo.llmCache().get("https://a.example/new"))
                    .get()
                    .extracting(CachedAnalysis::cachedAt)
                    .isEqualTo(Instant.parse("2024-03-01T00:00:00.000000001Z"));
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rollsBackEveryWriteWhenTheLambdaThrows(Vendor vendor) {
        try (var db = vendor.migrated(dir);
                var repo = new Repository(db.database())) {
            var failure = new IllegalStateException("scraper gave up");
            assertThatThrownBy(() -> repo.useTransaction(tx -> {
                        long author = tx.authors().upsert("jane-doe", "Jane Doe");
                        tx.articles().upsert(article(author, "https://a.example/1", "body"));
                        tx.llmCache().put("https://a.example/1", "{}");
                        throw failure;
                    }))
                    .isSameAs(failure);
            assertThat(repo.authors().count()).isZero();
            assertThat(repo.articles().count()).isZero();
            assertThat(repo.llmCache().stats().entries()).isZero();
            repo.llmCache().put("https://a.example/2", "{}");
            assertThat(repo.llmCache().stats().entries())
                    .as("autocommit works again after the rollback")
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aFailedNestedTransactionUndoesOnlyItsOwnWritesAndTheOuterOneCommits(Vendor vendor) {
        try (var db = vendor.migrated(dir);
                var repo = new Repository(db.database())) {
            repo.useTransaction(tx -> {
                long author = tx.authors().upsert("jane-doe", "Jane Doe");
                tx.articles().upsert(article(author, "https://a.example/1", null));
                assertThatThrownBy(() -> tx.useTransaction(inner -> {
                            inner.articles().upsert(article(author, "https://a.example/2", null));
                            inner.articles().upsert(article(999_999, "https://a.example/3", null));
                        }))
                        .isInstanceOf(ConstraintViolationException.class);
                tx.articles().upsert(article(author, "https://a.example/4", null));
            });
            assertThat(repo.articles()
                            .findStoredUrls(List.of(
                                    "https://a.example/1",
                                    "https://a.example/2",
                                    "https://a.example/3",
                                    "https://a.example/4")))
                    .containsExactlyInAnyOrder("https://a.example/1", "https://a.example/4");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void anArticleOfAnUnknownAuthorIsATypedConstraintErrorAndNothingIsWritten(Vendor vendor) {
        try (var db = vendor.migrated(dir);
                var repo = new Repository(db.database())) {
            assertThatThrownBy(() -> repo.useTransaction(tx -> {
                        tx.authors().upsert("jane-doe", "Jane Doe");
                        tx.articles().upsert(article(999_999, "https://a.example/1", null));
                    }))
                    .isInstanceOf(ConstraintViolationException.class)
                    .hasMessageContaining("upserting an article")
                    .hasMessageContaining(db.database().displayName());
            assertThat(repo.authors().count()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void openingADatabaseThatWasNeverMigratedFailsWithTheMigrateRemedyAndLeavesNothingOpen(Vendor vendor) {
        Database empty = vendor == Vendor.SQLITE
                ? new SqliteDatabase(dir.resolve("never-migrated.db"), StoreOptions.defaults())
                : PostgresDatabase.open(EmbeddedPostgresServer.newSchemaUrl(), null, null, StoreOptions.defaults());
        try {
            int before = Repository.openCount();
            assertThatThrownBy(() -> new Repository(empty))
                    .isInstanceOf(SchemaNotMigratedException.class)
                    .hasMessageContaining(empty.displayName())
                    .extracting(e -> ((StoreException) e).remedy())
                    .isEqualTo(Remedy.MIGRATE);
            assertThat(Repository.openCount()).isEqualTo(before);
        } finally {
            if (empty instanceof PostgresDatabase pg) {
                pg.close();
            }
        }
    }
}
