package dev.forensics.store.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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

    private LeakDetector() {
    }

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
    public static Registration register(Object owner, AutoCloseable resource, String displayName, boolean captureStack) {
        Throwable openedAt = captureStack ? new Throwable("Repository on " + displayName + " opened here") : null;
        LeakAction action = new LeakAction(resource, displayName, openedAt);
        OPEN.incrementAndGet();
        return new Registration(action, CLEANER.register(owner, action));
    }

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
        private final String displayName;
        private final Throwable openedAt;
        private volatile boolean released;

        LeakAction(AutoCloseable resource, String displayName, Throwable openedAt) {
            this.resource = resource;
            this.displayName = displayName;
            this.openedAt = openedAt;
        }

        @Override
        public void run() {
            OPEN.decrementAndGet();
            if (released) {
                return;
            }
            LEAKED.incrementAndGet();
            LOG.warn("Leaked Repository on {}: it was never closed, closing its connection now; use try-with-resources."
                    + (openedAt == null ? " (Enable StoreOptions.leakDetection to see where it was opened.)" : ""), displayName, openedAt);
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Closing the leaked connection to {} failed", displayName, e);
            }
        }
    }
}
