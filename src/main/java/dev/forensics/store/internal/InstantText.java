package dev.forensics.store.internal;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;

/**
 * Stores {@link Instant}s as fixed-width ISO-8601 UTC text with nine fraction digits
 * ({@code 2024-05-01T12:00:00.000000000Z}), so that text order is time order and nothing is lost.
 */
public final class InstantText {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private InstantText() {}

    /** The formatted second of the latest call, shared by every thread (an immutable value, so a race only recomputes). */
    private static volatile Second latest = new Second(Long.MIN_VALUE, "");

    /**
     * Formats an instant the way it is stored. The formatter runs once per second of time formatted; within that second
     * only the nine fraction digits are written (a put formats the time while holding SQLite's write lock).
     */
    public static String format(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        Second second = latest;
        if (second.epochSecond() != epochSecond) {
            String whole = FORMAT.format(Instant.ofEpochSecond(epochSecond));
            second = new Second(epochSecond, whole.substring(0, whole.length() - FRACTION_AND_ZONE));
            latest = second;
        }
        char[] text = new char[second.prefix().length() + FRACTION_AND_ZONE];
        second.prefix().getChars(0, second.prefix().length(), text, 0);
        int nanos = instant.getNano();
        for (int i = text.length - 2; i >= second.prefix().length(); i--) {
            text[i] = (char) ('0' + nanos % 10);
            nanos /= 10;
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    /** The nine fraction digits and the {@code Z} that end every formatted instant. */
    private static final int FRACTION_AND_ZONE = 10;

    /** One second of time and its text up to the fraction ({@code 2024-05-01T12:00:00.}). */
    private record Second(long epochSecond, String prefix) {}

    /** Parses stored text (or any ISO-8601 instant) back; {@code null} stays {@code null}. */
    public static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** Binds instants as text. */
    static final class ArgumentFactory extends AbstractArgumentFactory<Instant> {
        ArgumentFactory() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, context) -> statement.setString(position, format(value));
        }
    }

    /** Maps text columns to instants. */
    static final ColumnMapper<Instant> COLUMN_MAPPER =
            (resultSet, column, context) -> parse(resultSet.getString(column));
}
