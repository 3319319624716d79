package dev.forensics.store.sqlite;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts a private file (a new database built aside, a backup) under its name without ever replacing a file there
 * (ADR-019). {@code rename(2)} replaces silently, and Java offers no {@code renameat2(RENAME_NOREPLACE)}; so the name
 * is made a hard link to the private file ({@code link(2)}, which fails atomically when the name exists, whoever
 * created it, with or without a lock of this library), then the private name and its SQLite companions are deleted.
 * For that moment the file has two names; {@link SqliteFileCheck} accepts a second name that is a private name of this
 * library, which nobody opens as a database.
 *
 * <p>Where the file system refuses hard links (FAT, some network and FUSE file systems: {@code link(2)} fails with
 * {@code EPERM}, or the provider does not support links), the file is renamed once the name was found free, as
 * before: there, a file that another program, one that takes no migration lock of this library, creates under the
 * name between that check and the rename is replaced. Chosen over refusing to publish, which would make every new
 * file and backup fail on such a file system; processes of this library still cannot interleave (the caller holds
 * the name's migration lock).
 */
final class NoReplacePublish {
    /**
     * Tests only: run just before a private file is put under the name it is keyed by, after that name was last seen
     * free: where another program could create the name.
     */
    static final Map<Path, Runnable> BEFORE_TAKING_THE_NAME = new ConcurrentHashMap<>();

    private static final Runnable NOTHING = () -> {};

    private NoReplacePublish() {}

    /**
     * Gives {@code privateFile} the name {@code name} unless that name exists (a symbolic link counts); the caller holds
     * the name's migration lock and syncs the directory afterwards.
     *
     * @return {@code false} when the name exists: {@code privateFile} is left as it was
     * @throws IOException when neither the link nor the rename can be made (the link's failure is attached)
     * @throws dev.forensics.store.StoreException when the private name cannot be deleted after the link (the file is
     *     published; the message names the private name to delete)
     */
    static boolean publish(Path privateFile, Path name) throws IOException {
        if (Files.exists(name, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        BEFORE_TAKING_THE_NAME.getOrDefault(name, NOTHING).run();
        try {
            Files.createLink(name, privateFile);
        } catch (FileAlreadyExistsException taken) {
            return false;
        } catch (IOException | UnsupportedOperationException noHardLinks) {
            renameWithoutLinks(privateFile, name, noHardLinks);
            return true;
        }
        ProcessTemporaries.delete(privateFile);
        return true;
    }

    private static void renameWithoutLinks(Path privateFile, Path name, Exception linkFailure) throws IOException {
        try {
            Files.move(privateFile, name, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            e.addSuppressed(linkFailure);
            throw e;
        }
    }
}
