package org.genosynth.table.synth;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.genosynth.table.DataTable;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.random.RandomGenerator;

/**
 * A differentially private Gaussian copula in zCDP, for neighbouring tables that differ by adding or removing one row;
 * every use of the data is a Gaussian measurement on the public domain ({@link Discretizer#ofPublicDomain}).
 *
 * <ol>
 * <li>{@value #COUNT_SHARE} of rho: the number of rows (it only sets the bin count).</li>
 * <li>{@value #MARGINAL_SHARE} of the rest: every column's one-way histogram on its public domain (L2 sensitivity
 * {@code sqrt(d)} for the d histograms together), negatives set to 0, normalised: the marginals {@code p}.
 * {@code F = clamp(BIN_SHARE n~ / (2 sigma), 2, maxBins)} bins per number. Post-processing: counts below one sigma
 * set to 0 (else every empty cell of a wide public range gets the positive part of its noise: measured KS 0.810
 * without, 0.826 with, at epsilon 1), below three sigmas for the optional codes ({@link Discretizer#isOptional}).</li>
 * <li>The rest: the matrix {@code S = sum over rows of z z^T} of the rows' normal scores, {@code z_a =
 * Phi^-1(P(code < c) + p_c t)} under the released marginals ({@code t} the value's position within its bin, 1/2 for
 * atoms, labels and "missing"), each row's {@code z} scaled down to {@code ||z||^2 <= C = }{@value #CLIP}{@code  d}
 * when it is longer. Adding or removing a row moves the upper triangle of S (diagonal included) by at most
 * {@code ||z||^2 <= C} in L2, so every entry gets Gaussian noise {@code C / sqrt(2 rho_S)}. The scores are a fixed
 * function of the row and of the released marginals, so this composes with step 2.</li>
 * <li>Post-processing: correlations {@code S_ab / sqrt(S_aa S_bb)}, corrected for the clipping's bias
 * ({@link #unclipped}), divided by the attenuation of label columns' coarse
 * scores (as {@link GaussianCopula}), eigenvalues floored; rows drawn as normal vectors with that correlation and each
 * coordinate turned back into a code and a position within its bin through the released marginal.</li>
 * </ol>
 */
public final class DpCopula extends ZcdpBudgeted {
    static final double COUNT_SHARE = 0.02;
    /**
     * Share of the budget left after the row count that measures the marginals (the rest measures S): 0.65 measured
     * better than 0.5 on diabetes (KS 0.810 vs 0.801 at epsilon 1, 0.882 vs 0.868 at epsilon 4, with up to 32 bins,
     * before whole-number atoms).
     */
    static final double MARGINAL_SHARE = 0.65;
    /** Bound on a row's squared score norm, per column. */
    static final double CLIP = 0.5;
    static final double BIN_SHARE = 0.6;
    private static final double MAX_SCORE = 4;
    static final int CALIBRATION_STEPS = 8;
    static final int CALIBRATION_DRAWS = 20_000;
    /** Noisy counts below this many sigmas are set to 0 (post-processing: a code the data does not use stays empty). */
    static final double THRESHOLD = 1;

    public DpCopula(double epsilon, double delta, int maxBins, Map<String, double[]> bounds) {
        super(epsilon, delta, maxBins, bounds, "DP Gaussian copula");
    }

