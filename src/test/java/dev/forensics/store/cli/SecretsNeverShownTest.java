package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No output of the CLI shows a password given in {@code --db}, in any of the forms a user may type, {@code --verbose} included. */
class SecretsNeverShownTest {
    private static final String SECRET = "pw-s3cret-xyz";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "postgresql://scraper:" + SECRET + "@db.internal/forensics",
                "postgres://scraper:" + SECRET + "@db.internal:5432/forensics?sslmode=require",
                "jdbc:postgresql://scraper:" + SECRET + "@db.internal/forensics",
                "JDBC:POSTGRESQL://db.internal/forensics?user=scraper&password=" + SECRET,
                "jdbc:postgresql://db.internal/forensics?user=scraper&PassWord=" + SECRET,
                "jdbc:postgresql://db.internal/forensics?user=scraper&sslpassword=" + SECRET,
                "JDBC:SQLSERVER://db.internal;user=scraper;password=" + SECRET,
                "file://scraper:" + SECRET + "@db.internal/forensics.db"
            })
    void aPasswordInTheDbOptionIsNeverPrintedEvenWithVerbose(String db) {
        for (String command : new String[] {"stats", "migrate", "ingest"}) {
            Cli.Result result = command.equals("ingest")
                    ? Cli.runRaw("", command, "--verbose", "--db", db, Articles.SAMPLE.toString())
                    : Cli.runRaw("", command, "--verbose", "--db", db);

            assertThat(result.exitCode()).as(result.err()).isNotZero();
            assertThat(result.err()).as(command).startsWith("error: ").doesNotContain(SECRET);
            assertThat(result.out()).as(command).doesNotContain(SECRET);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "postgresql://scraper:" + SECRET + "@db.internal/forensics",
                "JDBC:POSTGRESQL://db.internal/forensics?user=scraper&password=" + SECRET,
                "jdbc:postgresql://db.internal/forensics?user=scraper&sslpassword=" + SECRET
            })
    void aUrlWithAPasswordIsRefusedAsBadInputBeforeAnythingIsOpened(String db) {
        Cli.Result result = Cli.runRaw("", "migrate", "--db", db);

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString().contains("FORENSICS_DB_PASSWORD");
        assertThat(dir.resolve("postgresql:")).doesNotExist();
    }
}
