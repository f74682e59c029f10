package org.genosynth.table.eval;

import java.util.HashMap;
import java.util.Map;
import org.genosynth.table.DataTable;

/**
 * SDMetrics' single-table Quality Report, computed by its published definitions so that genosynth's scores can be
 * put beside SDV's:
 * <ul>
 * <li><b>Column Shapes</b>: mean over columns of KSComplement (numbers and dates: 1 - two-sample Kolmogorov-Smirnov
 * statistic on the present values) and TVComplement (labels: 1 - total variation distance of the label
 * frequencies among present values).</li>
 * <li><b>Column Pair Trends</b>: mean over pairs of CorrelationSimilarity (two numeric columns: 1 - |r_real - r_syn| / 2,
 * Pearson on the rows where both are present) and ContingencySimilarity (any other pair: 1 - total variation distance
 * of the two-way frequency tables over all rows, missing a category of its own). A numeric column paired with a label
 * column is binned as SDMetrics does: {@code np.digitize(x, np.histogram_bin_edges(x))}, i.e. 10 equal-width bins
 * between the column's own minimum and maximum in each table separately, bin index = number of edges at or below the
 * value (the maximum and a missing value both get index 11, as numpy's digitize gives them).</li>
 * <li><b>Overall</b>: the mean of the two properties.</li>
 * </ul>
 * Pairs or columns whose score is undefined (a constant column) are left out of the means, as SDMetrics does.
 */
final class QualityReport {
    static final int SDMETRICS_BINS = 10;

    /** The three figures. */
    record Scores(double columnShapes, double columnPairTrends, double overall) {
    }

    private QualityReport() {
    }

    static Scores compute(DataTable real, DataTable other, int[] cols) {
        double shapes = 0;
        int nShapes = 0;
        for (int c : cols) {
            double s = real.column(c).type().isNumeric() ? Fidelity.ksComplement(real.values(c), other.values(c))
                    : Fidelity.tvComplement(real.values(c), other.values(c));
            if (!Double.isNaN(s)) {
                shapes += s;
                nShapes++;
            }
        }
        double trends = 0;
        int nTrends = 0;
        for (int i = 0; i < cols.length; i++) {
            for (int j = i + 1; j < cols.length; j++) {
                double s = pairScore(real, other, cols[i], cols[j]);
                if (!Double.isNaN(s)) {
                    trends += s;
                    nTrends++;
                }
            }
        }
        double cs = nShapes == 0 ? Double.NaN : shapes / nShapes;
        double pt = nTrends == 0 ? Double.NaN : trends / nTrends;
        double overall = Double.isNaN(pt) ? cs : Double.isNaN(cs) ? pt : (cs + pt) / 2;
        return new Scores(cs, pt, overall);
    }

    static double pairScore(DataTable real, DataTable other, int a, int b) {
        boolean na = real.column(a).type().isNumeric();
        boolean nb = real.column(b).type().isNumeric();
        if (na && nb) {
            double rr = pearson(real.values(a), real.values(b));
            double rs = pearson(other.values(a), other.values(b));
            return Double.isNaN(rr) || Double.isNaN(rs) ? Double.NaN : 1 - Math.abs(rr - rs) / 2;
        }
        double[] ra = na && !nb ? digitize(real.values(a)) : real.values(a);
        double[] rb = nb && !na ? digitize(real.values(b)) : real.values(b);
        double[] oa = na && !nb ? digitize(other.values(a)) : other.values(a);
        double[] ob = nb && !na ? digitize(other.values(b)) : other.values(b);
        return contingencySimilarity(ra, rb, oa, ob);
    }

    /** 1 - TV distance of the two-way frequency tables (NaN a category of its own). */
    static double contingencySimilarity(double[] ra, double[] rb, double[] oa, double[] ob) {
        Map<String, double[]> cells = new HashMap<>();
        for (int r = 0; r < ra.length; r++) {
            cells.computeIfAbsent(key(ra[r], rb[r]), k -> new double[2])[0] += 1.0 / ra.length;
        }
        for (int r = 0; r < oa.length; r++) {
            cells.computeIfAbsent(key(oa[r], ob[r]), k -> new double[2])[1] += 1.0 / oa.length;
        }
        double tv = 0;
        for (double[] p : cells.values()) {
            tv += Math.abs(p[0] - p[1]);
        }
        return 1 - tv / 2;
    }

    private static String key(double a, double b) {
        return (Double.isNaN(a) ? "NA" : Double.toString(a)) + "|" + (Double.isNaN(b) ? "NA" : Double.toString(b));
    }

    /** {@code np.digitize(x, np.histogram_bin_edges(x[~isnan(x)]))}: bin indices 0..11 (NaN: 11). */
    static double[] digitize(double[] x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double[] out = new double[x.length];
        if (lo > hi) {
            java.util.Arrays.fill(out, SDMETRICS_BINS + 1);
            return out;
        }
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        double[] edges = new double[SDMETRICS_BINS + 1];
        double step = (hi - lo) / SDMETRICS_BINS;
        for (int i = 0; i < SDMETRICS_BINS; i++) {
            edges[i] = i * step + lo;
        }
        edges[SDMETRICS_BINS] = hi;
        for (int r = 0; r < x.length; r++) {
            if (Double.isNaN(x[r])) {
                out[r] = SDMETRICS_BINS + 1;
                continue;
            }
            int k = 0;
            while (k < edges.length && edges[k] <= x[r]) {
                k++;
            }
            out[r] = k;
        }
        return out;
    }

    /** Pearson correlation over the rows where both values are present; NaN when undefined. */
    static double pearson(double[] x, double[] y) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int r = 0; r < x.length; r++) {
            if (!Double.isNaN(x[r]) && !Double.isNaN(y[r])) {
                sx += x[r];
                sy += y[r];
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int r = 0; r < x.length; r++) {
            if (!Double.isNaN(x[r]) && !Double.isNaN(y[r])) {
                sxy += (x[r] - mx) * (y[r] - my);
                sxx += (x[r] - mx) * (x[r] - mx);
                syy += (y[r] - my) * (y[r] - my);
            }
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }
}
