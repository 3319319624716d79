package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cache put} refuses what {@code ingest} refuses: relative URLs, and bytes that are not UTF-8 from any source. */
class CacheInputRulesTest {
    /** {"a":"caf?"} with a lone 0xE9 (Latin-1 é): not UTF-8. */
    private static final byte[] LATIN1_JSON = {'{', '"', 'a', '"', ':', '"', 'c', 'a', 'f', (byte) 0xE9, '"', '}'};

    @TempDir
    Path dir;

    Path db;

    @BeforeEach
    void migrate() {
        db = TestFiles.migrated(dir);
    }

    @Test
    void aRelativeUrlIsRefusedAsIngestRefusesItAndNothingIsCached() {
        Cli.Result put = Cli.runWithInput(db, "{}", "cache", "put", "--url", "relative/path");

        assertThat(put.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(put.errLines())
                .containsExactly(
                        "error: --url must be absolute (with a scheme such as https:), was 'relative/path'; nothing was cached");
        assertThat(cached()).isZero();
    }

    @Test
    void invalidUtf8OnStandardInputIsRefusedLikeTheSameBytesFromAFile() throws Exception {
        Path file = Files.write(dir.resolve("latin1.json"), LATIN1_JSON);

        Cli.Result fromStdin = run(LATIN1_JSON, "cache", "put", "--url", "https://a.example/1", "--db", db.toString());
        Cli.Result fromFile = Cli.run(db, "cache", "put", "--url", "https://a.example/1", "--file", file.toString());

        assertThat(fromStdin.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(fromStdin.errLines())
                .containsExactly("error: standard input is not valid UTF-8; re-encode it as UTF-8. Nothing was cached");
        assertThat(fromFile.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(fromFile.errLines())
                .containsExactly("error: " + file + " is not valid UTF-8; re-encode it as UTF-8. Nothing was cached");
        assertThat(cached()).isZero();
    }

    private long cached() {
        return DatabaseProbe.count(db, "llm_cache");
    }

    private static Cli.Result run(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.commandLine(
                        new Main(new ByteArrayInputStream(stdin)),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true))
                .execute(args);
        return new Cli.Result(exitCode, out.toString(), err.toString());
    }
}
