package dev.forensics.store.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.forensics.store.Database;
import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.author.Author;
import dev.forensics.store.postgres.PostgresDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * StoreExtension as a user meets it (issue 16): each nested class below is a user's test class, run through the JUnit
 * Platform's EngineTestKit, and the test asserts what JUnit reported. The nested classes are not run by surefire itself
 * (it skips nested classes), only through {@link #run(Class)}.
 */
class StoreExtensionTest {
    /** What the user tests saw, for the assertions made after they ran. */
    static final List<Object> SEEN = new ArrayList<>();

    @AfterEach
    void forgetWhatTheUserTestsSaw() {
        SEEN.clear();
    }

    @Test
    void aUserTestThatUsesTheInjectedRepositoryPassesAndTheRepositoryIsClosedAndTheFileRemovedAfterIt() {
        EngineExecutionResults results = run(UsesTheInjectedRepository.class);

        results.testEvents()
                .assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
        Repository repo = (Repository) SEEN.get(0);
        Path file = (Path) SEEN.get(1);
        assertThatThrownBy(repo::authors)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
        assertThat(file).doesNotExist();
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void aUserTestThatLeavesARepositoryOpenFailsNamingTheDatabaseAndTheLineThatOpenedIt() {
        int openBefore = Repository.openCount();

        EngineExecutionResults results = run(LeaksARepository.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        Throwable failure = failureOf(results);
        Path file = (Path) SEEN.get(0);
        assertThat(failure)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(
                        "StoreExtension: leavesOneOpen(Database) leaked a Repository on " + file + " left open")
                .hasMessageContaining(
                        "opened by thread \"" + Thread.currentThread().getName() + "\" at "
                                + LeaksARepository.class.getName() + ".leavesOneOpen(StoreExtensionTest.java:");
        assertThat(failure.getSuppressed()).hasSize(1);
        assertThat(Repository.openCount())
                .as("the leaked Repository was closed after the report")
                .isEqualTo(openBefore);
    }

    @Test
    void aUserTestThatLeavesAConnectionOnTheFileOpenFailsNamingTheDescriptors() throws Exception {
        EngineExecutionResults results = run(LeaksAConnection.class);

        try {
            results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
            assertThat(failureOf(results))
                    .hasMessageContaining("file descriptor(s) still open on the database file")
                    .hasMessageContaining("-> " + SEEN.get(1));
        } finally {
            ((Connection) SEEN.get(0)).close();
        }
    }

    @Test
    void eachTestGetsItsOwnFreshlyMigratedDatabase() {
        EngineExecutionResults results = run(TwoTestsWriteTheSameAuthor.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(SEEN).containsExactly(0L, 0L);
    }

    @Test
    void theInjectedClockStandsStillUntilTheTestMovesItAndTimestampsTheRows() {
        EngineExecutionResults results = run(SetsTheClock.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(SEEN).containsExactly(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2030-05-06T07:08:09Z"));
    }

    @Test
    void aTempDirPathAndTheDatabasePathAreTwoDifferentParameters() {
        EngineExecutionResults results = run(TakesATempDirToo.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(((Path) SEEN.get(1)).startsWith((Path) SEEN.get(0)))
                .as("%s inside %s", SEEN.get(1), SEEN.get(0))
                .isFalse();
    }

    @Test
    void withThePostgresUrlPropertyEachTestGetsItsOwnSchemaOnThatServerAndAPathIsRefused() {
        String url = EmbeddedPostgresServer.serverUrl();
        System.setProperty(StoreExtension.POSTGRES_URL_PROPERTY, url);
        EngineExecutionResults results;
        try {
            results = run(OnPostgresql.class);
        } finally {
            System.clearProperty(StoreExtension.POSTGRES_URL_PROPERTY);
        }

        results.testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        assertThat(SEEN).containsExactly(PostgresDatabase.class, 1L);
        assertThat(failureOf(results)).hasMessageContaining("this run uses PostgreSQL");
    }

    private static EngineExecutionResults run(Class<?> userTests) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(userTests))
                .execute();
    }

    private static Throwable failureOf(EngineExecutionResults results) {
        Event failed = results.testEvents().failed().list().get(0);
        return failed.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .orElseThrow()
                .getThrowable()
                .orElseThrow();
    }

    @ExtendWith(StoreExtension.class)
    static class UsesTheInjectedRepository {
        @Test
        void storesAnAuthor(Repository repo, Path file) {
            SEEN.add(repo);
            SEEN.add(file);
            long id = repo.authors().upsert("jane-doe", "Jane Doe");
            assertThat(repo.authors().findById(id)).map(Author::name).hasValue("Jane Doe");
        }
    }

    @ExtendWith(StoreExtension.class)
    static class LeaksARepository {
        @Test
        @SuppressWarnings("resource")
        void leavesOneOpen(Database database) {
            SEEN.add(Path.of(database.displayName()));
            new Repository(database).authors().upsert("jane-doe", "Jane Doe");
        }
    }

    @ExtendWith(StoreExtension.class)
    static class LeaksAConnection {
        @Test
        void leavesAConnectionOpen(Path file) throws Exception {
            SEEN.add(DriverManager.getConnection("jdbc:sqlite:" + file));
            SEEN.add(file);
        }
    }

    @ExtendWith(StoreExtension.class)
    static class TwoTestsWriteTheSameAuthor {
        @Test
        void first(Repository repo) {
            SEEN.add(repo.authors().count());
            repo.authors().upsert("jane-doe", "Jane Doe");
        }

        @Test
        void second(Repository repo) {
            SEEN.add(repo.authors().count());
            repo.authors().upsert("jane-doe", "Jane Doe");
        }
    }

    static class SetsTheClock {
        @RegisterExtension
        static final StoreExtension STORE = StoreExtension.withOptions(
                StoreOptions.defaults().withClock(Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC)));

        @Test
        void timestampsComeFromTheTestClock(Repository repo, SettableClock clock) {
            long first = repo.authors().upsert("jane-doe", "Jane Doe");
            SEEN.add(repo.authors().findById(first).orElseThrow().createdAt());
            clock.set(Instant.parse("2030-05-06T07:08:09Z"));
            long second = repo.authors().upsert("john-roe", "John Roe");
            SEEN.add(repo.authors().findById(second).orElseThrow().createdAt());
        }
    }

    @ExtendWith(StoreExtension.class)
    static class TakesATempDirToo {
        @Test
        void bothResolve(@TempDir Path scratch, Path file) {
            SEEN.add(scratch);
            SEEN.add(file);
        }
    }

    @ExtendWith(StoreExtension.class)
    static class OnPostgresql {
        @Test
        void writesAndReads(Repository repo) {
            SEEN.add(repo.database().getClass());
            repo.authors().upsert("jane-doe", "Jane Doe");
            SEEN.add(repo.authors().count());
        }

        @Test
        void asksForAFile(Path file) {
            SEEN.add(file);
        }
    }
}
