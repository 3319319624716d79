package dev.forensics.store.sqlite;

import dev.forensics.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden files a process writes beside a database file before renaming them into place: a backup
 * ({@code .<name>.backup-<pid>.tmp}) or a new database built aside ({@code .<name>.build-<pid>-<n>.tmp}, ADR-019). The
 * process id in the name tells which ones a killed process left: those are deleted by the next run in the directory.
 */
final class ProcessTemporaries {
    private static final String SUFFIX = ".tmp";
    private static final String[] SQLITE_COMPANIONS = {"-journal", "-wal", "-shm"};
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Pattern ANY_KIND =
            Pattern.compile("\\..+\\.(build|backup)-\\d+(-\\d+)?" + Pattern.quote(SUFFIX));
    /** The longest name a temporary may have: NAME_MAX (255 bytes on Linux' file systems) less {@code -journal}. */
    private static final int MAX_NAME_BYTES = 255 - "-journal".length();

    private final String kind;
    private final Pattern ours;

    /** The temporaries of one kind ({@code backup}, {@code build}). */
    ProcessTemporaries(String kind) {
        this.kind = kind;
        this.ours = Pattern.compile("\\..+\\." + Pattern.quote(kind) + "-(\\d+)(-\\d+)?" + Pattern.quote(SUFFIX));
    }

    /** {@code .<name>.<kind>-<pid>.tmp} beside {@code target}: one per process. */
    Path forProcess(Path target, long pid) {
        return hidden(target, "." + kind + "-" + pid + SUFFIX);
    }

    /** {@code .<name>.<kind>-<pid>-<n>.tmp} beside {@code target}: a new name each call, several per process. */
    Path next(Path target) {
        return hidden(
                target, "." + kind + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + SUFFIX);
    }

    /**
     * {@code .<name><tail>} beside {@code target}, its name cut short when needed so that it and its SQLite companions
     * ({@code -journal}) fit in a file name: a name that fits (255 bytes) would otherwise get a temporary that does not.
     */
    private static Path hidden(Path target, String tail) {
        String name = target.getFileName().toString();
        int room = MAX_NAME_BYTES - 1 - tail.getBytes(StandardCharsets.UTF_8).length;
        int end = 0;
        for (int used = 0; end < name.length(); end += Character.charCount(name.codePointAt(end))) {
            used += new String(Character.toChars(name.codePointAt(end))).getBytes(StandardCharsets.UTF_8).length;
            if (used > room) {
                break;
            }
        }
        return target.resolveSibling("." + name.substring(0, end) + tail);
    }

    /**
     * Deletes the temporaries of this kind (and their SQLite journals) that processes no longer alive left in the
     * directory of {@code target}.
     *
     * @throws StoreException when the directory cannot be listed or a leftover cannot be deleted
     */
    void deleteLeftovers(Path target) {
        try (DirectoryStream<Path> siblings =
                Files.newDirectoryStream(target.getParent(), ".*." + kind + "-*" + SUFFIX)) {
            for (Path sibling : siblings) {
                Matcher matcher = ours.matcher(sibling.getFileName().toString());
                if (matcher.matches()
                        && ProcessHandle.of(Long.parseLong(matcher.group(1)))
                                .map(p -> !p.isAlive())
                                .orElse(true)) {
                    delete(sibling);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new StoreException(
                    "cannot list the directory of " + target + " for leftovers of killed runs (" + kind + "): " + e, e);
        }
    }

    /**
     * Whether a temporary of this library beside {@code file} (a build or a backup, {@code .<name>.<kind>-<pid>...tmp})
     * is the same file as {@code file}, whose {@link BasicFileAttributes#fileKey()} is {@code fileKey}: a publish under
     * way ({@link NoReplacePublish}), or one whose process died between the link and the unlink (the next build or
     * backup in the directory deletes that name). False when there is no file key.
     */
    static boolean isPrivateNameOf(Path file, Object fileKey) {
        if (fileKey == null) {
            return false;
        }
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(file.getParent(), ".*-*" + SUFFIX)) {
            for (Path sibling : siblings) {
                if (ANY_KIND.matcher(sibling.getFileName().toString()).matches()
                        && fileKey.equals(
                                Files.readAttributes(sibling, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                                        .fileKey())) {
                    return true;
                }
            }
            return false;
        } catch (IOException goneOrUnreadable) {
            return false; // the link count is then reported as it is
        }
    }

    /**
     * Deletes {@code temporary} and its SQLite journal, WAL and shared-memory files, if any.
     *
     * @throws StoreException naming the file, when it cannot be deleted
     */
    static void delete(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
            for (String companion : SQLITE_COMPANIONS) {
                Files.deleteIfExists(temporary.resolveSibling(temporary.getFileName() + companion));
            }
        } catch (IOException e) {
            throw new StoreException(
                    "cannot delete the temporary file " + temporary + ": " + e + "; delete it by hand", e);
        }
    }

    /** fsync of a file or (on Linux) a directory: its contents, or the name just renamed into it, reach the disk. */
    static void sync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
