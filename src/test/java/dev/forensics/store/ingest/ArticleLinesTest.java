package dev.forensics.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleLinesTest {

    @Test
    void parsesEveryFieldAndIgnoresUnknownOnes() {
        ArticleRecord record = ArticleLines.parse(
                "{\"url\": \"https://a.example/1\", \"title\": \"T\", \"author\": \"Jane Doe\", "
                        + "\"author_slug\": \"jdoe\", \"published_at\": \"2024-05-01T12:00:00Z\", \"body\": \"B\", \"section\": \"x\"}");

        assertThat(record)
                .isEqualTo(new ArticleRecord(
                        "https://a.example/1", "T", "Jane Doe", "jdoe", Instant.parse("2024-05-01T12:00:00Z"), "B"));
    }

    @Test
    void derivesTheSlugWhenAbsentAndAcceptsOffsetsAndPlainDates() {
        ArticleRecord offset = ArticleLines.parse(
                "{\"url\": \"https://a.example/1\", \"author\": \"José Álvarez\", \"published_at\": \"2024-05-01T14:00:00+02:00\"}");
        ArticleRecord date = ArticleLines.parse(
                "{\"url\": \"https://a.example/1\", \"author\": \"A\", \"published_at\": \"2024-05-01\"}");

        assertThat(offset.authorSlug()).isEqualTo("jose-alvarez");
        assertThat(offset.publishedAt()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(date.publishedAt()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
    }

    @Test
    void rejectsEachKindOfMalformedLineWithItsReason() {
        assertReason("{\"url\": \"https://a.example/1\"", "not JSON");
        assertReason("[1, 2]", "expected a JSON object, found array");
        assertReason("{\"author\": \"A\"}", "url is required");
        assertReason("{\"url\": \"  \", \"author\": \"A\"}", "url is required");
        assertReason("{\"url\": \"https://a.example/1\"}", "author is required");
        assertReason("{\"url\": 42, \"author\": \"A\"}", "url must be a string, was '42'");
        assertReason("{\"url\": \"/relative/path\", \"author\": \"A\"}", "url must be absolute");
        assertReason(
                "{\"url\": \"https://a.example/1\", \"author\": \"A\", \"author_slug\": \"two words\"}",
                "author_slug must be one word");
        assertReason(
                "{\"url\": \"https://a.example/1\", \"author\": \"A\", \"published_at\": \"May 1st\"}",
                "published_at must be an ISO-8601 time");
        assertReason("{\"url\": \"https://a.example/1\", \"author\": \"A\"} {}", "not JSON");
    }

    @Test
    void aLineOfWhitespaceThatJsonDoesNotIgnoreIsAnInvalidLineNotASkippedBlankOne(@TempDir Path dir)
            throws IOException {
        // Java's isBlank() counts U+2028, form feed, vertical tab and the U+001C-U+001F separators as whitespace; the
        // JSON parser refuses them, and a line holding nothing else was dropped without a word.
        Path input = Files.writeString(
                dir.resolve("in.jsonl"),
                "{\"url\": \"https://a.example/1\", \"author\": \"A\"}\n \t \n\u2028\n\f\n\u000b\n\u001e\n");
        List<ArticleLines.Line> lines = new ArrayList<>();

        ArticleLines.forEach(List.of(input), lines::add);

        assertThat(lines).extracting(ArticleLines.Line::number).containsExactly(1L, 3L, 4L, 5L, 6L);
        assertThat(lines.subList(1, 5))
                .allSatisfy(line -> assertThat(line.error()).startsWith("not JSON"));
    }

    @Test
    void theStreamingPathGivesTheTreeParsersOutcomeOnEveryKindOfLine() {
        String[] urls = {
            "\"https://a.example/1\"", "\"/relative\"", "\"  \"", "42", "null", "\"https://a.example/\\ud800\""
        };
        String[] authors = {"\"Zoë O'Brien\"", "\"\"", "true", "null", "{\"x\": 1}"};
        String[] slugs = {null, "\"jdoe\"", "\"two words\"", "[1]"};
        String[] times = {null, "\"2024-05-01T12:00:00Z\"", "\"2024-02-30T12:00:00Z\"", "\"2024-05-01\"", "7"};
        String[] tails = {
            "", ", \"extra\": {\"nested\": [1, {\"url\": 5}]}", ", \"url\": \"https://b.example/2\"", ", \"author\": 1"
        };
        String[] ends = {"}", "} {}", "} x", "", "}}"};
        int lines = 0;
        for (String url : urls) {
            for (String author : authors) {
                for (String slug : slugs) {
                    for (String time : times) {
                        for (String tail : tails) {
                            for (String end : ends) {
                                String line = "{\"url\": " + url + ", \"author\": " + author
                                        + (slug == null ? "" : ", \"author_slug\": " + slug)
                                        + (time == null ? "" : ", \"published_at\": " + time) + ", \"body\": \"B\""
                                        + tail + end;
                                assertThat(outcome(() -> ArticleLines.parse(line)))
                                        .as(line)
                                        .isEqualTo(outcome(() -> ArticleLines.parseTree(line)));
                                lines++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(lines)
                .isEqualTo(urls.length * authors.length * slugs.length * times.length * tails.length * ends.length);
    }

    /** A parsed record, or the message of the error the line got. */
    private static Object outcome(java.util.function.Supplier<ArticleRecord> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static void assertReason(String line, String reason) {
        assertThatThrownBy(() -> ArticleLines.parse(line))
                .as(line)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
