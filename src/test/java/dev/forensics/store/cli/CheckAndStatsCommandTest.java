package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forensics.store.schema.SchemaVersion;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.testing.TestFiles;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckAndStatsCommandTest {
    @TempDir
    Path dir;

    @Test
    void statsJsonIsOneObjectWithTheCountsAndSettings() throws Exception {
        Path db = dir.resolve("forensics.db");
        Cli.run(db, "ingest", Articles.SAMPLE.toString());
        Cli.runWithInput(db, "{}", "cache", "put", "--url", "https://a.example/1");

        Cli.Result result = Cli.run(db, "stats", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).hasSize(1);
        JsonNode stats = new ObjectMapper().readTree(result.out());
        assertThat(stats.get("authors").asLong()).isEqualTo(IngestCommandTest.counts(db)[0]);
        assertThat(stats.get("articles").asLong()).isEqualTo(IngestCommandTest.counts(db)[1]);
        assertThat(stats.get("llm_cache").asLong()).isEqualTo(1);
        assertThat(stats.get("schema_version").asInt()).isEqualTo(SchemaVersion.LATEST);
        assertThat(stats.get("journal_mode").asText()).isEqualTo("wal");
        assertThat(stats.get("file_bytes").asLong()).isPositive();
        assertThat(stats.has("wal_bytes")).isTrue();
        assertThat(stats.get("journal_size_limit_bytes").asLong()).isEqualTo(SqliteDatabase.JOURNAL_SIZE_LIMIT_BYTES);
        assertThat(stats.get("wal_autocheckpoint_pages").asInt()).isEqualTo(SqliteDatabase.WAL_AUTOCHECKPOINT_PAGES);
        assertThat(stats.get("checkpoint_busy").asBoolean()).isFalse();
        assertThat(stats.get("checkpoint_copied_frames").asLong())
                .isEqualTo(stats.get("checkpoint_wal_frames").asLong());
        assertThat(stats.has("wal_bytes_after_checkpoint")).isTrue();
    }

    @Test
    void statsAsTextHasOneAlignedLinePerFigure() {
        Path db = TestFiles.migrated(dir);

        Cli.Result result = Cli.run(db, "stats");

        assertThat(result.out())
                .containsPattern("(?m)^authors +0$")
                .containsPattern("(?m)^journal_mode +wal$")
                .containsPattern("(?m)^schema_version +" + SchemaVersion.LATEST + "$");
    }

    @Test
    void aMissingDatabaseIsNotFoundWithTheCommandThatCreatesIt() {
        Cli.Result result = Cli.run(dir.resolve("nope.db"), "stats");

        assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .contains("does not exist")
                .contains("forensics-store migrate --db");
        assertThat(Files.exists(dir.resolve("nope.db"))).isFalse();
    }

    @Test
    void checkPassesOnAHealthyFile() {
        Path db = dir.resolve("forensics.db");
        Cli.run(db, "ingest", Articles.SAMPLE.toString());

        Cli.Result result = Cli.run(db, "check");

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out())
                .contains("integrity_check    ok")
                .contains("foreign_key_check  ok")
                .contains("schema_version     " + SchemaVersion.LATEST)
                .contains("check passed");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void checkFailsListingTheProblemsOfADamagedFile() throws Exception {
        Path db = dir.resolve("forensics.db");
        Cli.run(db, "ingest", Articles.SAMPLE.toString());
        long size = Files.size(db);
        try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
            byte[] garbage = new byte[4096 * 4];
            Arrays.fill(garbage, (byte) 0x5A);
            file.seek(size / 2 / 4096 * 4096);
            file.write(garbage);
        }

        Cli.Result result = Cli.run(db, "check");

        assertThat(result.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(result.out()).contains("integrity_check    FAILED");
        assertThat(result.errLines()).singleElement().asString().startsWith("error: check failed: ");
        assertThat(result.out() + result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void checkOfAFileThatIsNotADatabaseFailsWithoutAStackTrace() throws Exception {
        Path db = Files.writeString(dir.resolve("notes.db"), "these are my notes, not a database\n".repeat(200));

        Cli.Result result = Cli.run(db, "check");

        assertThat(result.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(result.out()).contains("open").contains("FAILED").contains("not a SQLite database or is damaged");
        assertThat(result.errLines()).containsExactly("error: check failed: 1 problem in " + db.toAbsolutePath());
    }

    @Test
    void aMaxWalMbOutsideItsBoundsIsBadUsageInsteadOfAnOverflow() {
        Path db = TestFiles.migrated(dir);

        Cli.Result huge = Cli.run(db, "check", "--max-wal-mb", "9000000000000");
        Cli.Result negative = Cli.run(db, "check", "--max-wal-mb", "-1");

        assertThat(huge.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(huge.errLines())
                .containsExactly("error: --max-wal-mb must be between 0 and 1048576 (1 TiB), was 9000000000000");
        assertThat(negative.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    }
}
