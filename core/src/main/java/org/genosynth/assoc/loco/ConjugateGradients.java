package org.genosynth.assoc.loco;

/**
 * Solves {@code (K_-k + delta I) x_r = b_r} for several right-hand sides at once by conjugate gradients, each column
 * with its own left-out chromosome {@code k = leftOut[r]}: every iteration is one genotype pass for all the columns
 * still running (a column stops when its residual norm falls below {@code tol} times its right-hand side's).
 * Without preconditioning, as BOLT-LMM.
 */
final class ConjugateGradients {
    /**
     * The solutions and their residuals {@code b - H x} ({@code n x R}, column-major), the iterations the slowest
     * column needed and the largest relative residual norm.
     */
    record Solution(double[] x, double[] residual, int iterations, double worstResidual) {
    }

    private ConjugateGradients() {
    }

    static Solution solve(Relationship k, double delta, double[] b, int[] leftOut, double tol, int maxIterations) {
        int n = k.samples();
        int columns = leftOut.length;
        double[] x = new double[n * columns];
        double[] r = b.clone();
        double[] p = b.clone();
        double[] rr = new double[columns];
        double[] bNorm = new double[columns];
        boolean[] done = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            rr[c] = Covariates.dot(r, c * n, r, c * n, n);
            bNorm[c] = Math.sqrt(rr[c]);
            done[c] = bNorm[c] == 0;
        }
        int iterations = 0;
        while (iterations < maxIterations) {
            int[] active = active(done);
            if (active.length == 0) {
                break;
            }
            iterations++;
            double[] pa = new double[n * active.length];
            int[] out = new int[active.length];
            for (int a = 0; a < active.length; a++) {
                System.arraycopy(p, active[a] * n, pa, a * n, n);
                out[a] = leftOut[active[a]];
            }
            double[] ap = k.times(pa, out);
            for (int a = 0; a < active.length; a++) {
                int c = active[a];
                int o = c * n;
                int ao = a * n;
                for (int i = 0; i < n; i++) {
                    ap[ao + i] += delta * pa[ao + i];
                }
                double alpha = rr[c] / Covariates.dot(pa, ao, ap, ao, n);
                for (int i = 0; i < n; i++) {
                    x[o + i] += alpha * pa[ao + i];
                    r[o + i] -= alpha * ap[ao + i];
                }
                double next = Covariates.dot(r, o, r, o, n);
                double beta = next / rr[c];
                rr[c] = next;
                if (Math.sqrt(next) <= tol * bNorm[c]) {
                    done[c] = true;
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    p[o + i] = r[o + i] + beta * p[o + i];
                }
            }
        }
        double worst = 0;
        for (int c = 0; c < columns; c++) {
            if (bNorm[c] > 0) {
                worst = Math.max(worst, Math.sqrt(rr[c]) / bNorm[c]);
            }
        }
        return new Solution(x, r, iterations, worst);
    }

    private static int[] active(boolean[] done) {
        return java.util.stream.IntStream.range(0, done.length).filter(c -> !done[c]).toArray();
    }
}
