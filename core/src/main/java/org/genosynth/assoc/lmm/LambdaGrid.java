package org.genosynth.assoc.lmm;

/**
 * The eigenvalue weights {@code h_i = 1 / (1 + lambda d_i)} (and their squares) at the points every lambda search
 * evaluates: the region ends {@code lmin * exp(k * log(lmax/lmin) / regions)}, computed with GEMMA's expressions so
 * they are the same doubles, and the exact {@code lmax}. Shared read-only by all SNPs.
 */
final class LambdaGrid implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final double[] lambdas;
    final double[][] h;
    final double[][] h2;
    final double[] traceH;
    final double[] traceH2;
    final double[] logDetH;
    /** Index of the exact upper end {@code lmax} (the last point). */
    final int maxIndex;

    LambdaGrid(double[] eval, LmmOptions o) {
        int points = o.regions() + 2;
        lambdas = new double[points];
        double interval = Math.log(o.lambdaMax() / o.lambdaMin()) / o.regions();
        for (int k = 0; k <= o.regions(); k++) {
            lambdas[k] = o.lambdaMin() * Math.exp(interval * k);
        }
        maxIndex = points - 1;
        lambdas[maxIndex] = o.lambdaMax();
        int n = eval.length;
        h = new double[points][n];
        h2 = new double[points][n];
        traceH = new double[points];
        traceH2 = new double[points];
        logDetH = new double[points];
        for (int k = 0; k < points; k++) {
            double l = lambdas[k];
            double t1 = 0;
            double t2 = 0;
            double ld = 0;
            for (int i = 0; i < n; i++) {
                double v = eval[i] * l + 1.0;
                double hi = 1.0 / v;
                h[k][i] = hi;
                h2[k][i] = hi * hi;
                t1 += hi;
                t2 += hi * hi;
                ld += Math.log(Math.abs(v));
            }
            traceH[k] = t1;
            traceH2[k] = t2;
            logDetH[k] = ld;
        }
    }
}
