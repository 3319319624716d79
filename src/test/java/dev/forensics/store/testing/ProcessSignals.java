package dev.forensics.store.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Stops and continues a child process (SIGSTOP, SIGCONT) and sends it signals Java has no method for, so that a test
 * acts on a process it has frozen at a moment it chose, instead of racing a running one: once {@link #stop} returns,
 * the process runs no instruction until {@link #resume}, so what the test reads of its files meanwhile stays true.
 * Linux only ({@code kill} and {@code /proc/<pid>/stat}).
 */
public final class ProcessSignals {
    /** A hang guard, not a timing: a stop is acknowledged by the kernel in microseconds. */
    private static final Duration HANG_GUARD = Duration.ofMinutes(5);

    private ProcessSignals() {}

    /**
     * Sends SIGSTOP and returns once the kernel reports every thread of the process stopped (state {@code T} in
     * {@code /proc/<pid>/task/<tid>/stat}): SIGSTOP stops a whole thread group, each thread at its next return to user
     * space.
     *
     * @throws AssertionError when the process has ended, or is not stopped within the hang guard
     */
    public static void stop(Process process) {
        send(process, "STOP");
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (!allThreadsStopped(process)) {
            if (!process.isAlive()) {
                throw new AssertionError("process " + process.pid() + " ended before it could be stopped");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("process " + process.pid() + " not stopped after SIGSTOP");
            }
            Thread.onSpinWait();
        }
    }

    /** Sends SIGCONT: a stopped process runs again. */
    public static void resume(Process process) {
        send(process, "CONT");
    }

    /**
     * Sends {@code signal} ({@code TERM}, {@code INT}, ...) with {@code kill}; a stopped process receives it when it
     * runs again.
     *
     * @throws AssertionError when {@code kill} fails (the process is gone)
     */
    public static void send(Process process, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                    .inheritIO()
                    .start();
            if (kill.waitFor() != 0) {
                throw new AssertionError(
                        "kill -" + signal + " " + process.pid() + " failed (alive: " + process.isAlive() + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while sending SIG" + signal, e);
        }
    }

    private static boolean allThreadsStopped(Process process) {
        Path tasks = Path.of("/proc", String.valueOf(process.pid()), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.allMatch(thread -> state(thread.resolve("stat")).equals("T"));
        } catch (IOException | UncheckedIOException e) {
            throw new AssertionError("process " + process.pid() + " has ended (alive: " + process.isAlive() + ")", e);
        }
    }

    /** The state letter of a {@code stat} file (R, S, D, T, Z, ...); "T" for a thread that ended meanwhile. */
    private static String state(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (NoSuchFileException ended) {
            return "T";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // pid (comm) state ...: comm may hold spaces and parentheses, the state follows the last ')'.
        int end = line.lastIndexOf(')');
        return line.substring(end + 2, end + 3);
    }
}
