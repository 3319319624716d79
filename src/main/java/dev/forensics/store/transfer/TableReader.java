package dev.forensics.store.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whole table in key order, one batch at a time ({@code WHERE key > last ORDER BY key LIMIT n}): memory holds
 * one batch whatever the table's size, on SQLite and PostgreSQL alike. The caller owns the connection.
 */
final class TableReader {
    private final Connection connection;
    private final Table table;
    private final int batchSize;
    private final int[] keyPositions;
    private Object[] lastKey;

    TableReader(Connection connection, Table table, int batchSize) {
        this.connection = connection;
        this.table = table;
        this.batchSize = batchSize;
        this.keyPositions = table.keyPositions();
    }

    /** The next batch of rows (values in {@link Table#columns()} order); empty once the table is read. */
    List<Object[]> next() throws SQLException {
        String sql = "SELECT " + table.columnList() + " FROM " + table.name()
                + (lastKey == null ? "" : " WHERE " + table.keyAfter()) + " ORDER BY " + table.keyList() + " LIMIT "
                + batchSize;
        List<Object[]> rows = new ArrayList<>(batchSize);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (lastKey != null) {
                for (int i = 0; i < keyPositions.length; i++) {
                    table.columns().get(keyPositions[i]).type().bind(statement, i + 1, lastKey[i]);
                }
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(read(table, result));
                }
            }
        }
        if (!rows.isEmpty()) {
            Object[] last = rows.get(rows.size() - 1);
            lastKey = new Object[keyPositions.length];
            for (int i = 0; i < keyPositions.length; i++) {
                lastKey[i] = last[keyPositions[i]];
            }
        }
        return rows;
    }

    /** The current row of {@code result}, whose columns are {@code table}'s in order. */
    static Object[] read(Table table, ResultSet result) throws SQLException {
        Object[] row = new Object[table.columns().size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = table.columns().get(i).type().read(result, i + 1);
        }
        return row;
    }
}
