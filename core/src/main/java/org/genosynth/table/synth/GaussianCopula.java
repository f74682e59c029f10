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
 * with missing values adds a binary "missing" variable scored the same way, so which cells are missing is correlated
 * with the rest of the row. The correlation matrix of the scores (pairwise complete, repaired to be positive definite)
 * is the copula. New rows are correlated normals mapped back through each column's smoothed empirical quantile
 * (interpolated between order statistics, within the observed range, rounded as the column is written) or its label
 * frequencies.
 */
public final class GaussianCopula implements Synthesizer {
    private static final double MIN_EIGENVALUE = 1e-4;

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
            double q = stats[c].missingRate();
            if (q > 0) {
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
            for (int c : cols) {
                if (missingVar[c] >= 0 && u[missingVar[c]] > 1 - stats[c].missingRate()) {
                    continue;
                }
                Variable v = vars.get(valueVar[c]);
                Column column = real.column(c);
                out[c][i] = v.cumulative != null ? level(v.cumulative, u[valueVar[c]])
                        : stats[c].fit(column, stats[c].quantile(u[valueVar[c]]));
            }
        }
        description = String.format(Locale.ROOT, "Gaussian copula over %d variables (%d columns, %d missing-value "
                + "indicators), mean |correlation| %.3f", k, cols.length, k - cols.length, meanAbsOffDiagonal(corr));
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

    /** Pearson correlation of the scores over the rows where both are defined; 0 when undefined. */
    private static RealMatrix correlation(List<Variable> vars, int rows) {
        int k = vars.size();
        RealMatrix m = MatrixUtils.createRealIdentityMatrix(k);
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double r = pearson(vars.get(a).scores, vars.get(b).scores);
                m.setEntry(a, b, r);
                m.setEntry(b, a, r);
            }
        }
        return m;
    }

    static double pearson(double[] x, double[] y) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                sx += x[i];
                sy += y[i];
                n++;
            }
        }
        if (n < 3) {
            return 0;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                double dx = x[i] - mx;
                double dy = y[i] - my;
                sxx += dx * dx;
                syy += dy * dy;
                sxy += dx * dy;
            }
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
    }

    /**
     * A matrix A with A A^T equal to the nearest-by-eigenvalue-clipping correlation matrix: eigenvalues below
     * {@value #MIN_EIGENVALUE} raised to it, then rescaled to a unit diagonal.
     */
    private static RealMatrix squareRoot(RealMatrix corr) {
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
