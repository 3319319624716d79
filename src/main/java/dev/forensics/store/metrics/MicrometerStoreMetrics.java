package dev.forensics.store.metrics;

import dev.forensics.store.Repository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link StoreMetrics} into a Micrometer {@link MeterRegistry}; the meter names are listed in the README
 * ("Metrics"). Only this class refers to Micrometer: it is loaded when a caller builds one, so Micrometer stays an
 * optional dependency. Pass it with {@code StoreOptions.defaults().withMetrics(MicrometerStoreMetrics.of(registry))}.
 */
public final class MicrometerStoreMetrics implements StoreMetrics {
    /** The prefix of every meter name. */
    public static final String PREFIX = "forensics.store.";

    private final MeterRegistry registry;
    private final Timer committed;
    private final Timer rolledBack;
    private final Timer busyTransactions;
    private final Timer lockWait;
    private final Counter busyFailed;
    private final Counter busyRetried;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter cacheComputations;
    private final Counter cacheLeaseWaits;
    private final Counter cacheTakeovers;
    private final Counter cacheFenced;
    private final Counter cacheEvictions;
    private final Map<String, Counter> rowsByDao = new ConcurrentHashMap<>();

    private MicrometerStoreMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(PREFIX + "repositories.open", Repository::openCount)
                .description("Repositories open in this JVM")
                .register(registry);
        this.committed = transactions(TransactionOutcome.COMMIT);
        this.rolledBack = transactions(TransactionOutcome.ROLLBACK);
        this.busyTransactions = transactions(TransactionOutcome.BUSY);
        this.lockWait = Timer.builder(PREFIX + "write.lock.wait")
                .description("Time spent in BEGIN IMMEDIATE waiting for the write lock")
                .register(registry);
        this.busyFailed = busy("failed");
        this.busyRetried = busy("retried");
        this.cacheHits = cache("hit");
        this.cacheMisses = cache("miss");
        this.cacheComputations = counter("cache.computations", "getOrCompute computations run (lease held)");
        this.cacheLeaseWaits =
                counter("cache.lease.waits", "getOrCompute calls that waited for another caller's lease");
        this.cacheTakeovers = counter("cache.lease.takeovers", "Expired getOrCompute leases taken over");
        this.cacheFenced = counter("cache.lease.fenced", "Computations whose lease was taken over; result not stored");
        this.cacheEvictions = counter("cache.evictions", "LLM cache entries evicted by the size bound (LRU)");
    }

    /** Records into {@code registry}; meters are registered now (gauges and timers start at zero). */
    public static MicrometerStoreMetrics of(MeterRegistry registry) {
        return new MicrometerStoreMetrics(registry);
    }

    @Override
    public void writeAheadLogOpened(String database, Path walFile) {
        // Registering the same name and tags again returns the existing gauge: one per file and registry.
        Gauge.builder(PREFIX + "wal.bytes", () -> sizeOf(walFile))
                .tag("database", database)
                .description("Size of the -wal file")
                .baseUnit("bytes")
                .register(registry);
    }

    @Override
    public void transactionEnded(TransactionOutcome outcome, long totalNanos, long lockWaitNanos) {
        Timer timer = switch (outcome) {
            case COMMIT -> committed;
            case BUSY -> busyTransactions;
            case ROLLBACK -> rolledBack;
        };
        timer.record(totalNanos, TimeUnit.NANOSECONDS);
        lockWait.record(lockWaitNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void busy(boolean retried) {
        (retried ? busyRetried : busyFailed).increment();
    }

    @Override
    public void rowsWritten(String dao, long rows) {
        rowsByDao
                .computeIfAbsent(
                        dao,
                        name -> Counter.builder(PREFIX + "rows.written")
                                .tag("dao", name)
                                .description("Rows written by DAO")
                                .register(registry))
                .increment(rows);
    }

    @Override
    public void cacheLookup(boolean hit) {
        (hit ? cacheHits : cacheMisses).increment();
    }

    @Override
    public void cacheComputed() {
        cacheComputations.increment();
    }

    @Override
    public void cacheLeaseWaited() {
        cacheLeaseWaits.increment();
    }

    @Override
    public void cacheTakenOver() {
        cacheTakeovers.increment();
    }

    @Override
    public void cacheFenced() {
        cacheFenced.increment();
    }

    @Override
    public void cacheEvicted(long entries) {
        cacheEvictions.increment(entries);
    }

    @Override
    public void checkpointed(String mode, boolean complete, long framesCopied) {
        Counter.builder(PREFIX + "checkpoints")
                .tag("mode", mode.toLowerCase(Locale.ROOT))
                .tag("result", complete ? "complete" : "incomplete")
                .description("WAL checkpoints run")
                .register(registry)
                .increment();
        DistributionSummary.builder(PREFIX + "checkpoint.frames")
                .description("WAL frames checkpointed per checkpoint")
                .register(registry)
                .record(framesCopied);
    }

    private Timer transactions(TransactionOutcome outcome) {
        return Timer.builder(PREFIX + "transactions")
                .tag("outcome", outcome.tag())
                .description("Top-level transactions, BEGIN to COMMIT/ROLLBACK")
                .register(registry);
    }

    private Counter busy(String what) {
        return Counter.builder(PREFIX + "busy")
                .tag("outcome", what)
                .description("Transactions that could not get the write lock")
                .register(registry);
    }

    private Counter cache(String result) {
        return Counter.builder(PREFIX + "cache.lookups")
                .tag("result", result)
                .description("LLM cache lookups")
                .register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(PREFIX + name).description(description).register(registry);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return -1; // a gauge cannot throw; -1 marks "unreadable" on the dashboard
        }
    }
}
