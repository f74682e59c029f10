package org.genosynth.eval;

import java.util.Arrays;

/** Small rank statistics used by the metrics. NaN values are ignored throughout. */
public final class Ranks {
    private Ranks() {
    }

    /**
     * {@code P(A < B) + P(A = B) / 2} for A drawn from {@code a} and B from {@code b} (the Mann–Whitney probability,
     * i.e. the ROC AUC of "smaller means class A"). NaN when either is empty.
     */
    public static double probabilityLess(double[] a, double[] b) {
        double[] x = finiteSorted(a);
        double[] y = finiteSorted(b);
        if (x.length == 0 || y.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        int lo = 0;
        int hi = 0;
        for (double v : x) {
            while (lo < y.length && y[lo] <= v) {
                lo++;
            }
            // lo: count of y <= v ; find count of y < v
            while (hi < y.length && y[hi] < v) {
                hi++;
            }
            int equal = lo - hi;
            sum += (y.length - lo) + 0.5 * equal;
        }
        return sum / ((double) x.length * y.length);
    }

    /** The q-quantile (linear interpolation, q in [0, 1]). */
    public static double quantile(double[] values, double q) {
        double[] s = finiteSorted(values);
        if (s.length == 0) {
            return Double.NaN;
        }
        double pos = q * (s.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(s.length - 1, i + 1);
        return s[i] + (pos - i) * (s[j] - s[i]);
    }

    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** Pearson correlation over the indices where both are finite. */
    public static double pearson(double[] x, double[] y) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                sx += x[i];
                sy += y[i];
                n++;
            }
        }
        if (n < 3) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                double dx = x[i] - mx;
                double dy = y[i] - my;
                sxx += dx * dx;
                syy += dy * dy;
                sxy += dx * dy;
            }
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    public static double mean(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    static double[] finiteSorted(double[] values) {
        double[] s = Arrays.stream(values).filter(d -> !Double.isNaN(d)).toArray();
        Arrays.sort(s);
        return s;
    }

    /** Histogram counts of {@code values} in [edges[i], edges[i+1]) (the last bin closed), as fractions. */
    public static double[] histogram(double[] values, double[] edges) {
        double[] h = new double[edges.length - 1];
        int n = 0;
        for (double v : values) {
            if (Double.isNaN(v) || v < edges[0] || v > edges[edges.length - 1]) {
                continue;
            }
            int b = Arrays.binarySearch(edges, v + 0.0); // + 0.0 turns -0.0 into 0.0
            b = b >= 0 ? Math.min(b, h.length - 1) : -b - 2;
            h[b]++;
            n++;
        }
        for (int i = 0; i < h.length && n > 0; i++) {
            h[i] /= n;
        }
        return h;
    }

    /** Evenly spaced edges from lo to hi in {@code bins} bins. */
    public static double[] edges(double lo, double hi, int bins) {
        double[] e = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            e[i] = lo + (hi - lo) * i / bins;
        }
        return e;
    }
}
