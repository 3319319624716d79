package dev.forensics.store.llmcache;

/** The UTF-8 size of a string without encoding it (the byte bound counts it for every put). */
final class Utf8 {
    private Utf8() {}

    /** How many bytes {@code text} takes in UTF-8; a lone surrogate counts as the 1 byte of its replacement {@code ?}. */
    static long length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
