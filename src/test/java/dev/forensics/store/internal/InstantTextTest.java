package dev.forensics.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
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

    @Test
    void everyInstantIsFormattedAsTheFixedWidthPatternWouldWhetherItsSecondWasFormattedBeforeOrNot() {
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
                .withZone(ZoneOffset.UTC);
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 20_000; i++) {
            long second = i % 4 == 0
                    ? random.nextLong(-400_000_000_000L, 400_000_000_000L) // years -10700 to 14600
                    : 1_700_000_000L + random.nextInt(3); // the same few seconds again and again
            Instant instant = Instant.ofEpochSecond(second, random.nextInt(1_000_000_000));
            assertThat(InstantText.format(instant)).isEqualTo(pattern.format(instant));
        }
        for (Instant edge : new Instant[] {
            Instant.EPOCH,
            Instant.ofEpochSecond(-1, 999_999_999),
            Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.parse("+10000-01-01T00:00:00Z")
        }) {
            assertThat(InstantText.format(edge)).isEqualTo(pattern.format(edge));
        }
    }
}
