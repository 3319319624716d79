package dev.forensics.store.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** JSON Lines inputs made by tests: the committed sample, and generated inputs of any size. */
final class Articles {
    /** The README's sample scrape, relative to the project directory that Maven runs tests in. */
    static final Path SAMPLE = Path.of("samples", "articles.jsonl").toAbsolutePath();

    private Articles() {}

    /** Writes {@code count} distinct valid articles by 20 authors, each body about {@code bodyChars} long. */
    static Path generate(Path file, int count, int bodyChars) {
        String body = "Lorem ipsum dolor sit amet. ".repeat(Math.max(1, bodyChars / 28));
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                writer.write("{\"url\":\"https://news.example.org/generated/" + i + "\",\"title\":\"Article " + i
                        + "\",\"author\":\"Author Nº " + (i % 20)
                        + "\",\"published_at\":\"2024-05-01T12:00:00Z\",\"body\":\"" + body + "\"}\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes these lines as a UTF-8 file. */
    static Path lines(Path file, List<String> lines) {
        try {
            return Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid line for {@code url} by {@code author}. */
    static String line(String url, String author) {
        return "{\"url\":\"" + url + "\",\"author\":\"" + author + "\",\"title\":\"T\",\"body\":\"B\"}";
    }
}
