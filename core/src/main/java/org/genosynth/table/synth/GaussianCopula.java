package org.genosynth.table.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.genosynth.table.Column;
import org.genosynth.table.DataTable;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.random.RandomGenerator;

/**
 * Gaussian copula over fitted marginals. Each column becomes normal scores: numbers by their mid-rank
 * ({@code Phi^-1((rank - 0.5) / m)}), labels by the middle of their interval of the cumulative distribution; a column
 * with missing values makes which cells are missing a variable of the copula too, so it is correlated with the rest of
 * the row: one label variable whose labels are the rows' observed patterns of missing cells (when there are few
 * patterns: real tables usually have a handful, such as "all phenotypes missing"), else one binary variable per column. The correlation matrix of the scores (pairwise complete, repaired to be positive definite)
 * is the copula. New rows are correlated normals mapped back through each column's smoothed marginal
 * ({@link KernelMarginal}: a kernel density within the observed range, frequent values kept as atoms; rounded as the
 * column is written) or its label frequencies.
 */
public final class GaussianCopula implements Synthesizer {
    private static final double MIN_EIGENVALUE = 1e-4;
    private static final int MAX_PATTERNS = 50;
    /** Kernel bandwidth of the marginals as a share of Silverman's rule (less smoothing: closer marginals). */
    static final double BANDWIDTH_SCALE = 0.5;
    private static final int COMPLETION_ITERATIONS = 100;

    /** One variable of the copula: the values of a column, or its missing-value indicator. */
    private record Variable(int column, boolean missingIndicator, double[] scores, double[] cumulative) {
    }

    private String description = "Gaussian copula (not fitted yet)";

