package dev.forensics.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The validated records of an ingest, spooled once and read back by the write pass (ADR-017). */
class RecordSpoolTest {
    private static final ArticleRecord FULL = new ArticleRecord(
            "https://x.test/ü/1",
            "Tïtle 😀",
            "Zoë O'Brien",
            "zoe-o-brien",
            Instant.parse("2024-05-01T12:00:00.123456789Z"),
            "body\nwith a line break");
    private static final ArticleRecord SPARSE = new ArticleRecord("https://x.test/2", null, "A", "a", null, null);
    private static final ArticleRecord EMPTY_TEXT =
            new ArticleRecord("https://x.test/3", "", "B", "b", Instant.EPOCH, "");

    @Test
    void readsBackEveryRecordExactlyAndThenNull() {
        try (RecordSpool spool = RecordSpool.create()) {
            spool.append(FULL);
            spool.append(SPARSE);
            spool.append(EMPTY_TEXT);
            spool.rewind();

            assertThat(spool.records()).isEqualTo(3);
            assertThat(spool.next()).isEqualTo(FULL);
            assertThat(spool.next()).isEqualTo(SPARSE);
            assertThat(spool.next()).isEqualTo(EMPTY_TEXT);
            assertThat(spool.next()).isNull();
        }
    }

    @Test
    void aSeekToAPositionReadsTheSameRecordsAgain() {
        try (RecordSpool spool = RecordSpool.create()) {
            spool.append(FULL);
            spool.append(SPARSE);
            spool.append(EMPTY_TEXT);
            spool.rewind();
            spool.next();
            long second = spool.position();
            spool.next();
            spool.next();

            spool.seek(second);

            assertThat(spool.position()).isEqualTo(second);
            assertThat(spool.next()).isEqualTo(SPARSE);
            assertThat(spool.next()).isEqualTo(EMPTY_TEXT);
        }
    }
}
