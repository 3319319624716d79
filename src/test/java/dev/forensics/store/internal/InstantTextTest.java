package dev.forensics.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstantTextTest {
    @Test
    void instantsAreStoredAsFixedWidthUtcTextSoThatTextOrderIsTimeOrder() {
        String whole = InstantText.format(Instant.parse("2024-05-01T12:00:00Z"));
        String fraction = InstantText.format(Instant.parse("2024-05-01T12:00:00.5Z"));
        assertThat(whole).isEqualTo("2024-05-01T12:00:00.000000000Z");
        assertThat(fraction).hasSameSizeAs(whole);
        assertThat(whole.compareTo(fraction)).isNegative();
    }

    @Test
    void storedTextParsesBackToTheSameInstantWithNanosecondPrecision() {
        Instant instant = Instant.parse("2024-05-01T12:00:00.123456789Z");
        assertThat(InstantText.parse(InstantText.format(instant))).isEqualTo(instant);
    }
}
