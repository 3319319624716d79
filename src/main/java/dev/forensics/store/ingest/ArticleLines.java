package dev.forensics.store.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads JSON Lines articles ({@code {"url": ..., "author": ..., "author_slug": ..., "title": ..., "published_at": ...,
 * "body": ...}}), one UTF-8 line at a time, and validates each line. Blank lines (JSON's whitespace only: spaces, tabs)
 * are ignored, unknown fields too; a
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
                if (!jsonBlank(text)) {
                    sink.accept(parse(file, number, text));
                }
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(
                    file + ":" + FirstLineNotUtf8.in(file, number + 1)
                            + ": not valid UTF-8; re-encode the file as UTF-8",
                    e);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("cannot read " + file + ": no such file; check the path", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a line holds only JSON's whitespace (space, tab, carriage return): not {@link String#isBlank()}, whose
     * whitespace also takes in U+2028, form feed, vertical tab and the U+001C-U+001F separators, which the JSON parser
     * refuses; a line of them is an invalid line, reported, not a blank one dropped without a word.
     */
    private static boolean jsonBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
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
     * Parses and validates one JSON object. A well-formed line is read by Jackson's streaming parser straight into its
     * fields; anything unusual (not JSON, not an object, a field that is not a string) goes through the tree parser,
     * which words the error, so both paths give one result (ADR-017: the tree cost a third of the validation pass).
     *
     * @throws IllegalArgumentException with the reason, when the line is not a valid article
     */
    public static ArticleRecord parse(String text) {
        Fields fields = Fields.stream(text);
        return fields != null ? fields.record() : parseTree(text);
    }

    /**
     * The tree parser: slower, and the one that names what is wrong with a line. Package-private for
     * {@code ArticleLinesTest}, which holds {@link #parse(String)} to the same outcome on every line.
     */
    static ArticleRecord parseTree(String text) {
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
        return Fields.of(node).record();
    }

    /**
     * The article fields of one line: each as text, absent ({@code null}), or not a string (kept as its JSON, refused
     * when {@link #record()} reaches it, in the order the fields have always been checked).
     */
    private static final class Fields {
        static final List<String> NAMES = List.of("url", "author", "author_slug", "title", "body", "published_at");
        private final Map<String, String> values = new HashMap<>(8);
        private final Map<String, String> notStrings = new HashMap<>(2);

        /** The fields of a well-formed object whose article fields are strings or null; otherwise {@code null}. */
        static Fields stream(String text) {
            Fields fields = new Fields();
            try (JsonParser parser = JSON.getFactory().createParser(text)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    JsonToken value = parser.nextToken();
                    if (!NAMES.contains(name)) {
                        parser.skipChildren();
                    } else if (value == JsonToken.VALUE_STRING) {
                        fields.values.put(name, parser.getText());
                    } else if (value == JsonToken.VALUE_NULL) {
                        fields.values.remove(name);
                    } else {
                        return null;
                    }
                }
                if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                    return null;
                }
                return fields;
            } catch (IOException e) {
                return null; // not JSON, or over a limit: the tree parser says which
            }
        }

        /** The fields of a parsed object. */
        static Fields of(JsonNode node) {
            Fields fields = new Fields();
            for (String name : NAMES) {
                JsonNode value = node.get(name);
                if (value != null && value.isTextual()) {
                    fields.values.put(name, value.textValue());
                } else if (value != null && !value.isNull()) {
                    fields.notStrings.put(name, value.toString());
                }
            }
            return fields;
        }

        ArticleRecord record() {
            String url = required("url");
            InputRules.requireAbsoluteUrl("url", url);
            String author = required("author");
            String slug = optional("author_slug");
            if (slug != null && !SLUG.matcher(slug).matches()) {
                throw new IllegalArgumentException(
                        "author_slug must be one word without spaces, was " + InputRules.quote(slug));
            }
            String title = optional("title");
            String body = optional("body");
            return new ArticleRecord(
                    url.strip(),
                    title,
                    author.strip(),
                    slug != null ? slug : AuthorSlug.of(author),
                    publishedAt(optional("published_at")),
                    body);
        }

        private String required(String field) {
            String value = optional(field);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + " is required");
            }
            return value;
        }

        /** The field's text, checked to be storable exactly ({@link InputRules#requireStorableText}), or {@code null}. */
        private String optional(String field) {
            String notString = notStrings.get(field);
            if (notString != null) {
                throw new IllegalArgumentException(field + " must be a string, was " + InputRules.quote(notString));
            }
            String value = values.get(field);
            InputRules.requireStorableText(field, value);
            return value;
        }
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
