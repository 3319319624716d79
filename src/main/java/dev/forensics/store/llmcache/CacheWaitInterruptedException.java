package dev.forensics.store.llmcache;

import dev.forensics.store.StoreException;

/**
 * A thread was interrupted while {@link LlmCacheDao#getOrCompute} waited for another caller's computation. The
 * interrupt flag is set again; nothing was computed or stored by this caller, and no lease of its own is left behind.
 */
public class CacheWaitInterruptedException extends StoreException {

    /** An interrupted wait, with the interrupt as {@code cause}. */
    public CacheWaitInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
