package dev.forensics.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.errors.CorruptDatabaseException;
import dev.forensics.store.testing.TestFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that is not (or no longer) a whole SQLite database: opening, migrating or reading it fails with
 * {@link CorruptDatabaseException} naming the file, and the failed attempt does not change one byte of it.
 */
class ForeignFileTest {
    @TempDir
    Path dir;

    @Test
    void aFileOfRandomBytesIsACorruptDatabaseErrorForOpenAndMigrateAndStaysByteForByteTheSame() throws IOException {
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);
        Path file = Files.write(dir.resolve("noise.db"), noise);

        assertRefusedAndUntouched(file);
    }

    @Test
    void aTextFileIsACorruptDatabaseErrorForOpenAndMigrateAndStaysByteForByteTheSame() throws IOException {
        Path file = Files.writeString(
                dir.resolve("notes.db"), "url,title\nhttps://a.example/1,\"quoted, title\"\n".repeat(500));

        assertRefusedAndUntouched(file);
    }

    @Test
    void aTruncatedDatabaseIsACorruptDatabaseErrorWhenReadAndTheFailedAttemptsDoNotModifyIt() throws IOException {
        Path file = TestFiles.migrated(dir);
        try (Repository repo = new Repository(file)) {
            repo.useTransaction(tx -> {
                long author = tx.authors().upsert("jane-doe", "Jane Doe");
                for (int i = 0; i < 300; i++) {
                    tx.articles()
                            .upsert(new NewArticle(
                                    "https://a.example/" + i, author, "t" + i, null, "body ".repeat(400) + i));
                }
            });
        }
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size / 2 + 100); // cut mid-page, losing half of the articles' pages
        }
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> {
                    try (Repository repo = new Repository(file)) {
                        for (int i = 0; i < 300; i++) {
                            repo.articles().findByUrl("https://a.example/" + i);
                        }
                        repo.articles().listByAuthor(1);
                    }
                })
                .isInstanceOf(CorruptDatabaseException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("backup");
        assertThatThrownBy(() -> Repository.migrate(file))
                .isInstanceOf(CorruptDatabaseException.class)
                .hasMessageContaining(file.toString());
        assertThat(Files.readAllBytes(file))
                .as("the truncated file is left as it was")
                .isEqualTo(before);
    }

    private static void assertRefusedAndUntouched(Path file) throws IOException {
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> new Repository(file))
                .isInstanceOf(CorruptDatabaseException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a SQLite database");
        assertThatThrownBy(() -> Repository.migrate(file))
                .isInstanceOf(CorruptDatabaseException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a SQLite database");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }
}
