package dev.forensics.store.author;

import dev.forensics.store.internal.InstantText;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads {@link Author} rows of {@link AuthorSql#COLUMNS}, in that order, for {@link AuthorDao}'s hand-bound lookups; the SqlObject
 * queries map the same columns with Jdbi's constructor mapper (Jdbi can only instantiate a public mapper class).
 */
final class AuthorRows {
    private AuthorRows() {}

    /** The author in the current row. */
    static Author read(ResultSet row) throws SQLException {
        return new Author(
                row.getLong(1),
                row.getString(2),
                row.getString(3),
                InstantText.parse(row.getString(4)),
                InstantText.parse(row.getString(5)));
    }
}
