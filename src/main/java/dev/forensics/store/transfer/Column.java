package dev.forensics.store.transfer;

/**
 * One column of a copied table.
 *
 * @param name the column's name, the same on both databases
 * @param type how its values are read and bound
 */
public record Column(String name, ColumnType type) {
    /** An integer column. */
    public static Column integer(String name) {
        return new Column(name, ColumnType.INTEGER);
    }

    /** A text column. */
    public static Column text(String name) {
        return new Column(name, ColumnType.TEXT);
    }
}