    @Override
    public DataTable synthesize(DataTable real, int n, RandomGenerator rng) {
        int[] cols = real.modelledColumns();
        int d = cols.length;
        leaks.clear();
        rho = Zcdp.rho(epsilon, delta);
        double rhoCount = COUNT_SHARE * rho;
        double sigmaCount = Math.sqrt(1 / (2 * rhoCount));
        double noisyRows = Math.max(2, real.rows() + rng.nextGaussian() * sigmaCount);
        double rhoMarginals = MARGINAL_SHARE * (rho - rhoCount);
        double rhoScores = rho - rhoCount - rhoMarginals;
        double sigmaMarginal = Math.sqrt(d / (2 * rhoMarginals));
        int bins = AimWorkload.clamp((int) Math.floor(BIN_SHARE * noisyRows / (2 * sigmaMarginal)), 2, maxBins);
        Discretizer[] disc = new Discretizer[d];
        double[][] p = new double[d][];
        double[][] before = new double[d][];
        for (int a = 0; a < d; a++) {
            disc[a] = Discretizer.ofPublicDomain(real, cols[a], bins, bounds);
            leaks.addAll(disc[a].leaks);
            double[] counts = new double[disc[a].size];
            for (int code : disc[a].codes) {
                counts[code]++;
            }
            for (int k = 0; k < counts.length; k++) {
                counts[k] += sigmaMarginal * rng.nextGaussian();
            }
            for (int k = 0; k < counts.length; k++) {
                double threshold = disc[a].isOptional(k) ? OPTIONAL_THRESHOLD : THRESHOLD;
                counts[k] = counts[k] < threshold * sigmaMarginal ? 0 : counts[k];
            }
            double total = Arrays.stream(counts).sum();
            p[a] = new double[counts.length];
            before[a] = new double[counts.length];
            double acc = 0;
            for (int k = 0; k < counts.length; k++) {
                p[a][k] = total > 0 ? counts[k] / total : 1.0 / counts.length;
                before[a][k] = acc;
                acc += p[a][k];
            }
        }
        double clip = Math.max(1, CLIP * d);
        double[][] s = new double[d][d];
        double[] z = new double[d];
        for (int r = 0; r < real.rows(); r++) {
            double norm = 0;
            for (int a = 0; a < d; a++) {
                int code = disc[a].codes[r];
                double t = disc[a].positionInBin(real.value(cols[a], r));
                z[a] = Math.max(-MAX_SCORE, Math.min(MAX_SCORE, Normal.quantile(before[a][code] + p[a][code] * t)));
                norm += z[a] * z[a];
            }
            double scale = norm > clip ? Math.sqrt(clip / norm) : 1;
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    s[a][b] += z[a] * z[b] * scale * scale;
                }
            }
        }
        double sigmaScores = clip / Math.sqrt(2 * rhoScores);
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                s[a][b] += sigmaScores * rng.nextGaussian();
            }
        }
        double[] attenuation = new double[d];
        for (int a = 0; a < d; a++) {
            attenuation[a] = disc[a].column.type().isDiscrete() ? GaussianCopula.attenuation(cumulative(p[a])) : 1;
        }
        double[][] observed = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                observed[a][b] = Math.max(-0.99, Math.min(0.99,
                        s[a][b] / Math.sqrt(Math.max(1, s[a][a]) * Math.max(1, s[b][b]))));
            }
        }
        RealMatrix unclipped = unclipped(observed, clip, rng);
        RealMatrix corr = MatrixUtils.createRealIdentityMatrix(d);
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                double r = Math.max(-0.99, Math.min(0.99, unclipped.getEntry(a, b) / (attenuation[a]
                        * attenuation[b])));
                corr.setEntry(a, b, r);
                corr.setEntry(b, a, r);
            }
        }
        RealMatrix root = GaussianCopula.squareRoot(corr);
        double[][] out = new double[real.columnCount()][n];
        for (double[] col : out) {
            Arrays.fill(col, Double.NaN);
        }
        double[] g = new double[d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                g[a] = rng.nextGaussian();
            }
            for (int a = 0; a < d; a++) {
                double x = 0;
                for (int b = 0; b < d; b++) {
                    x += root.getEntry(a, b) * g[b];
                }
                double u = Normal.cdf(x);
                int code = p[a].length - 1;
                for (int k = 0; k < p[a].length; k++) {
                    if (p[a][k] > 0 && u < before[a][k] + p[a][k]) {
                        code = k;
                        break;
                    }
                }
                while (p[a][code] <= 0 && code > 0) {
                    code--;
                }
                double t = p[a][code] > 0 ? Math.max(0, Math.min(1, (u - before[a][code]) / p[a][code])) : 0.5;
                out[cols[a]][i] = disc[a].value(code, t);
            }
        }
        description = String.format(Locale.ROOT, "DP Gaussian copula, (epsilon %s, delta %s)-DP = %.4g-zCDP: noisy "
                + "row count (sigma %.1f), %d one-way histograms on the public domain (%d bins per number; sigma %.1f "
                + "counts per cell), normal-score second moments of rows clipped to squared norm %.1f (sigma %.1f)",
                epsilon, delta, rho, sigmaCount, d, bins, sigmaMarginal, clip, sigmaScores);
        return new DataTable(real.columns(), out);
    }

    /**
     * Undoes the clipping's bias (post-processing): scaling long rows down weights the rows far out along a strong
     * correlation least, so {@code S} shows r = 0.8 as 0.75 (d = 10, C = 5; Monte Carlo on normal vectors). Finds
     * the correlation R whose normal vectors, clipped the same way, show the observed correlations: fixed-point steps
     * {@code R += observed - clipped(R)}, each {@code clipped(R)} from {@value #CALIBRATION_DRAWS} draws.
     */
    static RealMatrix unclipped(double[][] observed, double clip, RandomGenerator rng) {
        int d = observed.length;
        RealMatrix current = MatrixUtils.createRealIdentityMatrix(d);
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                current.setEntry(a, b, observed[a][b]);
                current.setEntry(b, a, observed[a][b]);
            }
        }
        double[] g = new double[d];
        double[] z = new double[d];
        for (int step = 0; step < CALIBRATION_STEPS; step++) {
            RealMatrix root = GaussianCopula.squareRoot(current);
            double[][] m = new double[d][d];
            for (int k = 0; k < CALIBRATION_DRAWS; k++) {
                for (int a = 0; a < d; a++) {
                    g[a] = rng.nextGaussian();
                }
                double norm = 0;
                for (int a = 0; a < d; a++) {
                    double x = 0;
                    for (int b = 0; b < d; b++) {
                        x += root.getEntry(a, b) * g[b];
                    }
                    z[a] = x;
                    norm += x * x;
                }
                double w = norm > clip ? clip / norm : 1;
                for (int a = 0; a < d; a++) {
                    for (int b = a; b < d; b++) {
                        m[a][b] += w * z[a] * z[b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = a + 1; b < d; b++) {
                    double shown = m[a][b] / Math.sqrt(m[a][a] * m[b][b]);
                    double next = Math.max(-0.99, Math.min(0.99, current.getEntry(a, b) + observed[a][b] - shown));
                    current.setEntry(a, b, next);
                    current.setEntry(b, a, next);
                }
            }
        }
        return current;
    }

    private static double[] cumulative(double[] p) {
        double[] c = new double[p.length];
        double acc = 0;
        for (int k = 0; k < p.length; k++) {
            acc += p[k];
            c[k] = acc;
        }
        c[p.length - 1] = 1;
        return c;
    }
}
