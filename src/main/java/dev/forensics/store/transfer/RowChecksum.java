package dev.forensics.store.transfer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An order-independent checksum of a table: the sum (modulo 2^64) of the first 8 bytes of each row's SHA-256 over
 * every column, type-tagged and length-prefixed (so {@code NULL}, {@code ""} and {@code "0"} differ, and so does a
 * value moved to the neighbouring column). A sum, unlike XOR, also tells a duplicated row from a missing one.
 */
final class RowChecksum {
    private final MessageDigest sha256;
    private long sum;
    private long rows;

    RowChecksum() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Adds one row (values as {@link TableReader} reads them). */
    void add(Object[] row) {
        for (Object value : row) {
            if (value == null) {
                sha256.update((byte) 0);
            } else if (value instanceof Long number) {
                sha256.update((byte) 1);
                sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(number).array());
            } else {
                byte[] text = ((String) value).getBytes(StandardCharsets.UTF_8);
                sha256.update((byte) 2);
                sha256.update(
                        ByteBuffer.allocate(Integer.BYTES).putInt(text.length).array());
                sha256.update(text);
            }
        }
        sum += ByteBuffer.wrap(sha256.digest()).getLong();
        rows++;
    }

    long rows() {
        return rows;
    }

    /** The checksum as 16 hex digits. */
    String hex() {
        return HexFormat.of().toHexDigits(sum);
    }
}
