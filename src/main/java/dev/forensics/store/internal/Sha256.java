package dev.forensics.store.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of UTF-8 text as lower-case hex: the LLM cache key and the article content hash. */
public final class Sha256 {
    private Sha256() {}

    /** One digest per thread, reused: looking one up costs more than hashing a URL (a cache put does both). */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

    /** The 64-character lower-case hex SHA-256 of {@code text} encoded as UTF-8. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The 64-character lower-case hex SHA-256 of {@code utf8}, text already encoded (the ingest's spool has it so). */
    public static String hex(byte[] utf8) {
        // digest(byte[]) hashes and resets in one call, so the thread's digest is ready for the next text.
        return HexFormat.of().formatHex(DIGEST.get().digest(utf8));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
