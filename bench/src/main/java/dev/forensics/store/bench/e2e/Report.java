package dev.forensics.store.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The end-to-end table: one row per figure, each with its baseline from the same run, its target and whether it was met. */
final class Report {
    private final List<String> rows = new ArrayList<>();
    private final List<String> missed = new ArrayList<>();

    /** Adds a figure; {@code ratio} may be NaN when the figure is not a ratio. */
    void add(String job, String ours, String baseline, double ratio, String target, boolean met) {
        rows.add(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s |",
                job,
                ours,
                baseline,
                Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f", ratio),
                target,
                met ? "yes" : "**no**"));
        if (!met) {
            missed.add(job + " (" + target + ")");
        }
    }

    /** A condition that has no figure of its own (no errors, nothing lost) but fails the run when false. */
    void require(String what, boolean met, String detail) {
        if (!met) {
            missed.add(what + ": " + detail);
        }
    }

    boolean allMet() {
        return missed.isEmpty();
    }

    String table() {
        StringBuilder out = new StringBuilder(
                "| job, as a user runs it | forensics-store | same job, same run | ratio | target | met? |\n"
                        + "| --- | --- | --- | ---: | --- | --- |\n");
        rows.forEach(row -> out.append(row).append('\n'));
        out.append(missed.isEmpty() ? "\nAll targets met.\n" : "\nMissed: " + String.join("; ", missed) + "\n");
        return out.toString();
    }
}
