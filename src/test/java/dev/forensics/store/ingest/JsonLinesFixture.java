package dev.forensics.store.ingest;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

/** JSON Lines inputs made in a test: numbered articles by seven authors, then any text the test adds at the end. */
final class JsonLinesFixture {
    private JsonLinesFixture() {}

    /**
     * Writes {@code count} articles {@code https://HOST/i} with title {@code Ti} and body {@code body(i)} to {@code file},
     * then {@code tail}, and returns {@code file}.
     */
    static Path articles(Path file, String host, int count, IntFunction<String> body, String tail) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                out.write("{\"url\": \"https://" + host + "/" + i + "\", \"author\": \"Author " + (i % 7)
                        + "\", \"title\": \"T" + i + "\", \"body\": \"" + body.apply(i) + "\"}\n");
            }
            out.write(tail);
        }
        return file;
    }
}
