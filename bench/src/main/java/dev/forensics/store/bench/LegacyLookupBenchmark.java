package dev.forensics.store.bench;

import dev.forensics.store.legacy.LegacyStore;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Case 2, baseline (b): the same {@value LookupBenchmark#LOOKUPS} lookups as {@link LookupBenchmark} in the old
 * style, a connection opened and closed per call through the deprecated {@link LegacyStore} shim. The shim takes a
 * SQLite path, so this case has no {@code database} parameter. Scores are per lookup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@OperationsPerInvocation(LookupBenchmark.LOOKUPS)
public class LegacyLookupBenchmark {
    private BenchTarget target;
    private Path file;
    private String[] keys;

    /** Stores the articles and builds the keys, as LookupBenchmark does. */
    @Setup(Level.Trial)
    public void store() {
        target = BenchTarget.fresh("sqlite");
        file = target.file();
        keys = Fixtures.storeLookupArticles(target, LookupBenchmark.LOOKUPS);
    }

    /** Deletes the file. */
    @TearDown(Level.Trial)
    public void drop() {
        target.close();
    }

    /** Baseline (b): {@link LegacyStore#articleUrlExists} opens and closes a Repository per call. */
    @Benchmark
    @SuppressWarnings("removal")
    public void legacyConnectionPerCall(Blackhole hole) {
        for (String key : keys) {
            hole.consume(LegacyStore.articleUrlExists(file, key));
        }
    }
}
