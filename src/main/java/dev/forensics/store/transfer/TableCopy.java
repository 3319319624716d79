package dev.forensics.store.transfer;

/**
 * What a copy did to one table, and how the two sides compare afterwards.
 *
 * @param table          the table's name
 * @param inserted       rows written to the target
 * @param unchanged      rows the target already held, equal to the source's (a rerun after a kill)
 * @param overwritten    differing target rows replaced by the source's (only with {@link CopyOptions#overwrite()})
 * @param sourceRows     rows in the source (in the copy's snapshot)
 * @param targetRows     rows in the target after the copy
 * @param sourceChecksum the source's order-independent checksum of every column
 * @param targetChecksum the target's
 */
public record TableCopy(
        String table,
        long inserted,
        long unchanged,
        long overwritten,
        long sourceRows,
        long targetRows,
        String sourceChecksum,
        String targetChecksum) {
    /** Whether the target holds exactly the source's rows: equal counts and checksums. */
    public boolean matches() {
        return sourceRows == targetRows && sourceChecksum.equals(targetChecksum);
    }
}
