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

    /** Formats an instant the way it is stored. */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

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
