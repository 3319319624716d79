package dev.forensics.store.llmcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.StoreOptions;
import org.junit.jupiter.api.Test;

class LlmCacheOptionsTest {

    @Test
    void theCacheIsUnboundedByDefault() {
        assertThat(StoreOptions.defaults().llmCacheMaxEntries()).isZero();
        assertThat(StoreOptions.defaults().llmCacheMaxBytes()).isZero();
    }

    @Test
    void boundsAreKeptByEveryOtherCopy() {
        StoreOptions options = StoreOptions.defaults()
                .withLlmCacheMaxEntries(1000)
                .withLlmCacheMaxBytes(1 << 20)
                .withLeakDetection(false);
        assertThat(options.llmCacheMaxEntries()).isEqualTo(1000);
        assertThat(options.llmCacheMaxBytes()).isEqualTo(1 << 20);
    }

    @Test
    void aNegativeBoundIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> StoreOptions.defaults().withLlmCacheMaxEntries(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("llmCacheMaxEntries");
        assertThatThrownBy(() -> StoreOptions.defaults().withLlmCacheMaxBytes(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("llmCacheMaxBytes");
    }
}
