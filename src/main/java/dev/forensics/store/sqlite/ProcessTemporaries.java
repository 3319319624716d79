package dev.forensics.store.sqlite;

import dev.forensics.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden files a process writes beside a database file before putting them under a name: a backup
 * ({@code .<name>.backup-<pid>-<n>.tmp}) or a new database built aside ({@code .<name>.build-<pid>-<n>.tmp}, ADR-019).
 * Each is claimed ({@link TemporaryClaim}: a lock on {@code <temporary>-lock} that the kernel releases when its process
 * dies) before it is created and until it is gone; what a killed process left is deleted by the next run in the
 * directory, which tells it by taking that lock, not by the process id in the name (an id means nothing across PID
 * namespaces, and a dead process's id may be a live one's now). The id stays in the name for people reading
 * {@code ls -a}, and judges only temporaries without a lock file (made by a version before the locks).
 */
final class ProcessTemporaries {
    private static final String SUFFIX = ".tmp";
    private static final String[] SQLITE_COMPANIONS = {"-journal", "-wal", "-shm"};
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /**
     * The process id written into new names: this process's. Tests only set another (a child JVM standing for a process
     * of another PID namespace, whose id means nothing here).
     */
    static final AtomicLong PID_IN_NAMES =
            new AtomicLong(ProcessHandle.current().pid());

    private static final Pattern ANY_KIND =
            Pattern.compile("\\..+\\.(build|backup)-\\d+(-\\d+)?" + Pattern.quote(SUFFIX));
    /** The longest name a temporary may have: NAME_MAX (255 bytes on Linux' file systems) less {@code -journal}. */
    private static final int MAX_NAME_BYTES = 255 - "-journal".length();

    private final String kind;
    /** A temporary of this kind or one of its companions: group 1 the temporary's name, group 2 the process id. */
    private final Pattern withCompanion;

    /** The temporaries of one kind ({@code backup}, {@code build}). */
    ProcessTemporaries(String kind) {
        this.kind = kind;
        this.withCompanion = Pattern.compile("(\\..+\\." + Pattern.quote(kind) + "-(\\d+)(?:-\\d+)?"
                + Pattern.quote(SUFFIX) + ")(?:-journal|-wal|-shm|-lock)?");
    }

    /**
     * Claims a new temporary {@code .<name>.<kind>-<pid>-<n>.tmp} beside {@code target}: a name neither claimed nor
     * present, in this process or any other sharing the directory (a process of another PID namespace may have this
     * process's id). Nothing is created but its lock file; close the claim once the temporary is gone.
     *
     * @throws IOException when the lock file cannot be created or locked (read-only directory, full disk)
     */
    TemporaryClaim claimNext(Path target) throws IOException {
        while (true) {
            Path temporary =
                    hidden(target, "." + kind + "-" + PID_IN_NAMES.get() + "-" + SEQUENCE.incrementAndGet() + SUFFIX);
            Optional<TemporaryClaim> claim = TemporaryClaim.claimNew(temporary);
            if (claim.isPresent()) {
                if (!Files.exists(temporary, LinkOption.NOFOLLOW_LINKS)) {
                    return claim.get();
                }
                claim.get().close(); // a temporary of that name without a lock file: not ours to touch
            }
        }
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
     * Deletes the temporaries of this kind (with their SQLite journals and lock files) that processes now gone left in
     * the directory of {@code target}, for any database there: those whose lock can be taken; a temporary without a
     * lock file (made before the locks) when no process of the id in its name is alive here.
     *
     * @throws StoreException when the directory cannot be listed or a leftover cannot be deleted
     */
    void deleteLeftovers(Path target) {
        Map<Path, Long> leftovers = new TreeMap<>();
        try (DirectoryStream<Path> siblings =
                Files.newDirectoryStream(target.getParent(), ".*." + kind + "-*" + SUFFIX + "*")) {
            for (Path sibling : siblings) {
                Matcher matcher = withCompanion.matcher(sibling.getFileName().toString());
                if (matcher.matches()) {
                    leftovers.put(sibling.resolveSibling(matcher.group(1)), Long.parseLong(matcher.group(2)));
                }
            }
            for (Map.Entry<Path, Long> leftover : leftovers.entrySet()) {
                deleteIfAbandoned(leftover.getKey(), leftover.getValue());
            }
        } catch (IOException | NumberFormatException e) {
            throw new StoreException(
                    "cannot list the directory of " + target + " for leftovers of killed runs (" + kind + "): " + e, e);
        }
    }

    private static void deleteIfAbandoned(Path temporary, long pid) throws IOException {
        Optional<TemporaryClaim> abandoned;
        try {
            abandoned = TemporaryClaim.claimAbandoned(temporary);
        } catch (NoSuchFileException noLockFile) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                delete(temporary);
            }
            return;
        }
        if (abandoned.isPresent()) {
            try (TemporaryClaim claim = abandoned.get()) {
                delete(temporary);
            }
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
