package dev.forensics.store.errors;

import dev.forensics.store.StoreException;
import java.util.List;

/**
 * An optional part of the library was used without the artifacts it needs on the classpath, e.g. PostgreSQL support
 * without the driver, HikariCP or {@code flyway-database-postgresql}. The message and {@link #missingArtifacts()} name
 * each missing artifact as {@code groupId:artifactId}; the fix is to add them to the build (README, "PostgreSQL").
 */
public class MissingDependencyException extends StoreException {
    private static final long serialVersionUID = 1L;
    private final List<String> missingArtifacts;

    /**
     * Creates the error.
     *
     * @param message          names the feature, the missing artifacts and what to add
     * @param missingArtifacts the missing artifacts as {@code groupId:artifactId}
     */
    public MissingDependencyException(String message, List<String> missingArtifacts) {
        super(message);
        this.missingArtifacts = List.copyOf(missingArtifacts);
    }

    /** The missing artifacts as {@code groupId:artifactId}, in the order the message names them. */
    public List<String> missingArtifacts() {
        return missingArtifacts;
    }
}
