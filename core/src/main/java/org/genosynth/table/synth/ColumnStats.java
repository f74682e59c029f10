package org.genosynth.table.synth;

import java.util.Arrays;
import org.genosynth.table.Column;
import org.genosynth.table.DataTable;

/** Observed values of one column, sorted, and how to map quantiles back to values within the observed range. */
final class ColumnStats {
    final double[] sorted;
    final int missing;
    final int rows;

    ColumnStats(double[] values) {
        rows = values.length;
        sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        missing = rows - sorted.length;
    }

    static ColumnStats of(DataTable t, int c) {
        return new ColumnStats(t.values(c));
    }

    double missingRate() {
        return rows == 0 ? 0 : (double) missing / rows;
    }

    double min() {
        return sorted[0];
    }

    double max() {
        return sorted[sorted.length - 1];
    }

    int distinct() {
        int d = sorted.length == 0 ? 0 : 1;
        for (int i = 1; i < sorted.length; i++) {
            d += sorted[i] != sorted[i - 1] ? 1 : 0;
        }
        return d;
    }

    /**
     * The smoothed empirical quantile: the inverse of {@code F(x_(i)) = (i - 0.5) / m}, interpolated linearly between
     * order statistics and held at the observed minimum and maximum.
     */
    double quantile(double u) {
        int m = sorted.length;
        double p = u * m - 0.5;
        if (p <= 0) {
            return sorted[0];
        }
        if (p >= m - 1) {
            return sorted[m - 1];
        }
        int i = (int) Math.floor(p);
        double f = p - i;
        return sorted[i] + f * (sorted[i + 1] - sorted[i]);
    }

    /** Clamps to the observed range and rounds to what the column holds. */
    double fit(Column column, double v) {
        return column.round(Math.max(min(), Math.min(max(), v)));
    }
}
