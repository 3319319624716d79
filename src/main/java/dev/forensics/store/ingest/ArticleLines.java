package dev.forensics.store.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forensics.store.author.AuthorSlug;
import dev.forensics.store.errors.InvalidInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads JSON Lines articles ({@code {"url": ..., "author": ..., "author_slug": ..., "title": ..., "published_at": ...,
 * "body": ...}}), one UTF-8 line at a time, and validates each line. Blank lines are ignored, unknown fields too.
 */
public final class ArticleLines {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern SLUG = Pattern.compile("\\S+");
    private static final int QUOTE_LIMIT = 60;

    private ArticleLines() {
    }

    /**
     * One non-blank line of input: a record, or the reason it is invalid.
     *
     * @param file   the input file
     * @param number the 1-based line number
     * @param record the parsed article, or {@code null} when invalid
     * @param error  why the line is invalid, or {@code null} when valid
     */
    public record Line(Path file, long number, ArticleRecord record, String error) {
        /** Whether the line holds a valid article. */
        public boolean valid() {
            return record != null;
        }

        /** The line as an {@link InvalidLine}; only for invalid lines. */
        public InvalidLine invalid() {
            return new InvalidLine(file, number, error);
        }
    }

    /**
     * Streams every non-blank line of {@code files}, in order, to {@code sink}; holds one line in memory at a time.
     *
     * @throws InvalidInputException when a file cannot be read (missing, a directory, unreadable)
     */
    public static void forEach(List<Path> files, Consumer<Line> sink) {
        for (Path file : files) {
            forEach(file, sink);
        }
    }

    /**
     * Fails fast, before any work, when one of the files cannot be opened.
     *
     * @throws InvalidInputException naming the first unreadable file
     */
    public static void requireReadable(List<Path> files) {
        for (Path file : files) {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException("cannot read " + file + ": it is a directory; give a JSON Lines file");
            }
            if (!Files.isReadable(file)) {
                throw new InvalidInputException("cannot read " + file + ": no such file or not readable; check the path");
            }
        }
    }

    private static void forEach(Path file, Consumer<Line> sink) {
        long number = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                if (!text.isBlank()) {
                    sink.accept(parse(file, number, text));
                }
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ":" + (number + 1) + ": not valid UTF-8; re-encode the file as UTF-8", e);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("cannot read " + file + ": no such file; check the path", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses one line of text; never throws for bad content, it returns an invalid {@link Line} instead. */
    static Line parse(Path file, long number, String text) {
        try {
            return new Line(file, number, parse(text), null);
        } catch (IllegalArgumentException e) {
            return new Line(file, number, null, e.getMessage());
        }
    }

    /**
     * Parses and validates one JSON object.
     *
     * @throws IllegalArgumentException with the reason, when the line is not a valid article
     */
    public static ArticleRecord parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage().lines().findFirst().orElse("").strip());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, found " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
        }
        String url = required(node, "url");
        checkUrl(url);
        String author = required(node, "author");
        String slug = optional(node, "author_slug");
        if (slug != null && !SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("author_slug must be one word without spaces, was " + quote(slug));
        }
        return new ArticleRecord(url.strip(), optional(node, "title"), author.strip(),
                slug != null ? slug : AuthorSlug.of(author), publishedAt(optional(node, "published_at")), optional(node, "body"));
    }

    private static String required(JsonNode node, String field) {
        String value = optional(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, was " + quote(value.toString()));
        }
        return value.textValue();
    }

    private static void checkUrl(String url) {
        try {
            if (!new URI(url.strip()).isAbsolute()) {
                throw new IllegalArgumentException("url must be absolute (with a scheme such as https:), was " + quote(url));
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a valid URL: " + quote(url));
        }
    }

    private static Instant publishedAt(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new IllegalArgumentException("published_at must be an ISO-8601 time such as 2024-05-01T12:00:00Z, was " + quote(text));
            }
        }
    }

    private static String quote(String value) {
        String shown = value.length() > QUOTE_LIMIT ? value.substring(0, QUOTE_LIMIT) + "..." : value;
        return "'" + shown + "'";
    }
}
