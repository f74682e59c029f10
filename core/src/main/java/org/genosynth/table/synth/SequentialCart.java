package org.genosynth.table.synth;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import org.genosynth.table.Column;
import org.genosynth.table.DataTable;
import org.hipparchus.random.RandomGenerator;

/**
 * Sequential tree-based synthesis as synthpop's default ({@code method = "cart"}): the first column is drawn from its
 * observed values; each next column is drawn, for each synthetic row, from the leaf that row falls in of a CART tree
 * fitted on the real table to predict that column from the columns before it (at least {@code minBucket} real rows
 * per leaf). Labels are copied from a random real row of the leaf. Numbers too, then smoothed as synthpop's
 * {@code smoothing = "density"} (a normal kernel with the leaf's Silverman bandwidth), held to the range of the
 * column's non-atom values and rounded as the column is written (a drawn point mass at an end of the column,
 * {@link PointMasses#ends()}, such as a 0 below the measured values, is kept exactly and not smoothed), unless the column has fewer than {@value #SMOOTH_MIN_DISTINCT} distinct values.
 * Missing values: a label column treats "missing" as one more label; a numeric column first draws whether the cell is
 * missing (a classification tree on the same predictors), then its value from a tree fitted on the rows that have one.
 */
public final class SequentialCart implements Synthesizer {
    static final int SMOOTH_MIN_DISTINCT = 10;

    private final int minBucket;
    private final double cp;
    private String description = "sequential CART (not fitted yet)";

    /**
     * @param minBucket fewest real rows in a leaf (synthpop: 5)
     * @param cp        complexity parameter: a split must lower the impurity by this share of the root's (synthpop:
     *                  1e-8)
     */
    public SequentialCart(int minBucket, double cp) {
        this.minBucket = minBucket;
        this.cp = cp;
    }

    @Override
    public DataTable synthesize(DataTable real, int n, RandomGenerator rng) {
        int[] cols = real.modelledColumns();
        double[][] out = new double[real.columnCount()][n];
        for (double[] col : out) {
            Arrays.fill(col, Double.NaN);
        }
        int rows = real.rows();
        int totalLeaves = 0;
        for (int j = 0; j < cols.length; j++) {
            int c = cols[j];
            Column column = real.column(c);
            ColumnStats stats = ColumnStats.of(real, c);
            boolean smooth = column.type().isNumeric() && stats.distinct() >= SMOOTH_MIN_DISTINCT;
            PointMasses masses = column.type().isNumeric() && stats.sorted.length > 0
                    ? PointMasses.of(stats.sorted).ends() : null;
            if (j == 0) {
                double h = smooth ? bandwidth(real.values(c), allRows(rows)) : 0;
                for (int i = 0; i < n; i++) {
                    double v = real.value(c, rng.nextInt(rows));
                    out[c][i] = Double.isNaN(v) || masses == null || masses.isAtom(v) ? v
                            : masses.fit(column, v + h * rng.nextGaussian());
                }
                continue;
            }
            int[] preds = Arrays.copyOf(cols, j);
            double[][] xReal = new double[j][];
            double[][] xSyn = new double[j][];
            boolean[] discrete = new boolean[j];
            int[] levels = new int[j];
            for (int p = 0; p < j; p++) {
                xReal[p] = real.values(preds[p]);
                xSyn[p] = out[preds[p]];
                discrete[p] = real.column(preds[p]).type().isDiscrete();
                levels[p] = real.column(preds[p]).levels().size();
            }
            double[] y = real.values(c);
            if (column.type().isDiscrete()) {
                int missingClass = column.levels().size();
                double[] target = new double[rows];
                for (int r = 0; r < rows; r++) {
                    target[r] = Double.isNaN(y[r]) ? missingClass : y[r];
                }
                CartTree tree = new CartTree(xReal, discrete, levels, target, missingClass + 1, minBucket, cp)
                        .fit(allRows(rows));
                totalLeaves += tree.leafCount();
                for (int i = 0; i < n; i++) {
                    int[] leaf = tree.leaf(xSyn, i);
                    double v = target[leaf[rng.nextInt(leaf.length)]];
                    out[c][i] = v == missingClass ? Double.NaN : v;
                }
                continue;
            }
            boolean[] missing = new boolean[n];
            if (stats.missing > 0) {
                double[] indicator = new double[rows];
                for (int r = 0; r < rows; r++) {
                    indicator[r] = Double.isNaN(y[r]) ? 1 : 0;
                }
                CartTree tree = new CartTree(xReal, discrete, levels, indicator, 2, minBucket, cp).fit(allRows(rows));
                totalLeaves += tree.leafCount();
                for (int i = 0; i < n; i++) {
                    int[] leaf = tree.leaf(xSyn, i);
                    missing[i] = indicator[leaf[rng.nextInt(leaf.length)]] == 1;
                }
            }
            int[] observed = java.util.stream.IntStream.range(0, rows).filter(r -> !Double.isNaN(y[r])).toArray();
            CartTree tree = new CartTree(xReal, discrete, levels, y, 0, minBucket, cp).fit(observed);
            totalLeaves += tree.leafCount();
            Map<int[], Double> bandwidths = new IdentityHashMap<>();
            for (int i = 0; i < n; i++) {
                if (missing[i]) {
                    continue;
                }
                int[] leaf = tree.leaf(xSyn, i);
                double v = y[leaf[rng.nextInt(leaf.length)]];
                if (smooth && !masses.isAtom(v)) {
                    double h = bandwidths.computeIfAbsent(leaf, l -> bandwidth(y, l));
                    v += h * rng.nextGaussian();
                }
                out[c][i] = masses.fit(column, v);
            }
        }
        description = String.format(Locale.ROOT, "sequential CART over %d columns (visit order as in the table), "
                + "min %d rows per leaf, cp %s, %d leaves in all", cols.length, minBucket, cp, totalLeaves);
        return new DataTable(real.columns(), out);
    }

    @Override
    public String describe() {
        return description;
    }

    private static int[] allRows(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    /** R's bw.nrd0 over the non-missing values of {@code y} at {@code rows}: 0.9 min(sd, IQR/1.34) m^-1/5. */
    static double bandwidth(double[] y, int[] rows) {
        double[] v = Arrays.stream(rows).mapToDouble(r -> y[r]).filter(d -> !Double.isNaN(d)).sorted().toArray();
        int m = v.length;
        if (m < 2) {
            return 0;
        }
        double mean = Arrays.stream(v).average().orElse(0);
        double var = Arrays.stream(v).map(d -> (d - mean) * (d - mean)).sum() / (m - 1);
        double sd = Math.sqrt(var);
        double iqr = quantile7(v, 0.75) - quantile7(v, 0.25);
        double lo = Math.min(sd, iqr / 1.34);
        if (lo <= 0) {
            lo = sd > 0 ? sd : Math.abs(v[0]) > 0 ? Math.abs(v[0]) : 1;
            return sd > 0 ? 0.9 * lo * Math.pow(m, -0.2) : 0;
        }
        return 0.9 * lo * Math.pow(m, -0.2);
    }

    /** R's default (type 7) quantile of sorted values. */
    private static double quantile7(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int i = (int) Math.floor(h);
        return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
    }
}
