package dev.forensics.store.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named figures printed the two ways the CLI prints them: aligned {@code key  value} lines (the values in one column,
 * whatever the longest key), or, with {@code --json}, one JSON object with the same snake_case keys. A missing value
 * is {@code -} in text and {@code null} in JSON; an {@link Instant} is ISO-8601 text in both.
 */
final class Fields {

    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Adds (or replaces) a figure; {@code null} for one that has no value. */
    Fields put(String key, Object value) {
        values.put(key, value instanceof Instant instant ? instant.toString() : value);
        return this;
    }

    /** Every component of {@code record}, in declaration order, under its name in snake_case ({@code oldestEntry} → {@code oldest_entry}). */
    static Fields of(Record record) {
        Fields fields = new Fields();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                fields.put(
                        snakeCase(component.getName()), component.getAccessor().invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(
                        "cannot read " + component.getName() + " of "
                                + record.getClass().getSimpleName(),
                        e);
            }
        }
        return fields;
    }

    /** The figures in order, for a caller that prints several objects as one JSON array. */
    Map<String, Object> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** Prints one JSON object on one line when {@code json}, else one aligned line per figure. */
    void print(PrintWriter out, boolean json) {
        if (json) {
            try {
                out.println(CliJson.mapper().writeValueAsString(values));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a figure cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
            return;
        }
        int width = values.keySet().stream().mapToInt(String::length).max().orElse(0);
        values.forEach(
                (key, value) -> out.println(String.format("%-" + width + "s  %s", key, value == null ? "-" : value)
                        .stripTrailing()));
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
