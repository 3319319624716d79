package dev.forensics.store.article;

import dev.forensics.store.internal.InstantText;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads {@link Article} rows of {@link ArticleSql#COLUMNS}, in that order, for {@link ArticleDao}'s hand-bound lookups; the SqlObject
 * queries map the same columns with Jdbi's constructor mapper (Jdbi can only instantiate a public mapper class).
 */
final class ArticleRows {
    private ArticleRows() {}

    /** The article in the current row. */
    static Article read(ResultSet row) throws SQLException {
        return new Article(
                row.getLong(1),
                row.getString(2),
                row.getLong(3),
                row.getString(4),
                InstantText.parse(row.getString(5)),
                row.getString(6),
                row.getString(7),
                InstantText.parse(row.getString(8)),
                InstantText.parse(row.getString(9)),
                InstantText.parse(row.getString(10)));
    }
}
