package org.genosynth.table.eval;

import java.util.Arrays;
import java.util.TreeMap;
import java.util.Map;
import org.genosynth.table.Column;
import org.genosynth.table.DataTable;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/**
 * Fidelity scores of a table {@code b} against a reference table {@code a} (same columns), each in [0, 1], 1 = same:
 * <ul>
 * <li>KS complement, per numeric column: 1 - the two-sample Kolmogorov-Smirnov statistic on the values present;</li>
 * <li>TV complement, per label column: 1 - total variation distance of the label frequencies;</li>
 * <li>correlation similarity, per pair of numeric columns: 1 - |r_a - r_b| / 2 (Pearson, rows where both present);</li>
 * <li>contingency similarity, per pair of columns: 1 - total variation distance of their joint frequencies, numbers
 * cut at the reference's quintiles, "missing" a category of its own;</li>
 * <li>missing-pattern similarity: 1 - total variation distance of the rows' patterns of missing cells (over the columns
 * with a missing cell in either table); NaN when nothing is missing.</li>
 * </ul>
 * Table-level scores are the means over columns or pairs (SDMetrics' definitions).
 */
final class Fidelity {
    static final int QUANTILE_BINS = 5;

    /** Scores of one comparison; per-column arrays are indexed like {@code cols}. */
    record Scores(double ks, double tv, double correlation, double contingency, double missingness, double[] column) {
        static Scores average(Scores[] all) {
            int k = all[0].column.length;
            double[] col = new double[k];
            for (int c = 0; c < k; c++) {
                int cc = c;
                col[c] = Fidelity.mean(Arrays.stream(all).mapToDouble(s -> s.column[cc]).toArray());
            }
            return new Scores(Fidelity.mean(Arrays.stream(all).mapToDouble(Scores::ks).toArray()),
                    Fidelity.mean(Arrays.stream(all).mapToDouble(Scores::tv).toArray()),
                    Fidelity.mean(Arrays.stream(all).mapToDouble(Scores::correlation).toArray()),
                    Fidelity.mean(Arrays.stream(all).mapToDouble(Scores::contingency).toArray()),
                    Fidelity.mean(Arrays.stream(all).mapToDouble(Scores::missingness).toArray()), col);
        }
    }

    private final DataTable reference;
    private final int[] cols;
    private final double[][] edges;

    /** @param reference the table whose quantiles cut numbers into bins for contingency tables */
    Fidelity(DataTable reference, int[] cols) {
        this.reference = reference;
        this.cols = cols;
        this.edges = new double[cols.length][];
        for (int i = 0; i < cols.length; i++) {
            if (reference.column(cols[i]).type().isNumeric()) {
                double[] v = present(reference.values(cols[i]));
                Arrays.sort(v);
                edges[i] = new double[QUANTILE_BINS - 1];
                for (int q = 1; q < QUANTILE_BINS; q++) {
                    edges[i][q - 1] = v.length == 0 ? 0 : v[Math.min(v.length - 1, (int) Math.floor(q * v.length
                            / (double) QUANTILE_BINS))];
                }
            }
        }
    }

    Scores compare(DataTable a, DataTable b) {
        double[] column = new double[cols.length];
        double ks = 0;
        int nks = 0;
        double tv = 0;
        int ntv = 0;
        for (int i = 0; i < cols.length; i++) {
            int c = cols[i];
            Column col = reference.column(c);
            if (col.type().isNumeric()) {
                column[i] = ksComplement(a.values(c), b.values(c));
                if (!Double.isNaN(column[i])) {
                    ks += column[i];
                    nks++;
                }
            } else {
                column[i] = tvComplement(a.values(c), b.values(c));
                if (!Double.isNaN(column[i])) {
                    tv += column[i];
                    ntv++;
                }
            }
        }
        return new Scores(nks == 0 ? Double.NaN : ks / nks, ntv == 0 ? Double.NaN : tv / ntv,
                correlationSimilarity(a, b), contingencySimilarity(a, b), missingnessSimilarity(a, b), column);
    }

    static double ksComplement(double[] a, double[] b) {
        double[] x = present(a);
        double[] y = present(b);
        if (x.length == 0) {
            return Double.NaN;
        }
        if (y.length == 0) {
            return 0;
        }
        if (x.length < 2 || y.length < 2) {
            return 1 - smallSampleStatistic(x, y);
        }
        return 1 - new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(x, y);
    }

    /** The KS statistic by brute force (hipparchus needs two values on each side). */
    private static double smallSampleStatistic(double[] x, double[] y) {
        double d = 0;
        for (double[] points : new double[][] {x, y}) {
            for (double t : points) {
                d = Math.max(d, Math.abs(ecdf(x, t) - ecdf(y, t)));
            }
        }
        return d;
    }

    private static double ecdf(double[] v, double t) {
        int k = 0;
        for (double x : v) {
            k += x <= t ? 1 : 0;
        }
        return (double) k / v.length;
    }

