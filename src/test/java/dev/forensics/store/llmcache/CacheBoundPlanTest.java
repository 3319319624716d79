package dev.forensics.store.llmcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eviction of the LRU bound walks the {@code used_at} index and stops after the rows it deletes, instead of reading
 * and sorting the whole cache on every eviction (issue 14's benchmark found SQLite 3.54 doing that: 12 ms and more per
 * eviction of 101 of 10,000 entries, against 1.4 ms). Asserted on SQLite's query plan, not on a time.
 */
class CacheBoundPlanTest {
    @TempDir
    Path dir;

    @Test
    void theEvictionReadsTheLeastRecentlyUsedThroughTheUsedAtIndexWithoutSortingTheCache() {
        try (var repo = new Repository(TestFiles.migrated(dir))) {
            List<String> plan = repo.withHandle(h -> h.createQuery("EXPLAIN QUERY PLAN " + CacheBound.EVICT)
                    .bind(0, 101)
                    .map((row, ctx) -> row.getString("detail"))
                    .list());

            assertThat(plan)
                    .as("plan of %s", CacheBound.EVICT)
                    .anySatisfy(step -> assertThat(step).contains("SCAN llm_cache USING", "INDEX llm_cache_used_at"))
                    .noneSatisfy(step -> assertThat(step).isEqualTo("SCAN llm_cache"))
                    .noneSatisfy(step -> assertThat(step).contains("TEMP B-TREE"));
        }
    }
}
