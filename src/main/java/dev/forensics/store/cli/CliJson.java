package dev.forensics.store.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The CLI's one JSON mapper, created on first use: picocli instantiates every command class at each start, so a mapper
 * in a command's static field cost every run (even {@code --version}) Jackson's 373 classes (ADR-017).
 */
final class CliJson {
    private CliJson() {}

    /** The shared mapper; strict about trailing tokens, so {@code {} {}} is not JSON. */
    static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    /** Initialised by the JVM on the first call of {@link #mapper()}, thread-safely. */
    private static final class Holder {
        private static final ObjectMapper MAPPER =
                new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
