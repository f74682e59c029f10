package org.genosynth.assoc.loco;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.genosynth.exec.Backend;

/**
 * BOLT-LMM's Monte-Carlo REML for {@code delta = sigma_e^2 / sigma_g^2} (Loh et al. 2015, step 1a): at a trial
 * {@code delta}, the BLUP of the data, {@code x = H^-1 y} with {@code H = K + delta I}, is compared with the BLUPs of
 * {@code T} phenotypes simulated under the model at that {@code delta} ({@code y_t = g_t + sqrt(delta) e_t},
 * {@code g_t = X S^1/2 b_t} with {@code b_t ~ N(0, 1/M)} per variant, {@code e_t ~ N(0, I)}, both projected off the
 * covariates): {@code f(log delta) = log[(x'Kx / x'x) / (sum_t x_t'Kx_t / sum_t x_t'x_t)]}, the ratio of the estimated
 * genetic to residual sums of squares in the data over its expectation. The root is found by the secant method from
 * {@code h2 = 0.25} and {@code 0.5}, as BOLT-LMM does. {@code Kx} comes free from the solve ({@code Kx = y - r - delta
 * x}). Each evaluation is one conjugate-gradient solve with {@code T + 1} columns; the simulated genetic values are
 * made once (one pass).
 *
 * @param delta        the estimate
 * @param evaluations  evaluations of {@code f}
 * @param iterations   conjugate-gradient iterations in all
 * @param trials       simulated phenotypes
 */
record MonteCarloReml(double delta, int evaluations, int iterations, int trials) {
    /** CG tolerance while estimating (BOLT-LMM's 5e-3 for this step). */
    static final double TOLERANCE = 5e-3;
    static final int MAX_EVALUATIONS = 8;
    static final double MIN_LOG_DELTA = Math.log(1e-3);
    static final double MAX_LOG_DELTA = Math.log(1e4);

    double h2() {
        return 1 / (1 + delta);
    }

    /** BOLT-LMM's default number of simulated phenotypes: {@code max(min(4e9 / n^2, 15), 3)}. */
    static int defaultTrials(int n) {
        return (int) Math.max(3, Math.min(15, 4e9 / ((double) n * n)));
    }

    static MonteCarloReml estimate(LocoCohort cohort, Backend backend, Relationship k, double[] y, int modelVariants,
                                   long seed) {
        int n = k.samples();
        int trials = defaultTrials(n);
        Covariates cov = k.covariates();
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = cohort.variants();
        double[] b = new double[m * trials];
        double sd = 1 / Math.sqrt(modelVariants);
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextGaussian() * sd;
        }
        double[] g = new double[n * trials];
        backend.mapOrdered(cohort.slabs(), new GenotypeTimesKernel(n, trials, b), part -> {
            for (int i = 0; i < g.length; i++) {
                g[i] += part[i];
            }
        });
        double[] e = new double[n * trials];
        for (int t = 0; t < trials; t++) {
            cov.project(g, t * n);
            for (int i = 0; i < n; i++) {
                e[t * n + i] = rnd.nextGaussian();
            }
            cov.project(e, t * n);
        }
        int[] iterations = {0};
        java.util.function.DoubleUnaryOperator f = logDelta -> {
            double delta = Math.exp(logDelta);
            double[] rhs = new double[n * (trials + 1)];
            System.arraycopy(y, 0, rhs, 0, n);
            double s = Math.sqrt(delta);
            for (int i = 0; i < n * trials; i++) {
                rhs[n + i] = g[i] + s * e[i];
            }
            int[] none = new int[trials + 1];
            Arrays.fill(none, -1);
            ConjugateGradients.Solution sol = ConjugateGradients.solve(k, delta, rhs, none, TOLERANCE, 500);
            iterations[0] += sol.iterations();
            double[] data = sums(sol, rhs, 0, n, delta);
            double simKx = 0;
            double simXx = 0;
            for (int t = 1; t <= trials; t++) {
                double[] s2 = sums(sol, rhs, t, n, delta);
                simKx += s2[0];
                simXx += s2[1];
            }
            return Math.log((data[0] / data[1]) / (simKx / simXx));
        };
        double x0 = Math.log(3);
        double x1 = 0;
        double f0 = f.applyAsDouble(x0);
        double f1 = f.applyAsDouble(x1);
        int evaluations = 2;
        while (evaluations < MAX_EVALUATIONS && Math.abs(x1 - x0) > 0.01 && f1 != f0) {
            double x2 = x1 - f1 * (x1 - x0) / (f1 - f0);
            x2 = Math.max(MIN_LOG_DELTA, Math.min(MAX_LOG_DELTA, x2));
            x0 = x1;
            f0 = f1;
            x1 = x2;
            f1 = f.applyAsDouble(x1);
            evaluations++;
        }
        return new MonteCarloReml(Math.exp(x1), evaluations, iterations[0], trials);
    }

    /** {@code x'Kx} and {@code x'x} of column {@code c}, {@code Kx = y - r - delta x} ({@code r} the residual). */
    private static double[] sums(ConjugateGradients.Solution sol, double[] rhs, int c, int n, double delta) {
        double[] x = sol.x();
        double[] r = sol.residual();
        double xkx = 0;
        double xx = 0;
        for (int i = c * n; i < (c + 1) * n; i++) {
            xkx += x[i] * (rhs[i] - r[i] - delta * x[i]);
            xx += x[i] * x[i];
        }
        return new double[] {xkx, xx};
    }
}
