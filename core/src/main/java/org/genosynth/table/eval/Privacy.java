package org.genosynth.table.eval;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.genosynth.table.Column;
import org.genosynth.table.DataTable;

/**
 * Distances between rows and the privacy scores built on them.
 *
 * <p>Distance (SDMetrics' DCR): the mean over columns of a per-column distance in [0, 1]: |a - b| / range for numbers
 * (range of the training table), 0 or 1 for labels; 0 when both cells are missing, 1 when one is.
 */
final class Privacy {
    private final int[] cols;
    private final boolean[] numeric;
    private final double[] range;

    Privacy(DataTable train, int[] cols) {
        this.cols = cols;
        this.numeric = new boolean[cols.length];
        this.range = new double[cols.length];
        for (int i = 0; i < cols.length; i++) {
            Column c = train.column(cols[i]);
            numeric[i] = c.type().isNumeric();
            if (numeric[i]) {
                double[] v = Fidelity.present(train.values(cols[i]));
                double lo = Arrays.stream(v).min().orElse(0);
                double hi = Arrays.stream(v).max().orElse(0);
                range[i] = hi > lo ? hi - lo : 1;
            }
        }
    }

    /** Row-major copy of the scored columns, for fast distance loops. */
    double[][] rows(DataTable t) {
        double[][] out = new double[t.rows()][cols.length];
        for (int r = 0; r < t.rows(); r++) {
            for (int i = 0; i < cols.length; i++) {
                out[r][i] = t.value(cols[i], r);
            }
        }
        return out;
    }

    double distance(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            boolean ma = Double.isNaN(a[i]);
            boolean mb = Double.isNaN(b[i]);
            if (ma || mb) {
                d += ma && mb ? 0 : 1;
            } else if (numeric[i]) {
                d += Math.min(1, Math.abs(a[i] - b[i]) / range[i]);
            } else {
                d += a[i] == b[i] ? 0 : 1;
            }
        }
        return d / a.length;
    }

    /** For each row of {@code from}, the distance to its closest row in {@code to}. */
    double[] closest(double[][] from, double[][] to) {
        double[] out = new double[from.length];
        for (int i = 0; i < from.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] t : to) {
                best = Math.min(best, distance(from[i], t));
                if (best == 0) {
                    break;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** For each row, the distance to its closest other row of the same set. */
    double[] closestOther(double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < rows.length; j++) {
                if (j != i) {
                    best = Math.min(best, distance(rows[i], rows[j]));
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * The attacker's statistic: distance to the synthetic table over distance to the real neighbours (low = member).
     * Rows in sparse regions are far from everything; dividing by the real neighbours' distance removes that, as
     * density-ratio attacks (DOMIAS) do.
     */
    static double ratio(double toSynthetic, double toReal) {
        return toSynthetic / Math.max(toReal, 1e-9);
    }

    /** Share of {@code toTrain[i] < toHoldout[i]}, ties counted half. */
    static double shareCloserToTrain(double[] toTrain, double[] toHoldout) {
        double s = 0;
        for (int i = 0; i < toTrain.length; i++) {
            s += toTrain[i] < toHoldout[i] ? 1 : toTrain[i] == toHoldout[i] ? 0.5 : 0;
        }
        return s / toTrain.length;
    }

    /**
     * Area under the ROC curve of an attacker who calls a real row a member when it is close to the synthetic table:
     * the probability that a member (training row) is closer than a non-member (holdout row), ties counted half.
     */
    static double membershipAuc(double[] memberDistance, double[] nonMemberDistance) {
        double[] m = memberDistance.clone();
        double[] h = nonMemberDistance.clone();
        Arrays.sort(m);
        Arrays.sort(h);
        double wins = 0;
        int lo = 0;
        int hi = 0;
        for (double x : m) {
            while (lo < h.length && h[lo] <= x) {
                lo++;
            }
            while (hi < h.length && h[hi] < x) {
                hi++;
            }
            // non-members strictly farther than x: h.length - lo; equal: lo - hi
            wins += (h.length - lo) + 0.5 * (lo - hi);
        }
        return wins / ((double) m.length * h.length);
    }

    /** Text keys of rows over the scored columns (as written), to find exact copies. */
    Set<String> keys(DataTable t) {
        Set<String> out = new HashSet<>();
        for (int r = 0; r < t.rows(); r++) {
            out.add(key(t, r));
        }
        return out;
    }

    String key(DataTable t, int r) {
        StringBuilder sb = new StringBuilder();
        for (int c : cols) {
            sb.append(t.column(c).format(t.value(c, r), "\u0000")).append('\u0001');
        }
        return sb.toString();
    }

    /** Rows of {@code t} whose key is in {@code keys}. */
    int copies(DataTable t, Set<String> keys) {
        int n = 0;
        for (int r = 0; r < t.rows(); r++) {
            n += keys.contains(key(t, r)) ? 1 : 0;
        }
        return n;
    }
}
