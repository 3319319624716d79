package dev.forensics.store.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Extracts sqlite-jdbc's native library for this platform from the jar into a folder, once, for the launcher (ADR-017):
 * the launcher then runs the CLI with {@code -Dorg.sqlite.lib.path=FOLDER}, and sqlite-jdbc loads the library from
 * there instead of extracting 1 MB from the jar into the temporary folder, reading it back to compare, at every start.
 * Writes {@code FOLDER/<library name>} through a temporary file and an atomic rename, then {@value #MARKER}, whose age
 * the launcher compares with the jar's. Where the library cannot be found or written, it prints why on standard error
 * and exits 1; the launcher then runs without it (sqlite-jdbc extracts as usual). Usage: {@code NativeLibraryExtraction
 * FOLDER}.
 */
public final class NativeLibraryExtraction {
    /** Written last: the folder holds a complete library for the jar that is not newer than this file. */
    static final String MARKER = ".extracted";

    private NativeLibraryExtraction() {}

    /** Extracts the library; see the class comment. */
    public static void main(String[] args) {
        try {
            extract(Path.of(args[0]));
        } catch (IOException | RuntimeException e) {
            System.err.println("forensics-store: the SQLite native library was not cached in " + args[0] + ": " + e);
            System.exit(1);
        }
    }

    static void extract(Path folder) throws IOException {
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, name, ".partial");
        try (InputStream library = NativeLibraryExtraction.class.getResourceAsStream(resource)) {
            if (library == null) {
                throw new IOException("the jar has no " + resource + " for this platform");
            }
            Files.copy(library, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        Files.deleteIfExists(folder.resolve(MARKER));
        Files.createFile(folder.resolve(MARKER));
    }
}
