package dev.forensics.store.testing;

import org.opentest4j.TestAbortedException;

/**
 * What a test does when a fixture it needs (a {@code mount}, a PostgreSQL server) cannot be had on this machine: it is
 * skipped with the reason printed as {@code SKIPPED <reason>}, or, when {@code -Dforensics.requireAllFixtures=true}
 * (set by {@code .ci/run}, where root and {@code mount} are available), it fails, so that CI never skips silently.
 */
public final class MissingFixture {
    /** The system property that turns a skip into a failure. */
    public static final String REQUIRE_ALL = "forensics.requireAllFixtures";

    private MissingFixture() {}

    /**
     * The exception to throw for a missing fixture: a {@link TestAbortedException} (the test is skipped), or an
     * {@link AssertionError} (the test fails) when {@link #REQUIRE_ALL} is set. Prints the reason either way.
     */
    public static RuntimeException skipOrFail(String reason) {
        if (Boolean.getBoolean(REQUIRE_ALL)) {
            System.out.println("MISSING FIXTURE " + reason + " (-D" + REQUIRE_ALL + "=true)");
            throw new AssertionError(reason + "; this test may not be skipped here (-D" + REQUIRE_ALL + "=true)");
        }
        System.out.println("SKIPPED " + reason);
        return new TestAbortedException(reason);
    }
}
