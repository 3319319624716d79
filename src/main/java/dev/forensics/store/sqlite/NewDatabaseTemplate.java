package dev.forensics.store.sqlite;

import dev.forensics.store.StoreOptions;
import dev.forensics.store.schema.Migrator;
import dev.forensics.store.schema.SchemaVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An empty database at the latest schema version, made by Flyway from {@code migrations/} when the jar is built
 * ({@code process-classes}, see pom.xml) and shipped in it (ADR-019): a new file built aside starts as a copy of it
 * instead of a Flyway run of its own, which costs a new process a second of CPU (loading and compiling Flyway) before
 * its first write. The template's history is Flyway's own, checksums included, so {@code validate} and later
 * migrations treat the copy as any migrated file; only its {@code installed_on} tells when the jar was built.
 */
public final class NewDatabaseTemplate {
    /** The resource, named after the schema version it holds, so a jar never offers a template of another version. */
    static final String RESOURCE = "/dev/forensics/store/sqlite/new-database-v" + SchemaVersion.LATEST + ".sqlite";

    private NewDatabaseTemplate() {}

    /**
     * Writes the template into {@code args[0]}, a folder of the build's classes, as {@link #RESOURCE}; run by the build.
     *
     * @throws IOException when the folder cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0], RESOURCE.substring(1));
        Files.createDirectories(target.getParent());
        Path work = target.resolveSibling(target.getFileName() + ".building");
        ProcessTemporaries.delete(work);
        Migrator.migrate(new SqliteDatabase(work, StoreOptions.defaults()));
        Files.move(work, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Copies the template to {@code file}, which must not exist.
     *
     * @return {@code false} when this jar has no template (a build that skipped {@code process-classes}): the caller
     *     migrates the file with Flyway instead
     * @throws IOException when the copy fails (e.g. the disk is full)
     */
    static boolean copyTo(Path file) throws IOException {
        try (InputStream template = NewDatabaseTemplate.class.getResourceAsStream(RESOURCE)) {
            if (template == null) {
                return false;
            }
            Files.copy(template, file);
            return true;
        }
    }
}
