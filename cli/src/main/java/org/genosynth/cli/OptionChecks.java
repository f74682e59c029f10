package org.genosynth.cli;

import java.util.Locale;
import org.genosynth.io.InputException;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Limits every command shares, checked on the options the user gave (defaults such as {@code --threads 0} = all
 * processors stay internal): worker threads, counts, depths, and no NaN or infinite number anywhere.
 */
final class OptionChecks {
    /** Most worker threads accepted. */
    static final int MAX_THREADS = 1024;
    /** Highest sequencing depth accepted by {@code --coverage}. */
    static final double MAX_COVERAGE = 10_000;

    private OptionChecks() {
    }

    /** Throws a user error naming the option and its limits. */
    static void check(OptionSpec o) {
        Object v = o.getValue();
        String name = o.longestName();
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            throw InputException.usage(name + " must be a finite number, got " + d);
        }
        switch (name) {
            case "--threads" -> {
                int t = (Integer) v;
                if (t < 1 || t > MAX_THREADS) {
                    throw InputException.usage(String.format(Locale.ROOT, "--threads must be between 1 and %d (this "
                            + "machine has %d processors; leave it out to use them all), got %d", MAX_THREADS,
                            Runtime.getRuntime().availableProcessors(), t));
                }
            }
            case "--n" -> {
                if (v instanceof Integer n && n < 1) {
                    throw InputException.usage("--n must be at least 1 (leave it out for as many as the input), got "
                            + n);
                }
            }
            case "--infer-populations" -> {
                if (v instanceof Integer k && k < 1) {
                    throw InputException.usage("--infer-populations must be at least 1 (leave it out for no inferred "
                            + "populations), got " + k);
                }
            }
            case "--epsilon" -> {
                if (v instanceof Double e && !(e > 0)) {
                    throw InputException.usage("--epsilon must be a finite number above 0, got " + e);
                }
            }
            case "--coverage" -> {
                if (v instanceof Double c && !(c > 0 && c <= MAX_COVERAGE)) {
                    throw InputException.usage(String.format(Locale.ROOT, "--coverage must be above 0 and at most %s, "
                            + "got %s", (int) MAX_COVERAGE, c));
                }
            }
            default -> {
            }
        }
    }
}
