package dev.forensics.store.llmcache;

/**
 * What {@link LlmCacheDao#getOrCompute} runs on a miss: the LLM call that produces an analysis. It may throw checked
 * exceptions (an HTTP client's {@code IOException}, {@code InterruptedException}); they reach the caller unchanged,
 * and nothing is cached then.
 *
 * @param <X> what it may throw
 */
@FunctionalInterface
public interface AnalysisComputation<X extends Exception> {

    /**
     * Produces the analysis as JSON text; runs with no transaction open and no lock held.
     *
     * @return the analysis JSON, never {@code null}
     * @throws X when the analysis cannot be made; the lease is released and a waiting caller computes instead
     */
    String analyze() throws X;
}
