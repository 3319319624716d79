package dev.forensics.store.author;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorDaoTest {
    @TempDir
    Path dir;

    @Test
    void upsertingTheSameSlugTwiceKeepsOneAuthorWithTheLatestName() {
        try (var repo = new Repository(TestFiles.migrated(dir))) {
            long first = repo.authors().upsert("jane-doe", "Jane Doe");
            long second = repo.authors().upsert("jane-doe", "Jane A. Doe");
            assertThat(second).isEqualTo(first);
            assertThat(repo.authors().count()).isEqualTo(1);
            assertThat(repo.authors().findById(first)).get().extracting(Author::name).isEqualTo("Jane A. Doe");
        }
    }

    @Test
    void upsertStampsCreatedAndUpdatedTimesFromTheConfiguredClock() {
        Instant at = Instant.parse("2024-05-01T12:00:00.123456789Z");
        var options = StoreOptions.defaults().withClock(Clock.fixed(at, ZoneOffset.UTC));
        try (var repo = new Repository(TestFiles.migrated(dir), options)) {
            repo.authors().upsert("jane-doe", "Jane Doe");
            Author stored = repo.authors().findBySlug("jane-doe").orElseThrow();
            assertThat(stored.createdAt()).isEqualTo(at);
            assertThat(stored.updatedAt()).isEqualTo(at);
        }
    }

    @Test
    void findReturnsEmptyForAnUnknownAuthor() {
        try (var repo = new Repository(TestFiles.migrated(dir))) {
            assertThat(repo.authors().findBySlug("nobody")).isEmpty();
            assertThat(repo.authors().findById(42)).isEmpty();
        }
    }

    @Test
    void listReturnsEveryAuthorOrderedBySlug() {
        try (var repo = new Repository(TestFiles.migrated(dir))) {
            repo.authors().upsertByName("Zoë O'Brien");
            repo.authors().upsertByName("Adam Smith");
            assertThat(repo.authors().list()).extracting(Author::slug).containsExactly("adam-smith", "zoe-o-brien");
        }
    }

    @Test
    void slugsAreDerivedFromNamesAsLowerCaseAsciiWithDashes() {
        assertThat(AuthorSlug.of("  Zoë  O'Brien ")).isEqualTo("zoe-o-brien");
        assertThat(AuthorSlug.of("José Saramago")).isEqualTo("jose-saramago");
        assertThat(AuthorSlug.of("村上春樹")).startsWith("author-").hasSize("author-".length() + 12);
        assertThatThrownBy(() -> AuthorSlug.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
