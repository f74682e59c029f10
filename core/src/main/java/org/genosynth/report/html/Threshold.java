package org.genosynth.report.html;

import java.util.Locale;

/**
 * Pass/warn/fail limits of one metric. {@code higherIsBetter}: pass at {@code value >= pass}, warn at
 * {@code value >= warn}, fail below; otherwise the reverse. A NaN value is judged {@link Verdict#INFO} (not measured).
 */
public record Threshold(boolean higherIsBetter, double pass, double warn) {

    public static Threshold atLeast(double pass, double warn) {
        return new Threshold(true, pass, warn);
    }

    public static Threshold atMost(double pass, double warn) {
        return new Threshold(false, pass, warn);
    }

    public Verdict judge(double value) {
        if (Double.isNaN(value)) {
            return Verdict.INFO;
        }
        if (higherIsBetter) {
            return value >= pass ? Verdict.PASS : value >= warn ? Verdict.WARN : Verdict.FAIL;
        }
        return value <= pass ? Verdict.PASS : value <= warn ? Verdict.WARN : Verdict.FAIL;
    }

    /** For example "pass ≥ 0.99, warn ≥ 0.95". */
    public String describe() {
        String op = higherIsBetter ? "≥" : "≤";
        return String.format(Locale.ROOT, "pass %s %s, warn %s %s", op, g(pass), op, g(warn));
    }

    private static String g(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
