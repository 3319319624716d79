package dev.forensics.store.transfer;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** How a column's values are read, bound and compared: every column of the store is a 64-bit integer or text. */
public enum ColumnType {
    /** {@code INTEGER} on SQLite, {@code BIGINT} on PostgreSQL: read as {@link Long}. */
    INTEGER(Types.BIGINT),
    /** {@code TEXT} on both: read as {@link String}. */
    TEXT(Types.VARCHAR);

    private final int sqlType;

    ColumnType(int sqlType) {
        this.sqlType = sqlType;
    }

    /** The value of column {@code index} of the current row, {@code null} for SQL NULL. */
    Object read(ResultSet row, int index) throws SQLException {
        if (this == INTEGER) {
            long value = row.getLong(index);
            return row.wasNull() ? null : value;
        }
        return row.getString(index);
    }

    /** Binds {@code value} (as {@link #read} returned it) to parameter {@code index}. */
    void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
        } else if (this == INTEGER) {
            statement.setLong(index, (Long) value);
        } else {
            statement.setString(index, (String) value);
        }
    }
}
