package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.schema.SchemaVersion;
import dev.forensics.store.testing.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI with {@code --db jdbc:postgresql://...}: the same commands on the embedded PostgreSQL server. */
class PostgresCliTest {
    private String url;

    @BeforeEach
    void newSchema() {
        url = EmbeddedPostgresServer.newSchemaUrl();
    }

    private Cli.Result run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--db";
        all[args.length + 1] = url;
        return Cli.runRaw("", all);
    }

    @Test
    void migrateIngestAndStatsWorkOnAPostgresUrlAsOnAFile() {
        Cli.Result migrate = run("migrate");
        Cli.Result ingest = run("ingest", Articles.SAMPLE.toString());
        Cli.Result again = run("ingest", Articles.SAMPLE.toString());
        Cli.Result stats = run("stats", "--json");

        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out())
                .contains("applied V1 create authors articles")
                .contains("is at schema version " + SchemaVersion.LATEST);
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("inserted 340");
        assertThat(again.out()).contains("inserted 0").contains("skipped 340");
        assertThat(stats.out())
                .contains("\"articles\":340")
                .contains("\"authors\":36")
                .contains("\"journal_mode\":null");
    }

    @Test
    void aNulInABodyIsAnInvalidLineOnPostgresAndNothingOfTheInputIsWritten(@TempDir Path dir) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            lines.append("{\"url\": \"https://nul.example/")
                    .append(i)
                    .append("\", \"author\": \"A\", \"body\": \"")
                    .append(i == 250 ? "before\\u0000after" : "b" + i)
                    .append("\"}\n");
        }
        Path input = Files.writeString(dir.resolve("nul.jsonl"), lines);
        assertThat(run("migrate").exitCode()).isZero();

        Cli.Result ingest = run("ingest", "--batch-size", "100", input.toString());

        assertThat(ingest.exitCode()).as(ingest.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ingest.errLines())
                .singleElement()
                .asString()
                .contains(input + ":251: body holds U+0000 (NUL) at character 7, which PostgreSQL text cannot store");
        assertThat(run("stats", "--json").out()).contains("\"articles\":0");
    }

    @Test
    void anEmptyInputIsRefusedAndMigratesNothing(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));

        Cli.Result ingest = run("ingest", empty.toString());

        assertThat(ingest.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ingest.errLines()).singleElement().asString().contains(empty + " holds no article");
        assertThat(run("info").out()).contains("Pending").doesNotContain("Success");
    }

    @Test
    void withAllowEmptyAnEmptyInputMigratesTheSchemaLikeAnyIngestAndStoresNothing(@TempDir Path dir)
            throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));

        Cli.Result ingest = run("ingest", "--allow-empty", empty.toString());

        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("read 0, inserted 0");
        assertThat(run("info").out()).contains("Success").doesNotContain("Pending");
        assertThat(run("stats", "--json").out()).contains("\"articles\":0");
    }

    @Test
    void cachePutThenGetRoundTripsTheJson() {
        run("migrate");
        Cli.Result put = Cli.runRaw(
                "{\"entities\": [\"Łódź\"]}\n",
                "cache",
                "put",
                "--url",
                "https://a.example/1",
                "--model",
                "m",
                "--db",
                url);
        Cli.Result get = run("cache", "get", "--url", "https://a.example/1", "--model", "m");

        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(get.out().strip()).isEqualTo("{\"entities\": [\"Łódź\"]}");
    }

    @Test
    void checkSaysWhatItCannotCheckOnPostgresAndPassesOnTheSchema() {
        run("migrate");
        Cli.Result check = run("check");

        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out())
                .contains("integrity_check    not run on PostgreSQL: use pg_amcheck")
                .contains("check passed: " + url + " (connection and schema version only)");
    }

    @Test
    void backupRefusesWithExitTwoAndPointsToPgDump() {
        Cli.Result backup = run("backup", "--to", "copy.dump");

        assertThat(backup.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(backup.err())
                .startsWith("error: backup copies SQLite files only")
                .contains("pg_dump --format=custom --file=copy.dump");
    }

    @Test
    void restoreRefusesWithExitTwoAndPointsToPgRestore() {
        run("migrate");
        Cli.Result restore = run("restore", "--from", "copy.dump");

        assertThat(restore.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(restore.err())
                .startsWith("error: restore replaces SQLite files only")
                .contains("pg_restore --clean --if-exists --dbname=DBNAME copy.dump");
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutEchoingIt() {
        Cli.Result result = Cli.runRaw("", "stats", "--db", url + "&password=hunter2-secret");

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.err()).contains("FORENSICS_DB_PASSWORD").doesNotContain("hunter2");
    }

    @Test
    void anUnmigratedPostgresDatabaseIsADatabaseErrorNamingMigrate() {
        Cli.Result stats = run("stats");

        assertThat(stats.exitCode()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(stats.err()).contains("forensics-store migrate --db " + url);
    }
}