    @Override
    public DataTable synthesize(DataTable real, int n, RandomGenerator rng) {
        int[] cols = real.modelledColumns();
        ColumnStats[] stats = new ColumnStats[real.columnCount()];
        List<Variable> vars = new ArrayList<>();
        int[] valueVar = new int[real.columnCount()];
        int[] missingVar = new int[real.columnCount()];
        Arrays.fill(valueVar, -1);
        Arrays.fill(missingVar, -1);
        for (int c : cols) {
            stats[c] = ColumnStats.of(real, c);
        }
        MissingPatterns patterns = MissingPatterns.of(real, cols, stats);
        int patternVar = -1;
        if (patterns != null) {
            patternVar = vars.size();
            vars.add(new Variable(-1, true, patterns.scores(), patterns.cumulative()));
        }
        for (int c : cols) {
            double q = stats[c].missingRate();
            if (q > 0 && patterns == null) {
                double[] s = new double[real.rows()];
                double present = Normal.quantile((1 - q) / 2);
                double absent = Normal.quantile(1 - q / 2);
                for (int r = 0; r < s.length; r++) {
                    s[r] = Double.isNaN(real.value(c, r)) ? absent : present;
                }
                missingVar[c] = vars.size();
                vars.add(new Variable(c, true, s, new double[] {1 - q, 1}));
            }
            valueVar[c] = vars.size();
            vars.add(real.column(c).type().isDiscrete() ? discrete(real, c) : numeric(real, c));
        }
        KernelMarginal[] marginals = new KernelMarginal[real.columnCount()];
        for (int c : cols) {
            if (!real.column(c).type().isDiscrete()) {
                marginals[c] = new KernelMarginal(stats[c].sorted, BANDWIDTH_SCALE);
            }
        }
        RealMatrix corr = correlation(vars, real.rows());
        RealMatrix root = squareRoot(corr);
        int k = vars.size();
        double[][] out = new double[real.columnCount()][n];
        for (double[] col : out) {
            Arrays.fill(col, Double.NaN);
        }
        double[] g = new double[k];
        double[] u = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                g[j] = rng.nextGaussian();
            }
            for (int j = 0; j < k; j++) {
                double z = 0;
                for (int l = 0; l < k; l++) {
                    z += root.getEntry(j, l) * g[l];
                }
                u[j] = Normal.cdf(z);
            }
            boolean[] absent = patterns == null ? null : patterns.pattern(level(vars.get(patternVar).cumulative,
                    u[patternVar]));
            for (int c : cols) {
                if (missingVar[c] >= 0 && u[missingVar[c]] > 1 - stats[c].missingRate() || absent != null
                        && absent[c]) {
                    continue;
                }
                Variable v = vars.get(valueVar[c]);
                Column column = real.column(c);
                out[c][i] = v.cumulative != null ? level(v.cumulative, u[valueVar[c]])
                        : stats[c].fit(column, marginals[c].quantile(u[valueVar[c]]));
            }
        }
        description = String.format(Locale.ROOT, "Gaussian copula over %d variables (%d columns, %s), mean "
                + "|correlation| %.3f", k, cols.length, patterns != null ? "a missing-pattern variable with "
                + patterns.count() + " patterns" : (k - cols.length) + " missing-value indicators",
                meanAbsOffDiagonal(corr));
        return new DataTable(real.columns(), out);
    }

    @Override
    public String describe() {
        return description;
    }

    private static Variable numeric(DataTable real, int c) {
        double[] x = real.values(c);
        Integer[] order = new Integer[x.length];
        int m = 0;
        for (int r = 0; r < x.length; r++) {
            if (!Double.isNaN(x[r])) {
                order[m++] = r;
            }
        }
        Integer[] idx = Arrays.copyOf(order, m);
        Arrays.sort(idx, (a, b) -> Double.compare(x[a], x[b]));
        double[] s = new double[x.length];
        Arrays.fill(s, Double.NaN);
        for (int i = 0; i < m; ) {
            int j = i;
            while (j + 1 < m && x[idx[j + 1]] == x[idx[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            double z = Normal.quantile((midRank - 0.5) / m);
            for (int t = i; t <= j; t++) {
                s[idx[t]] = z;
            }
            i = j + 1;
        }
        return new Variable(c, false, s, null);
    }

    private static Variable discrete(DataTable real, int c) {
        int levels = real.column(c).levels().size();
        double[] counts = new double[levels];
        double total = 0;
        for (double v : real.values(c)) {
            if (!Double.isNaN(v)) {
                counts[(int) v]++;
                total++;
            }
        }
        double[] cumulative = new double[levels];
        double[] mid = new double[levels];
        double acc = 0;
        for (int l = 0; l < levels; l++) {
            mid[l] = Normal.quantile((acc + counts[l] / 2) / total);
            acc += counts[l];
            cumulative[l] = acc / total;
        }
        double[] s = new double[real.rows()];
        for (int r = 0; r < s.length; r++) {
            double v = real.value(c, r);
            s[r] = Double.isNaN(v) ? Double.NaN : mid[(int) v];
        }
        return new Variable(c, false, s, cumulative);
    }

    private static double level(double[] cumulative, double u) {
        for (int l = 0; l < cumulative.length; l++) {
            if (u <= cumulative[l] && (l == 0 || cumulative[l] > cumulative[l - 1])) {
                return l;
            }
        }
        for (int l = cumulative.length - 1; l >= 0; l--) {
            if (l == 0 || cumulative[l] > cumulative[l - 1]) {
                return l;
            }
        }
        return 0;
    }

    /**
     * Correlation of the latent normals: Pearson correlation of the scores over the rows where both are defined,
     * divided by the attenuation of each label variable (a label's score correlates with its latent normal by
     * {@link #attenuation}, as in the polyserial correlation). Pairs never observed together are filled in by
     * alternating projections (positive semi-definite / observed entries), e.g. a phenotype measured on one half of
     * the samples and its copy on the other half.
     */
    private static RealMatrix correlation(List<Variable> vars, int rows) {
        int k = vars.size();
        double[] a = new double[k];
        for (int i = 0; i < k; i++) {
            a[i] = vars.get(i).cumulative == null ? 1 : attenuation(vars.get(i).cumulative);
        }
        RealMatrix m = MatrixUtils.createRealIdentityMatrix(k);
        boolean[][] known = new boolean[k][k];
        boolean anyUnknown = false;
        for (int i = 0; i < k; i++) {
            known[i][i] = true;
            for (int j = i + 1; j < k; j++) {
                double r = org.genosynth.eval.Ranks.pearson(vars.get(i).scores, vars.get(j).scores);
                known[i][j] = !Double.isNaN(r);
                known[j][i] = known[i][j];
                anyUnknown |= !known[i][j];
                double latent = Double.isNaN(r) ? 0 : Math.max(-0.999, Math.min(0.999, r / (a[i] * a[j])));
                m.setEntry(i, j, latent);
                m.setEntry(j, i, latent);
            }
        }
        if (anyUnknown) {
            RealMatrix observed = m.copy();
            for (int iter = 0; iter < COMPLETION_ITERATIONS; iter++) {
                m = nearestCorrelation(m, 0);
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        if (known[i][j]) {
                            m.setEntry(i, j, observed.getEntry(i, j));
                        }
                    }
                }
            }
        }
        return m;
    }

    /**
     * Correlation between the mid-interval scores of a label variable and the normal it discretises:
     * {@code sum_l s_l (phi(t_l-1) - phi(t_l)) / sd(s)} with thresholds {@code t_l = Phi^-1(F_l)}.
     */
    static double attenuation(double[] cumulative) {
        double prev = 0;
        double prevPhi = 0;
        double cov = 0;
        double mean = 0;
        double sq = 0;
        for (double f : cumulative) {
            double p = f - prev;
            if (p <= 0) {
                continue;
            }
            double s = Normal.quantile(prev + p / 2);
            double phi = f >= 1 ? 0 : density(Normal.quantile(f));
            cov += s * (prevPhi - phi);
            mean += p * s;
            sq += p * s * s;
            prev = f;
            prevPhi = phi;
        }
        double sd = Math.sqrt(Math.max(0, sq - mean * mean));
        return sd > 0 ? Math.max(0.05, Math.min(1, cov / sd)) : 1;
    }

    private static double density(double z) {
        return Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    }

    /** Eigenvalues raised to at least {@code floor}, then rescaled to a unit diagonal. */
    static RealMatrix nearestCorrelation(RealMatrix corr, double floor) {
        int k = corr.getRowDimension();
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(corr);
        double[] lambda = eig.getEigenvalues();
        RealMatrix v = eig.getV();
        RealMatrix out = MatrixUtils.createRealMatrix(k, k);
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    s += v.getEntry(i, l) * Math.max(floor, lambda[l]) * v.getEntry(j, l);
                }
                out.setEntry(i, j, s);
                out.setEntry(j, i, s);
            }
        }
        double[] d = new double[k];
        for (int i = 0; i < k; i++) {
            d[i] = Math.sqrt(Math.max(1e-12, out.getEntry(i, i)));
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                out.setEntry(i, j, i == j ? 1 : out.getEntry(i, j) / (d[i] * d[j]));
            }
        }
        return out;
    }

    /** The observed patterns of missing cells as one label variable, most frequent first. */
    private record MissingPatterns(List<boolean[]> patterns, double[] scores, double[] cumulative) {
        static MissingPatterns of(DataTable real, int[] cols, ColumnStats[] stats) {
            int[] withMissing = Arrays.stream(cols).filter(c -> stats[c].missing > 0).toArray();
            if (withMissing.length < 2) {
                return null;
            }
            java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
            String[] keys = new String[real.rows()];
            for (int r = 0; r < real.rows(); r++) {
                StringBuilder sb = new StringBuilder();
                for (int c : withMissing) {
                    sb.append(Double.isNaN(real.value(c, r)) ? '1' : '0');
                }
                keys[r] = sb.toString();
                counts.merge(keys[r], 1, Integer::sum);
            }
            if (counts.size() > Math.min(MAX_PATTERNS, real.rows() / 5)) {
                return null;
            }
            List<String> order = new ArrayList<>(counts.keySet());
            order.sort((a, b) -> Integer.compare(counts.get(b), counts.get(a)));
            double[] cumulative = new double[order.size()];
            double[] mid = new double[order.size()];
            java.util.Map<String, Integer> index = new java.util.HashMap<>();
            List<boolean[]> patterns = new ArrayList<>();
            double acc = 0;
            for (int i = 0; i < order.size(); i++) {
                double share = counts.get(order.get(i)) / (double) real.rows();
                mid[i] = Normal.quantile(acc + share / 2);
                acc += share;
                cumulative[i] = acc;
                index.put(order.get(i), i);
                boolean[] absent = new boolean[real.columnCount()];
                for (int j = 0; j < withMissing.length; j++) {
                    absent[withMissing[j]] = order.get(i).charAt(j) == '1';
                }
                patterns.add(absent);
            }
            cumulative[order.size() - 1] = 1;
            double[] scores = new double[real.rows()];
            for (int r = 0; r < scores.length; r++) {
                scores[r] = mid[index.get(keys[r])];
            }
            return new MissingPatterns(patterns, scores, cumulative);
        }

        int count() {
            return patterns.size();
        }

        boolean[] pattern(double level) {
            return patterns.get((int) level);
        }
    }


    /**
     * A matrix A with A A^T equal to the nearest-by-eigenvalue-clipping correlation matrix: eigenvalues below
     * {@value #MIN_EIGENVALUE} raised to it, then rescaled to a unit diagonal.
     */
    static RealMatrix squareRoot(RealMatrix corr) {
        int k = corr.getRowDimension();
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(corr);
        double[] lambda = eig.getEigenvalues();
        RealMatrix v = eig.getV();
        RealMatrix root = MatrixUtils.createRealMatrix(k, k);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                root.setEntry(i, j, v.getEntry(i, j) * Math.sqrt(Math.max(MIN_EIGENVALUE, lambda[j])));
            }
        }
        for (int i = 0; i < k; i++) {
            double norm = 0;
            for (int j = 0; j < k; j++) {
                norm += root.getEntry(i, j) * root.getEntry(i, j);
            }
            double scale = 1 / Math.sqrt(norm);
            for (int j = 0; j < k; j++) {
                root.setEntry(i, j, root.getEntry(i, j) * scale);
            }
        }
        return root;
    }

    private static double meanAbsOffDiagonal(RealMatrix m) {
        int k = m.getRowDimension();
        double s = 0;
        int count = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                s += Math.abs(m.getEntry(i, j));
                count++;
            }
        }
        return count == 0 ? 0 : s / count;
    }
}
