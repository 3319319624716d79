package dev.forensics.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

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

    private static void assertReason(String line, String reason) {
        assertThatThrownBy(() -> ArticleLines.parse(line))
                .as(line)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
