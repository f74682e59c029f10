package org.genosynth.table.synth;

/**
 * A two-way table of ordered codes as a bivariate normal copula: the codes of each column are the bands of a latent
 * standard normal cut at {@code Phi^-1} of its cumulative probabilities, and the table is the probability of each
 * pair of bands under correlation r (integrated by 20-point Gauss-Legendre quadrature over each band). One parameter
 * fitted to a noisy two-way measurement by least squares (the likelihood of Gaussian noise) is far less noisy than
 * the measurement's cells, which is what the private synthesizer needs at small n.
 */
final class GaussianEdge {
    private static final int POINTS = 20;
    private static final double[] X = new double[POINTS];
    private static final double[] W = new double[POINTS];
    private static final double LIMIT = 8;

    static {
        // Gauss-Legendre nodes and weights on [-1, 1] by Newton's method on the Legendre polynomial
        for (int i = 0; i < POINTS; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (POINTS + 0.5));
            double dp = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p0 = 1;
                double p1 = x;
                for (int k = 2; k <= POINTS; k++) {
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = POINTS * (x * p1 - p0) / (x * x - 1);
                double dx = p1 / dp;
                x -= dx;
                if (Math.abs(dx) < 1e-15) {
                    break;
                }
            }
            X[i] = x;
            W[i] = 2 / ((1 - x * x) * dp * dp);
        }
    }

    private GaussianEdge() {
    }

    /** Probabilities of the pairs of codes (row-major, {@code pa.length x pb.length}) under correlation r. */
    static double[] cells(double[] pa, double[] pb, double r) {
        double[] ta = thresholds(pa);
        double[] tb = thresholds(pb);
        int ka = pa.length;
        int kb = pb.length;
        double s = Math.sqrt(1 - r * r);
        double[] out = new double[ka * kb];
        double[] row = new double[kb];
        for (int i = 0; i < ka; i++) {
            if (pa[i] <= 0) {
                continue;
            }
            double lo = Math.max(-LIMIT, ta[i]);
            double hi = Math.min(LIMIT, ta[i + 1]);
            java.util.Arrays.fill(row, 0);
            double total = 0;
            for (int q = 0; q < POINTS; q++) {
                double x = (hi - lo) / 2 * X[q] + (hi + lo) / 2;
                double w = W[q] * (hi - lo) / 2 * Math.exp(-x * x / 2);
                double prev = 0;
                for (int j = 0; j < kb; j++) {
                    double c = j == kb - 1 ? 1 : Normal.cdf((tb[j + 1] - r * x) / s);
                    row[j] += w * Math.max(0, c - prev);
                    prev = Math.max(prev, c);
                }
            }
            for (double v : row) {
                total += v;
            }
            for (int j = 0; j < kb; j++) {
                out[i * kb + j] = total > 0 ? pa[i] * row[j] / total : pa[i] * pb[j];
            }
        }
        return out;
    }

    /**
     * The correlation whose table is closest (least squares) to the noisy proportions {@code y}, shrunk towards 0 by a
     * normal prior of standard deviation {@code tau} given the cells' noise standard deviation {@code noise} (the
     * posterior mode): {@code sum (T(r) - y)^2 + noise^2 r^2 / tau^2}.
     */
    static double fit(double[] pa, double[] pb, double[] y, double noise, double tau) {
        double ridge = noise * noise / (tau * tau);
        double best = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int g = -49; g <= 49; g++) {
            double r = g / 50.0;
            double loss = loss(pa, pb, y, r) + ridge * r * r;
            if (loss < bestLoss) {
                bestLoss = loss;
                best = r;
            }
        }
        double a = Math.max(-0.995, best - 0.02);
        double b = Math.min(0.995, best + 0.02);
        double phi = (Math.sqrt(5) - 1) / 2;
        for (int iter = 0; iter < 30; iter++) {
            double c = b - phi * (b - a);
            double d = a + phi * (b - a);
            if (loss(pa, pb, y, c) + ridge * c * c < loss(pa, pb, y, d) + ridge * d * d) {
                b = d;
            } else {
                a = c;
            }
        }
        return (a + b) / 2;
    }

    private static double loss(double[] pa, double[] pb, double[] y, double r) {
        double[] t = cells(pa, pb, r);
        double s = 0;
        for (int k = 0; k < t.length; k++) {
            s += (t[k] - y[k]) * (t[k] - y[k]);
        }
        return s;
    }

    /** {@code -inf, Phi^-1(F_1), ..., +inf} for the cumulative probabilities of p. */
    private static double[] thresholds(double[] p) {
        double[] t = new double[p.length + 1];
        t[0] = Double.NEGATIVE_INFINITY;
        double acc = 0;
        for (int i = 0; i < p.length; i++) {
            acc += p[i];
            t[i + 1] = i == p.length - 1 ? Double.POSITIVE_INFINITY : Normal.quantile(Math.min(1, acc));
        }
        return t;
    }
}
