package dev.forensics.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
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
            assertThat(spool.next()).isEqualTo(hashed(FULL));
            assertThat(spool.next()).isEqualTo(hashed(SPARSE));
            assertThat(spool.next()).isEqualTo(hashed(EMPTY_TEXT));
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
            assertThat(spool.next()).isEqualTo(hashed(SPARSE));
            assertThat(spool.next()).isEqualTo(hashed(EMPTY_TEXT));
        }
    }

    @Test
    void aReaderGetsRecordsWhileTheyAreStillBeingAppendedAndNullOnceAppendingFinishes() throws Exception {
        int count = 20_000;
        try (RecordSpool spool = RecordSpool.create()) {
            CountDownLatch firstRead = new CountDownLatch(1);
            Thread appender = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    spool.append(numbered(i));
                    if (i == count / 2) {
                        await(firstRead);
                    }
                }
                spool.finish();
            });
            appender.start();

            // The appender is held halfway until this first record is read: it was read before appending finished.
            assertThat(spool.next()).isEqualTo(hashed(numbered(0)));
            firstRead.countDown();
            for (int i = 1; i < count; i++) {
                assertThat(spool.next()).isEqualTo(hashed(numbered(i)));
            }
            assertThat(spool.next()).isNull();
            appender.join();
        }
    }

    @Test
    void aReaderWaitingForRecordsGetsTheFailureTheAppenderEndedWithInsteadOfWaitingForever() throws Exception {
        try (RecordSpool spool = RecordSpool.create()) {
            IllegalStateException failure = new IllegalStateException("line 7 is not JSON");
            Thread appender = new Thread(() -> spool.fail(failure));

            appender.start();
            assertThatThrownBy(spool::next).isSameAs(failure);
            appender.join();
        }
    }

    @Test
    void anAppendAfterCancelThrowsSoThatTheAppenderStops() {
        try (RecordSpool spool = RecordSpool.create()) {
            spool.append(FULL);
            spool.cancel();

            assertThatThrownBy(() -> spool.append(SPARSE)).isInstanceOf(CancellationException.class);
        }
    }

    @Test
    void aRecordReadBackCarriesTheSha256OfItsBodyAndNoneWithoutABody() {
        try (RecordSpool spool = RecordSpool.create()) {
            spool.append(FULL);
            spool.append(SPARSE);
            spool.rewind();

            assertThat(spool.next().bodySha256()).isEqualTo(sha256(FULL.body())).hasSize(64);
            assertThat(spool.next().bodySha256()).isNull();
        }
    }

    /** What the spool gives back for {@code record}: the record with its body's SHA-256, computed here independently. */
    private static ArticleRecord hashed(ArticleRecord record) {
        return new ArticleRecord(
                record.url(),
                record.title(),
                record.author(),
                record.authorSlug(),
                record.publishedAt(),
                record.body(),
                record.body() == null ? null : sha256(record.body()));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArticleRecord numbered(int i) {
        return new ArticleRecord("https://x.test/" + i, "title " + i, "A", "a", Instant.ofEpochSecond(i), "body " + i);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
