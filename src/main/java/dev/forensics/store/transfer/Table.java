package dev.forensics.store.transfer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the {@link Copier} knows of one table: its columns (all of them are copied, compared and checksummed), the
 * primary key it pages and matches rows by, and the identity column whose generator must move past copied ids.
 * Every SQL statement of a copy is derived from this description, so a schema change is one edit in {@link StoreTables}.
 *
 * @param name     the table's name
 * @param columns  every copied column, in the order statements list them
 * @param key      the names of the primary-key columns (a subset of {@code columns})
 * @param identity the generated id column, if any
 */
public record Table(String name, List<Column> columns, List<String> key, Optional<String> identity) {

    /** Checks that the key columns are among the columns. */
    public Table {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        Objects.requireNonNull(identity, "identity");
        List<String> names = columns.stream().map(Column::name).toList();
        if (key.isEmpty() || !names.containsAll(key)) {
            throw new IllegalArgumentException("key " + key + " of " + name + " must be among its columns " + names);
        }
    }

    /** The position (0-based) of each key column in {@link #columns()}. */
    int[] keyPositions() {
        List<String> names = columns.stream().map(Column::name).toList();
        return key.stream().mapToInt(names::indexOf).toArray();
    }

    /** {@code a, b, c}: every column. */
    String columnList() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    /** {@code a, b}: the key columns, for ORDER BY. */
    String keyList() {
        return String.join(", ", key);
    }

    /** {@code id > ?} or {@code (a, b) > (?, ?)}: rows after a key, in key order. */
    String keyAfter() {
        return key.size() == 1 ? key.get(0) + " > ?" : "(" + keyList() + ") > (" + marks(key.size()) + ")";
    }

    /** {@code id IN (?, ?)} or {@code (a, b) IN (VALUES (?, ?), (?, ?))} for {@code rows} keys. */
    String keyIn(int rows) {
        if (key.size() == 1) {
            return key.get(0) + " IN (" + marks(rows) + ")";
        }
        String row = "(" + marks(key.size()) + ")";
        return "(" + keyList() + ") IN (VALUES " + String.join(", ", java.util.Collections.nCopies(rows, row)) + ")";
    }

    /** {@code INSERT INTO t (a, b) VALUES (?, ?)}. */
    String insert() {
        return "INSERT INTO " + name + " (" + columnList() + ") VALUES (" + marks(columns.size()) + ")";
    }

    /** {@code UPDATE t SET b = ?, c = ? WHERE a = ?}: the non-key columns first, then the key. */
    String update() {
        String set = columns.stream()
                .map(Column::name)
                .filter(c -> !key.contains(c))
                .map(c -> c + " = ?")
                .collect(Collectors.joining(", "));
        String where = key.stream().map(c -> c + " = ?").collect(Collectors.joining(" AND "));
        return "UPDATE " + name + " SET " + set + " WHERE " + where;
    }

    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
