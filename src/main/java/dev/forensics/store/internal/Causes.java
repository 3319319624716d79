package dev.forensics.store.internal;

import java.util.Optional;

/** Finds the error a wrapper hides: Jdbi, Flyway and HikariCP wrap the driver's {@code SQLException} in their own. */
public final class Causes {
    private Causes() {}

    /** The first throwable in {@code error}'s cause chain, {@code error} included, that is of {@code type}. */
    public static <T extends Throwable> Optional<T> first(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
