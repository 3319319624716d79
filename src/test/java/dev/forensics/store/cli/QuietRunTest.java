package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Database;
import dev.forensics.store.Repository;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.testing.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A healthy CLI run prints no WARN (issue 17): the slow-transaction warning is for daemons and stays on for library
 * users, while the databases the CLI opens have it off. Transactions here are made slow on purpose (a lower bound on
 * their length, so the result does not depend on the machine's speed); the log goes to System.err (slf4j-simple).
 */
class QuietRunTest {
    private static final long LONGER_THAN_THE_DEFAULT_THRESHOLD_MS = 1_100;

    @TempDir
    Path dir;

    private PrintStream originalErr;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void captureTheLog() {
        originalErr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardError() {
        System.setErr(originalErr);
    }

    @Test
    void aSlowTransactionOnADatabaseTheCliOpenedLogsNothing() throws Exception {
        Database cliDatabase = DatabaseOption.toDatabase(TestFiles.migrated(dir).toString(), Map.of());

        slowTransaction(new Repository(cliDatabase));

        assertThat(log.toString(StandardCharsets.UTF_8))
                .doesNotContain("Slow transaction")
                .doesNotContain("WARN");
    }

    @Test
    void aSlowTransactionOfALibraryUserIsStillLogged() throws Exception {
        Path db = TestFiles.migrated(dir);

        slowTransaction(new Repository(db));

        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("WARN")
                .contains("Slow transaction on " + db.toAbsolutePath());
    }

    @Test
    void theCliKeepsEveryOtherDefaultOfTheLibrary() {
        Database cliDatabase =
                DatabaseOption.toDatabase(dir.resolve("forensics.db").toString(), Map.of());

        assertThat(cliDatabase).isInstanceOf(SqliteDatabase.class);
        assertThat(cliDatabase
                        .options()
                        .withSlowTransaction(
                                dev.forensics.store.StoreOptions.defaults().slowTransaction()))
                .usingRecursiveComparison()
                .ignoringFields("clock")
                .isEqualTo(dev.forensics.store.StoreOptions.defaults());
    }

    private static void slowTransaction(Repository opened) throws InterruptedException {
        try (Repository repo = opened) {
            repo.transaction(tx -> {
                tx.llmCache().put("https://slow.example/1", "{}");
                Thread.sleep(LONGER_THAN_THE_DEFAULT_THRESHOLD_MS);
                return null;
            });
        }
    }
}
