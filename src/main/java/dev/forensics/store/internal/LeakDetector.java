package dev.forensics.store.internal;

import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts open Repositories and, as HikariCP does for connections, reports one that became unreachable without
 * {@code close()}: it logs where it was opened and closes its connection. The Cleaner's action holds the
 * connection-owning resource, never the Repository itself, so the Repository can become unreachable.
 */
public final class LeakDetector {
    private static final Logger LOG = LoggerFactory.getLogger(LeakDetector.class);
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicInteger OPEN = new AtomicInteger();
    private static final AtomicLong LEAKED = new AtomicLong();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** Every Registration not yet released nor cleaned, by sequence number: what the test kit asks about. */
    private static final Map<Long, Registration> UNRELEASED = new ConcurrentHashMap<>();
    /** The last leaks the Cleaner found, newest last; bounded so that a leaking daemon does not grow it. */
    private static final Deque<OpenedRepository> RECENT_LEAKS = new ArrayDeque<>();

    private static final int RECENT_LEAKS_KEPT = 64;

    private LeakDetector() {}

    /** How many Repositories are open in this JVM right now. */
    public static int openCount() {
        return OPEN.get();
    }

    /** How many Repositories this JVM has found dropped without {@code close()} since it started. */
    public static long leakedCount() {
        return LEAKED.get();
    }

    /**
     * Watches {@code owner}; if it becomes unreachable before {@link Registration#release()}, {@code resource} is
     * closed and the leak logged with the stack trace taken now (when {@code captureStack}).
     */
    public static Registration register(
            Object owner, AutoCloseable resource, String displayName, boolean captureStack) {
        Throwable openedAt = captureStack ? new Throwable("Repository on " + displayName + " opened here") : null;
        OpenedRepository opened = new OpenedRepository(
                SEQUENCE.incrementAndGet(), displayName, Thread.currentThread().getName(), openedAt);
        LeakAction action = new LeakAction(resource, opened);
        OPEN.incrementAndGet();
        Registration registration = new Registration(action, CLEANER.register(owner, action));
        UNRELEASED.put(opened.sequence(), registration);
        return registration;
    }

    /** A mark to give {@link #openSince(long)} and {@link #leakedSince(long)}: every Repository opened later has a greater sequence. */
    public static long mark() {
        return SEQUENCE.get();
    }

    /** The Repositories opened after {@code mark} and not closed yet, oldest first. */
    public static List<OpenedRepository> openSince(long mark) {
        return UNRELEASED.values().stream()
                .map(registration -> registration.action.opened)
                .filter(opened -> opened.sequence() > mark)
                .sorted(Comparator.comparingLong(OpenedRepository::sequence))
                .toList();
    }

    /** The Repositories opened after {@code mark} that the garbage collector found dropped without {@code close()} (the last 64 kept). */
    public static List<OpenedRepository> leakedSince(long mark) {
        synchronized (RECENT_LEAKS) {
            return RECENT_LEAKS.stream()
                    .filter(opened -> opened.sequence() > mark)
                    .toList();
        }
    }

    /**
     * Treats the still-open Repository {@code opened} as leaked now, as the garbage collector would: logs it and closes its
     * connection. Does nothing when it was closed meanwhile. For the test kit, after it reported the leak.
     */
    public static void reclaim(OpenedRepository opened) {
        Registration registration = UNRELEASED.get(opened.sequence());
        if (registration != null) {
            registration.cleanable.clean();
        }
    }

    /**
     * One Repository as it was opened.
     *
     * @param sequence    its number in the order of opening in this JVM
     * @param displayName the database it was opened on
     * @param thread      the name of the thread that opened it
     * @param openedAt    the stack trace of its opening, or {@code null} when {@link dev.forensics.store.StoreOptions#leakDetection()} was off
     */
    public record OpenedRepository(long sequence, String displayName, String thread, Throwable openedAt) {}

    /** The link between one open Repository and its leak check. */
    public static final class Registration {
        private final LeakAction action;
        private final Cleaner.Cleanable cleanable;

        private Registration(LeakAction action, Cleaner.Cleanable cleanable) {
            this.action = action;
            this.cleanable = cleanable;
        }

        /** Marks a proper close (the owner has closed the resource itself); runs at most once. */
        public void release() {
            action.released = true;
            cleanable.clean();
        }
    }

    private static final class LeakAction implements Runnable {
        private final AutoCloseable resource;
        private final OpenedRepository opened;
        private final String displayName;
        private final Throwable openedAt;
        private volatile boolean released;

        LeakAction(AutoCloseable resource, OpenedRepository opened) {
            this.resource = resource;
            this.opened = opened;
            this.displayName = opened.displayName();
            this.openedAt = opened.openedAt();
        }

        @Override
        public void run() {
            OPEN.decrementAndGet();
            UNRELEASED.remove(opened.sequence());
            if (released) {
                return;
            }
            LEAKED.incrementAndGet();
            synchronized (RECENT_LEAKS) {
                if (RECENT_LEAKS.size() == RECENT_LEAKS_KEPT) {
                    RECENT_LEAKS.removeFirst();
                }
                RECENT_LEAKS.addLast(opened);
            }
            LOG.warn(
                    "Leaked Repository on {}: it was never closed, closing its connection now; use try-with-resources."
                            + (openedAt == null
                                    ? " (Enable StoreOptions.leakDetection to see where it was opened.)"
                                    : ""),
                    displayName,
                    openedAt);
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Closing the leaked connection to {} failed", displayName, e);
            }
        }
    }
}
