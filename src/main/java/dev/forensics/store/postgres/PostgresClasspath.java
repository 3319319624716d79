package dev.forensics.store.postgres;

import dev.forensics.store.errors.MissingDependencyException;
import java.util.List;

/**
 * Checks, before any class of theirs is touched, that the optional artifacts PostgreSQL support needs are on the
 * classpath: the library declares them {@code <optional>}, so a SQLite-only build does not carry them (ADR-015).
 * Refers to them by class name only, so this class loads without them.
 */
final class PostgresClasspath {
    /**
     * One optional artifact and a class it holds.
     *
     * @param artifact  {@code groupId:artifactId}
     * @param className a class of that artifact
     */
    record Requirement(String artifact, String className) {}

    /** What {@link PostgresDatabase#open} needs: the driver, the pool and Flyway's PostgreSQL support for migrate. */
    static final List<Requirement> REQUIRED = List.of(
            new Requirement("org.postgresql:postgresql", "org.postgresql.ds.PGSimpleDataSource"),
            new Requirement("com.zaxxer:HikariCP", "com.zaxxer.hikari.HikariDataSource"),
            new Requirement(
                    "org.flywaydb:flyway-database-postgresql",
                    "org.flywaydb.database.postgresql.PostgreSQLDatabaseType"));

    private PostgresClasspath() {}

    /**
     * Returns when every required artifact is present.
     *
     * @throws MissingDependencyException naming each missing artifact and where the dependency snippet is
     */
    static void require() {
        List<String> missing = REQUIRED.stream()
                .filter(requirement -> !present(requirement.className()))
                .map(Requirement::artifact)
                .toList();
        if (!missing.isEmpty()) {
            throw new MissingDependencyException(
                    "PostgreSQL support needs " + String.join(", ", missing)
                            + " on the classpath, and " + (missing.size() == 1 ? "it is" : "they are")
                            + " missing: forensics-store declares them optional,"
                            + " so add them to your build (the dependency snippet is in the README, section PostgreSQL)",
                    missing);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, PostgresClasspath.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
