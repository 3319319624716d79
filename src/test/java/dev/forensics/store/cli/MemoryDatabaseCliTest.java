package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code --db :memory:} is bad input at the CLI (issue 16): one line, exit 2, and no file named {@code :memory:}. */
class MemoryDatabaseCliTest {
    @Test
    void migrateWithDbMemoryExitsTwoWithOneLineAndCreatesNoFile() {
        Cli.Result result = Cli.runRaw("", "migrate", "--db", ":memory:");

        assertThat(result.exitCode()).as("stderr: %s", result.err()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1).first().asString().startsWith("error: cannot use ':memory:'");
        assertThat(Path.of(":memory:").toAbsolutePath()).doesNotExist();
    }
}
