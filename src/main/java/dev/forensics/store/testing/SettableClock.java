package dev.forensics.store.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A UTC clock that tells the instant a test last set, for DAO timestamps ({@code StoreOptions.withClock}). It stands
 * still until {@link #set(Instant)} or {@link #advance(Duration)} moves it. {@link StoreExtension} gives one to each
 * test's Repository; a test takes it as a parameter. Safe to read from several threads.
 */
public final class SettableClock extends Clock {
    private volatile Instant now;

    /** A clock standing at {@code start}. */
    public SettableClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** Moves the clock to {@code instant} (backwards too). */
    public void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    /** Moves the clock forward by {@code amount} (backwards when negative) and returns the new instant. */
    public synchronized Instant advance(Duration amount) {
        now = now.plus(amount);
        return now;
    }

    /** Always UTC. */
    @Override
    public ZoneOffset getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock: it tells instants, which have no zone. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** The instant last set. */
    @Override
    public Instant instant() {
        return now;
    }
}
