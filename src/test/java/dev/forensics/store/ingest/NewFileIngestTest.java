package dev.forensics.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.DatabaseProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest into a file that does not exist yet is written in a private file beside it while the input is validated,
 * and published under the file's name in one step (ADR-019): nothing is ever under that name before the whole input is
 * valid, then everything committed so far is.
 */
class NewFileIngestTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void aNewFileGetsEveryRecordAsAnOrdinaryWalDatabaseWithNothingLeftBeside() throws IOException {
        Path input = articles("in.jsonl", 3_000, "");
        Path db = dir.resolve("new.db");

        IngestSummary summary = ingester(db, 500, IngestListener.NONE).ingest(List.of(input));

        assertThat(summary.inserted()).isEqualTo(3_000);
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(3_000);
        assertThat(DatabaseProbe.strings(db, "PRAGMA journal_mode")).containsExactly("wal");
        assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
        assertThat(names()).containsExactlyInAnyOrder("in.jsonl", "new.db");
    }

    @Test
    void whileTheInputIsValidatedNothingIsUnderTheNameThenEveryCommittedBatchIs() throws IOException {
        Path input = articles("in.jsonl", 3_000, "");
        Path db = dir.resolve("new.db");
        List<Long> linesValidatedWithTheFilePresent = new ArrayList<>();
        List<String> commits = new ArrayList<>();
        IngestListener watcher = new IngestListener() {
            @Override
            public void validating(long lines) {
                if (lines % 100 == 0 && Files.exists(db)) {
                    linesValidatedWithTheFilePresent.add(lines);
                }
            }

            @Override
            public void committed(long done, long total) {
                commits.add(done + " of " + total + " committed, " + DatabaseProbe.count(db, "articles") + " stored");
            }
        };

        ingester(db, 1_000, watcher).ingest(List.of(input));

        assertThat(linesValidatedWithTheFilePresent).isEmpty();
        assertThat(commits).isNotEmpty().allMatch(line -> {
            String[] words = line.split(" ");
            return words[0].equals(words[4]);
        });
        assertThat(commits).last().isEqualTo("3000 of 3000 committed, 3000 stored");
    }

    @Test
    void anInvalidLineLeavesNoFileUnderTheNameAndNoPrivateFile() throws IOException {
        Path input = articles("in.jsonl", 3_000, "{\"url\": \"not a url\", \"author\": \"A\"}\n");
        Path db = dir.resolve("new.db");

        assertThatThrownBy(() -> ingester(db, 500, IngestListener.NONE).ingest(List.of(input)))
                .isInstanceOf(InvalidIngestInputException.class)
                .hasMessageContaining("in.jsonl:3001");
        assertThat(names()).containsExactly("in.jsonl");
    }

    @Test
    void whenAnotherProcessCreatesTheFileMeanwhileTheIngestWritesIntoThatFileAndLosesNothing() throws IOException {
        Path input = articles("in.jsonl", 2_000, "");
        Path db = dir.resolve("new.db");
        IngestListener rival = new IngestListener() {
            @Override
            public void writing(long total) {
                // Called once the input is valid, before the build is published: the name is taken by then.
                Repository.migrate(db);
                try (Repository repo = new Repository(db)) {
                    long author = repo.authors().upsert("rival", "Rival");
                    repo.articles().upsert(new NewArticle("https://rival.example/1", author, "r", null, "b"));
                }
            }
        };

        IngestSummary summary = ingester(db, 500, rival).ingest(List.of(input));

        assertThat(summary.inserted()).isEqualTo(2_000);
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(2_001);
        assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
        assertThat(names()).containsExactlyInAnyOrder("in.jsonl", "new.db");
    }

    @Test
    void aBuildKilledBeforeItsInputIsValidLeavesNothingUnderTheNameAndTheNextIngestClearsIt() throws Exception {
        Path input = articles("in.jsonl", 5_000, "");
        Path db = dir.resolve("new.db");

        try (ChildJvm held = ChildJvm.start(
                dir, HeldValidationWorker.class, db.toString(), input.toString(), Long.toString(4_999))) {
            held.awaitLine(HeldValidationWorker.HELD, TIMEOUT);
            assertThat(privateBuilds()).as("the private build is being written").hasSize(1);
            held.process().destroyForcibly().waitFor();
        }
        assertThat(db).doesNotExist();
        assertThat(privateBuilds()).as("left by the killed process").hasSize(1);

        IngestSummary summary = ingester(db, 500, IngestListener.NONE).ingest(List.of(input));

        assertThat(summary.inserted()).isEqualTo(5_000);
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(5_000);
        assertThat(privateBuilds())
                .as("deleted by the next ingest in the directory")
                .isEmpty();
    }

    private Ingester ingester(Path db, int batchSize, IngestListener listener) {
        return new Ingester(
                new SqliteDatabase(db, StoreOptions.defaults()), new IngestOptions(batchSize, false, false), listener);
    }

    private Path articles(String name, int count, String tail) throws IOException {
        return JsonLinesFixture.articles(dir.resolve(name), "new-file.example", count, i -> "body " + i, tail);
    }

    private List<String> names() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> privateBuilds() {
        return names().stream()
                .filter(name -> name.matches("\\.new\\.db\\.build-\\d+-\\d+\\.tmp"))
                .toList();
    }
}
