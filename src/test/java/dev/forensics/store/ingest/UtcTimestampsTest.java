package dev.forensics.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast path for {@code YYYY-MM-DDTHH:MM:SSZ} agrees with {@code OffsetDateTime.parse} or stands aside. */
class UtcTimestampsTest {
    @Test
    void onRandomTimesTheFastPathGivesTheFullParsersInstantOrNothing() {
        SplittableRandom random = new SplittableRandom(7);
        int fast = 0;
        int declined = 0;
        for (int n = 0; n < 50_000; n++) {
            String text = String.format(
                    "%04d-%02d-%02dT%02d:%02d:%02dZ",
                    random.nextInt(10_000),
                    random.nextInt(14),
                    random.nextInt(33),
                    random.nextInt(26),
                    random.nextInt(61),
                    random.nextInt(61));
            Instant parsed = UtcTimestamps.parseSecondsZulu(text);
            Instant full = fullParser(text);
            if (parsed != null) {
                assertThat(parsed).as(text).isEqualTo(full);
                fast++;
            } else {
                assertThat(full)
                        .as("%s was declined but the full parser reads it", text)
                        .isNull();
                declined++;
            }
        }
        assertThat(fast).as("times the fast path read").isGreaterThan(25_000);
        assertThat(declined).as("impossible times left to the full parser").isGreaterThan(5_000);
    }

    @Test
    void otherFormsAreLeftToTheFullParser() {
        for (String text : new String[] {
            "2024-05-01T12:00:00+02:00",
            "2024-05-01T12:00:00.5Z",
            "2024-05-01t12:00:00Z",
            "2024-05-01T12:00Z",
            "2024-05-01",
            " 2024-05-01T12:00:00Z",
            "2024-05-01T12:00:00z",
            "2O24-05-01T12:00:00Z",
            "+2024-05-01T12:00:0Z"
        }) {
            assertThat(UtcTimestamps.parseSecondsZulu(text)).as(text).isNull();
        }
    }

    @Test
    void theCommonFormIsRead() {
        assertThat(UtcTimestamps.parseSecondsZulu("2024-05-01T12:00:00Z"))
                .isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    }

    private static Instant fullParser(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
