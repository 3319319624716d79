package dev.forensics.store.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A mount made for one test with the {@code mount} command: a small tmpfs (a disk that fills up, or a folder made
 * read-only) or a read-only bind mount of one file. As root, {@code chmod} makes nothing read-only, so these are the
 * honest way to test a full or read-only filesystem. Where {@code mount} is not permitted (not root, no
 * CAP_SYS_ADMIN) the test is skipped with the reason printed, or fails under {@code -Dforensics.requireAllFixtures=true}
 * ({@link MissingFixture}). {@link #close()} unmounts.
 */
public final class ScratchMount implements AutoCloseable {
    private final Path target;

    private ScratchMount(Path target) {
        this.target = target;
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code 2m}) on a new folder {@code target}; skips the test when not permitted. */
    public static ScratchMount tmpfs(Path target, String size) {
        createDirectory(target);
        assumeMounted(target, "mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", target.toString());
        return new ScratchMount(target);
    }

    /** Bind-mounts the file {@code file} onto itself read-only (its folder stays writable); skips the test when not permitted. */
    public static ScratchMount readOnlyFile(Path file) {
        assumeMounted(file, "mount", "--bind", file.toString(), file.toString());
        ScratchMount mount = new ScratchMount(file);
        mount.remount("bind,ro");
        return mount;
    }

    /** Where it is mounted. */
    public Path path() {
        return target;
    }

    /** Makes the whole mount read-only. */
    public void remountReadOnly() {
        remount("ro");
    }

    /** Makes the mount writable again. */
    public void remountReadWrite() {
        remount("rw");
    }

    /** Unmounts (lazily, so that a descriptor still open cannot make the test directory undeletable). */
    @Override
    public void close() {
        Result result = run("umount", "-l", target.toString());
        if (result.exitCode() != 0) {
            throw new IllegalStateException("umount " + target + " failed: " + result.output());
        }
    }

    private void remount(String options) {
        Result result = run("mount", "-o", "remount," + options, target.toString());
        if (result.exitCode() != 0) {
            close();
            throw new IllegalStateException(
                    "mount -o remount," + options + " " + target + " failed: " + result.output());
        }
    }

    private static void assumeMounted(Path target, String... command) {
        Result result = run(command);
        if (result.exitCode() != 0) {
            String reason = "`" + String.join(" ", command) + "` is not permitted here ("
                    + result.output().strip() + "); run the tests as root with CAP_SYS_ADMIN to cover this case";
            throw MissingFixture.skipOrFail(reason);
        }
    }

    /** What a command did. */
    private record Result(int exitCode, String output) {}

    private static Result run(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        try {
            Process process = new ProcessBuilder(all).redirectErrorStream(true).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " did not end within 5 minutes");
            }
            return new Result(
                    process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static void createDirectory(Path target) {
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