    static double tvComplement(double[] a, double[] b) {
        int k = 0;
        for (double v : a) {
            k = Double.isNaN(v) ? k : Math.max(k, (int) v + 1);
        }
        for (double v : b) {
            k = Double.isNaN(v) ? k : Math.max(k, (int) v + 1);
        }
        double[] pa = frequencies(a, k);
        double[] pb = frequencies(b, k);
        if (pa == null) {
            return Double.NaN;
        }
        if (pb == null) {
            return 0;
        }
        double d = 0;
        for (int i = 0; i < k; i++) {
            d += Math.abs(pa[i] - pb[i]);
        }
        return 1 - d / 2;
    }

    private static double[] frequencies(double[] v, int k) {
        double[] p = new double[k];
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                p[(int) x]++;
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        for (int i = 0; i < k; i++) {
            p[i] /= n;
        }
        return p;
    }

    /** Mean over pairs of numeric columns of 1 - |r_a - r_b| / 2; NaN with fewer than two numeric columns. */
    double correlationSimilarity(DataTable a, DataTable b) {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < cols.length; i++) {
            for (int j = i + 1; j < cols.length; j++) {
                if (!reference.column(cols[i]).type().isNumeric() || !reference.column(cols[j]).type().isNumeric()) {
                    continue;
                }
                double ra = org.genosynth.eval.Ranks.pearson(a.values(cols[i]), a.values(cols[j]));
                if (Double.isNaN(ra)) {
                    continue;
                }
                double rb = org.genosynth.eval.Ranks.pearson(b.values(cols[i]), b.values(cols[j]));
                sum += 1 - Math.abs(ra - (Double.isNaN(rb) ? 0 : rb)) / 2;
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }


    double contingencySimilarity(DataTable a, DataTable b) {
        if (cols.length < 2) {
            return Double.NaN;
        }
        int[][] ca = new int[cols.length][];
        int[][] cb = new int[cols.length][];
        int[] k = new int[cols.length];
        for (int i = 0; i < cols.length; i++) {
            ca[i] = categories(a.values(cols[i]), i);
            cb[i] = categories(b.values(cols[i]), i);
            k[i] = Math.max(Arrays.stream(ca[i]).max().orElse(0), Arrays.stream(cb[i]).max().orElse(0)) + 1;
        }
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < cols.length; i++) {
            for (int j = i + 1; j < cols.length; j++) {
                double[] pa = new double[k[i] * k[j]];
                double[] pb = new double[k[i] * k[j]];
                for (int r = 0; r < ca[i].length; r++) {
                    pa[ca[i][r] * k[j] + ca[j][r]] += 1.0 / ca[i].length;
                }
                for (int r = 0; r < cb[i].length; r++) {
                    pb[cb[i][r] * k[j] + cb[j][r]] += 1.0 / cb[i].length;
                }
                double d = 0;
                for (int t = 0; t < pa.length; t++) {
                    d += Math.abs(pa[t] - pb[t]);
                }
                sum += 1 - d / 2;
                pairs++;
            }
        }
        return sum / pairs;
    }

    /** Category codes: labels as they are, numbers by quintile bin, missing = the code after the last. */
    private int[] categories(double[] v, int i) {
        Column col = reference.column(cols[i]);
        int missingCode = col.type().isNumeric() ? QUANTILE_BINS : col.levels().size() + 1000;
        int[] out = new int[v.length];
        for (int r = 0; r < v.length; r++) {
            if (Double.isNaN(v[r])) {
                out[r] = missingCode;
            } else if (col.type().isNumeric()) {
                int bin = 0;
                while (bin < edges[i].length && v[r] >= edges[i][bin]) {
                    bin++;
                }
                out[r] = bin;
            } else {
                out[r] = (int) v[r];
            }
        }
        return out;
    }

    double missingnessSimilarity(DataTable a, DataTable b) {
        boolean[] use = new boolean[cols.length];
        boolean any = false;
        for (int i = 0; i < cols.length; i++) {
            use[i] = hasMissing(a.values(cols[i])) || hasMissing(b.values(cols[i]));
            any |= use[i];
        }
        if (!any) {
            return Double.NaN;
        }
        Map<String, double[]> patterns = new TreeMap<>();
        tally(a, use, patterns, 0);
        tally(b, use, patterns, 1);
        double d = 0;
        for (double[] p : patterns.values()) {
            d += Math.abs(p[0] / a.rows() - p[1] / b.rows());
        }
        return 1 - d / 2;
    }

    private void tally(DataTable t, boolean[] use, Map<String, double[]> patterns, int slot) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < t.rows(); r++) {
            sb.setLength(0);
            for (int i = 0; i < cols.length; i++) {
                if (use[i]) {
                    sb.append(Double.isNaN(t.value(cols[i], r)) ? '1' : '0');
                }
            }
            patterns.computeIfAbsent(sb.toString(), x -> new double[2])[slot]++;
        }
    }

    private static boolean hasMissing(double[] v) {
        for (double x : v) {
            if (Double.isNaN(x)) {
                return true;
            }
        }
        return false;
    }

    static double[] present(double[] v) {
        return Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
    }

    static double mean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
