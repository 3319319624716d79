package dev.forensics.store.internal;

import dev.forensics.store.errors.UnstorableTextException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.regex.Pattern;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The one check every text value passes on its way to the database: a Java {@code String} may hold a lone UTF-16
 * surrogate, which UTF-8 cannot encode; the driver would store {@code ?} instead, so two different URLs (or names, or
 * cache keys) would become one. Such text is refused with {@link UnstorableTextException} naming the field. Jdbi
 * statements pass through {@link ArgumentFactory} (registered once in {@link SharedJdbi}); the hand-bound hot paths
 * (ADR-010) bind text with {@link #bind}.
 */
public final class StorableText {
    private StorableText() {}

    /**
     * Returns {@code value} when UTF-8 can store it exactly ({@code null} included).
     *
     * @throws UnstorableTextException naming {@code field} when it holds a lone surrogate
     */
    public static String require(String field, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    throw new UnstorableTextException(field, i, c);
                }
            }
        }
        return value;
    }

    /**
     * The UTF-8 size of {@code value} in bytes, checked as by {@link #require} in the same pass (a cache put measures
     * its 1 KB analysis while holding the write lock).
     *
     * @throws UnstorableTextException naming {@code field} when it holds a lone surrogate
     */
    public static long utf8Length(String field, String value) {
        long bytes = 0;
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (!Character.isSurrogate(c)) {
                bytes += 3;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                throw new UnstorableTextException(field, i, c);
            }
        }
        return bytes;
    }

    /** Binds {@code value} as text at {@code index} after {@link #require}. */
    public static void bind(PreparedStatement statement, int index, String field, String value) throws SQLException {
        statement.setString(index, require(field, value));
    }

    /** Jdbi's binding of every {@code String}: checked, then bound as text; the field is the parameter's name. */
    static final class ArgumentFactory extends AbstractArgumentFactory<String> {
        private static final Pattern LIST_ELEMENT = Pattern.compile("^__(.+)_\\d+$");

        ArgumentFactory() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(String value, ConfigRegistry config) {
            return (position, statement, context) ->
                    statement.setString(position, require(fieldAt(context, position), value));
        }

        /** The parameter's name; an element of a {@code @BindList("urls")} (Jdbi names it {@code __urls_3}) is {@code urls}. */
        private static String fieldAt(StatementContext context, int position) {
            List<String> names = context.getParsedSql().getParameters().getParameterNames();
            if (position < 1 || position > names.size() || "?".equals(names.get(position - 1))) {
                return "parameter " + position;
            }
            return LIST_ELEMENT.matcher(names.get(position - 1)).replaceFirst("$1");
        }
    }
}
