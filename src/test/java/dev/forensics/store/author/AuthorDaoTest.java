package dev.forensics.store.author;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.testing.SettableClock;
import dev.forensics.store.testing.StoreExtension;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs on StoreExtension: each test gets a fresh migrated file, closed and checked for leaks after it. */
@ExtendWith(StoreExtension.class)
class AuthorDaoTest {
    @Test
    void upsertingTheSameSlugTwiceKeepsOneAuthorWithTheLatestName(Repository repo) {
        long first = repo.authors().upsert("jane-doe", "Jane Doe");
        long second = repo.authors().upsert("jane-doe", "Jane A. Doe");
        assertThat(second).isEqualTo(first);
        assertThat(repo.authors().count()).isEqualTo(1);
        assertThat(repo.authors().findById(first))
                .get()
                .extracting(Author::name)
                .isEqualTo("Jane A. Doe");
    }

    @Test
    void upsertStampsCreatedAndUpdatedTimesFromTheConfiguredClock(Repository repo, SettableClock clock) {
        Instant at = Instant.parse("2024-05-01T12:00:00.123456789Z");
        clock.set(at);
        repo.authors().upsert("jane-doe", "Jane Doe");
        Author stored = repo.authors().findBySlug("jane-doe").orElseThrow();
        assertThat(stored.createdAt()).isEqualTo(at);
        assertThat(stored.updatedAt()).isEqualTo(at);
    }

    @Test
    void theHandBoundLookupByIdReadsEveryFieldAsTheSqlObjectQueriesDo(Repository repo, SettableClock clock) {
        clock.set(Instant.parse("2024-05-01T12:00:00.5Z"));
        long id = repo.authors().upsert("zoe-o-brien", "Zoë O'Brien");

        Author byId = repo.authors().findById(id).orElseThrow();

        assertThat(byId).isEqualTo(repo.authors().findBySlug("zoe-o-brien").orElseThrow());
        assertThat(byId)
                .isEqualTo(new Author(
                        id,
                        "zoe-o-brien",
                        "Zoë O'Brien",
                        Instant.parse("2024-05-01T12:00:00.5Z"),
                        Instant.parse("2024-05-01T12:00:00.5Z")));
    }

    @Test
    void findReturnsEmptyForAnUnknownAuthor(Repository repo) {
        assertThat(repo.authors().findBySlug("nobody")).isEmpty();
        assertThat(repo.authors().findById(42)).isEmpty();
    }

    @Test
    void listReturnsEveryAuthorOrderedBySlug(Repository repo) {
        repo.authors().upsertByName("Zoë O'Brien");
        repo.authors().upsertByName("Adam Smith");
        assertThat(repo.authors().list()).extracting(Author::slug).containsExactly("adam-smith", "zoe-o-brien");
    }

    @Test
    void slugsAreDerivedFromNamesAsLowerCaseAsciiWithDashes() {
        assertThat(AuthorSlug.of("  Zoë  O'Brien ")).isEqualTo("zoe-o-brien");
        assertThat(AuthorSlug.of("José Saramago")).isEqualTo("jose-saramago");
        assertThat(AuthorSlug.of("村上春樹")).startsWith("author-").hasSize("author-".length() + 12);
        assertThatThrownBy(() -> AuthorSlug.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
