package dev.forensics.store.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.forensics.store.author.AuthorSlug;
import dev.forensics.store.errors.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
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
 * "body": ...}}), one UTF-8 line at a time, and validates each line. Blank lines are ignored, unknown fields too; a
 * UTF-8 byte order mark at the start of a file is skipped. Every string value is checked to be storable exactly (no lone
 * surrogate) and at most {@value #MAX_STRING_CHARS} characters long; {@code published_at} must fall in the years 0000 to 9999.
 */
public final class ArticleLines {
    /**
     * The longest string value a line may hold, in characters (64 Mi): larger than Jackson's default of 20 M, which
     * refused valid 25 MB bodies; bounded, because a line, its parsed copy and a batch of them are held in memory.
     */
    public static final int MAX_STRING_CHARS = 64 * 1024 * 1024;
    /** The earliest {@code published_at} accepted: stored text sorts as time only within years 0000 to 9999. */
    public static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    /** The latest {@code published_at} accepted. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(MAX_STRING_CHARS)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern SLUG = Pattern.compile("\\S+");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private ArticleLines() {}

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
                throw new InvalidInputException(
                        "cannot read " + file + ": no such file or not readable; check the path");
            }
        }
    }

    private static void forEach(Path file, Consumer<Line> sink) {
        long number = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                if (number == 1 && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
                    // A UTF-8 byte order mark, as some Windows tools write: not part of the first line.
                    text = text.substring(1);
                }
                if (!text.isBlank()) {
                    sink.accept(parse(file, number, text));
                }
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(
                    file + ":" + (number + 1) + ": not valid UTF-8; re-encode the file as UTF-8", e);
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
        } catch (StreamConstraintsException e) {
            throw new IllegalArgumentException("a string value is longer than the ingest's limit of " + MAX_STRING_CHARS
                    + " characters (ArticleLines.MAX_STRING_CHARS); store it through the library API, or shorten it");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse("").strip());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, found "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
        }
        String url = required(node, "url");
        InputRules.requireAbsoluteUrl("url", url);
        String author = required(node, "author");
        String slug = optional(node, "author_slug");
        if (slug != null && !SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException(
                    "author_slug must be one word without spaces, was " + InputRules.quote(slug));
        }
        String title = optional(node, "title");
        String body = optional(node, "body");
        return new ArticleRecord(
                url.strip(),
                title,
                author.strip(),
                slug != null ? slug : AuthorSlug.of(author),
                publishedAt(optional(node, "published_at")),
                body);
    }

    private static String required(JsonNode node, String field) {
        String value = optional(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** The field's text, checked to be storable exactly ({@link InputRules#requireStorableText}), or {@code null}. */
    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, was " + InputRules.quote(value.toString()));
        }
        InputRules.requireStorableText(field, value.textValue());
        return value.textValue();
    }

    private static Instant publishedAt(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant instant = UtcTimestamps.parseSecondsZulu(text);
        try {
            if (instant == null) {
                instant = OffsetDateTime.parse(text.strip()).toInstant();
            }
        } catch (DateTimeParseException notDateTime) {
            try {
                instant = LocalDate.parse(text.strip())
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeParseException notDate) {
                throw new IllegalArgumentException(
                        "published_at must be an ISO-8601 time such as 2024-05-01T12:00:00Z, was "
                                + InputRules.quote(text));
            }
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException(
                    "published_at must fall in the years 0000 to 9999 (UTC), so that stored times sort as text, was "
                            + InputRules.quote(text));
        }
        return instant;
    }
}
