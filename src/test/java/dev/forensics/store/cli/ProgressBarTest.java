package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress display of issue 17, on a clock the test moves (nothing here depends on the machine's speed). */
class ProgressBarTest {
    private static final long SECOND = 1_000_000_000L;

    private final StringWriter err = new StringWriter();
    private final AtomicLong clock = new AtomicLong();
    private final ProgressBar bar = new ProgressBar(new PrintWriter(err, true), true, clock::get);

    @Test
    void theValidationPassIsShownBeforeTheWritingPass() {
        clock.set(9 * SECOND);
        bar.validating(120_000);

        assertThat(Terminal.render(err.toString())).containsExactly("validating: 120000 lines, 9 s");
    }

    @Test
    void theWritingPassShowsRecordsElapsedTimeAndWhatIsLeft() {
        bar.start(10_000);
        clock.set(4 * SECOND);
        bar.update(3_000);

        assertThat(Terminal.render(err.toString()))
                .containsExactly("[######..............]  30%  3000/10000 records, 4 s, about 9 s left");
    }

    @Test
    void aShorterLineLeavesNothingOfTheLongerOneBeforeIt() {
        clock.set(12 * SECOND);
        bar.validating(1_234_567);
        bar.start(1);
        bar.update(1);
        bar.finish();

        assertThat(Terminal.render(err.toString())).containsExactly("[####################] 100%  1/1 records, 12 s");
    }

    @Test
    void anInputOfOneBatchStillShowsTheBar() {
        bar.start(5);
        bar.update(5);

        assertThat(err.toString()).contains("100%  5/5 records");
    }

    @Test
    void noRateIsShownSoItCannotDisagreeWithTheSummary() {
        bar.start(10);
        clock.set(2 * SECOND);
        bar.update(10);

        assertThat(err.toString()).doesNotContain("/s");
    }

    @Test
    void aWarningGoesOnALineOfItsOwnAboveTheBar() {
        bar.start(10);
        clock.set(SECOND);
        bar.update(5);
        bar.println("warning: in.jsonl:3: not JSON (skipped)");
        bar.finish();

        assertThat(Terminal.render(err.toString()))
                .containsExactly(
                        "warning: in.jsonl:3: not JSON (skipped)",
                        "[##########..........]  50%  5/10 records, 1 s, about 1 s left");
    }

    @Test
    void redrawsAtMostTenTimesASecond() {
        bar.start(100);
        clock.set(SECOND / 20);
        bar.update(1);
        clock.set(SECOND / 5);
        bar.update(2);

        assertThat(err.toString()).doesNotContain(" 1/100").contains(" 2/100");
    }

    @Test
    void aDisabledBarDrawsNothingButWarningsStillPrint() {
        ProgressBar disabled = new ProgressBar(new PrintWriter(err, true), false, clock::get);

        disabled.validating(10);
        disabled.start(10);
        disabled.update(10);
        disabled.println("warning: w");
        disabled.finish();

        assertThat(err.toString()).isEqualTo("warning: w" + System.lineSeparator());
    }
}
