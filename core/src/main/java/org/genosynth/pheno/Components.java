package org.genosynth.pheno;

/** Vector helpers for phenotype components: centring and scaling over the non-missing entries. */
final class Components {
    private Components() {
    }

    /** Sample mean over non-NaN entries. */
    static double mean(double[] x) {
        double s = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Sample variance (divisor n) over non-NaN entries. */
    static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                s += (v - m) * (v - m);
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /**
     * Centres {@code x} and scales it to unit sample variance in place; returns the factor applied (1/sd). A constant
     * vector is left at zero and 0 is returned.
     */
    static double standardize(double[] x) {
        double m = mean(x);
        double sd = Math.sqrt(variance(x));
        double f = sd > 0 ? 1.0 / sd : 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - m) * f;
        }
        return f;
    }
}
