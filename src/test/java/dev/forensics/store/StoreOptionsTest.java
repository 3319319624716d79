package dev.forensics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.metrics.StoreMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StoreOptionsTest {

    @Test
    void builderStartsFromTheDocumentedDefaults() {
        StoreOptions options = StoreOptions.builder().build();

        assertThat(options.busyTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.transactionRetries()).isZero();
        assertThat(options.retryBackoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(options.leakDetection()).isTrue();
        assertThat(options.checkpointAfterRows()).isEqualTo(1_000);
        assertThat(options.slowTransaction()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.metrics()).isSameAs(StoreMetrics.NONE);
        assertThat(options).isEqualTo(StoreOptions.defaults());
    }

    @Test
    void toBuilderCopiesEverySettingAndChangesOnlyWhatIsSet() {
        Clock clock = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
        StoreOptions original = StoreOptions.builder()
                .busyTimeout(Duration.ofMillis(1234))
                .transactionRetries(3)
                .retryBackoff(Duration.ofMillis(7))
                .clock(clock)
                .leakDetection(false)
                .checkpointAfterRows(0)
                .slowTransaction(Duration.ofMinutes(2))
                .llmCacheMaxEntries(1_000)
                .llmCacheMaxBytes(5_000_000)
                .build();

        StoreOptions copy =
                original.toBuilder().busyTimeout(Duration.ofSeconds(9)).build();

        assertThat(original.toBuilder().build()).isEqualTo(original);
        assertThat(copy)
                .isEqualTo(new StoreOptions(
                        Duration.ofSeconds(9),
                        3,
                        Duration.ofMillis(7),
                        clock,
                        false,
                        0,
                        Duration.ofMinutes(2),
                        StoreMetrics.NONE,
                        1_000,
                        5_000_000));
    }

    @Test
    void withMethodsAreTheBuilderInOneLine() {
        StoreOptions viaWith = StoreOptions.defaults()
                .withBusyTimeout(Duration.ofMillis(10))
                .withTransactionRetries(2, Duration.ofMillis(5))
                .withCheckpointAfterRows(7);

        assertThat(viaWith)
                .isEqualTo(StoreOptions.builder()
                        .busyTimeout(Duration.ofMillis(10))
                        .transactionRetries(2)
                        .retryBackoff(Duration.ofMillis(5))
                        .checkpointAfterRows(7)
                        .build());
    }

    @Test
    void buildRefusesAnOutOfRangeSettingNamingIt() {
        assertThatThrownBy(() -> StoreOptions.builder().checkpointAfterRows(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpointAfterRows");
        assertThatThrownBy(() -> StoreOptions.builder().clock(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("clock");
    }
}
