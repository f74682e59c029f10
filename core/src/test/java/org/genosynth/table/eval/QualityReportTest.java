package org.genosynth.table.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.table.Column;
import org.genosynth.table.ColumnType;
import org.genosynth.table.DataTable;
import org.genosynth.table.io.TableReadOptions;
import org.genosynth.table.io.TableReader;
import org.hipparchus.random.RandomGenerator;
import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDMetrics Quality Report figures equal a direct computation from the published definitions (to 1e-9), written
 * here independently: KS by brute force over every value, TV over label frequencies, Pearson by the textbook formula,
 * contingency tables over string keys with numpy's histogram_bin_edges / digitize rules spelled out.
 */
class QualityReportTest {
    @TempDir
    Path dir;

    @Test
    void figuresEqualTheDefinitions() throws Exception {
        DataTable real = table(new Well19937c(1), 300, 0.0);
        DataTable syn = table(new Well19937c(2), 250, 0.3);
        int[] cols = real.modelledColumns();
        QualityReport.Scores q = QualityReport.compute(real, syn, cols);
        double[] direct = direct(real, syn);
        assertThat(q.columnShapes()).isCloseTo(direct[0], within(1e-9));
        assertThat(q.columnPairTrends()).isCloseTo(direct[1], within(1e-9));
        assertThat(q.overall()).isCloseTo((direct[0] + direct[1]) / 2, within(1e-9));
        assertThat(q.overall()).isBetween(0.5, 0.99);
    }

    @Test
    void evaluateWritesThemWithTheHoldoutBaseline() throws Exception {
        Path train = write("train.csv", table(new Well19937c(3), 200, 0.0));
        Path hold = write("hold.csv", table(new Well19937c(4), 90, 0.0));
        Path syn = write("syn.csv", table(new Well19937c(5), 200, 0.5));
        TableEvaluation.Result r = TableEvaluation.run(new TableEvaluation.Request(train, syn, hold,
                TableReadOptions.defaults(), 1, 2, dir.resolve("eval")));
        DataTable t = TableReader.read(train, TableReadOptions.defaults());
        DataTable s = TableReader.readLike(syn, TableReadOptions.defaults(), t);
        DataTable h = TableReader.readLike(hold, TableReadOptions.defaults(), s);
        t = t.withColumns(h.columns());
        s = s.withColumns(h.columns());
        double[] d = direct(t, s);
        double[] b = direct(t, h);
        assertThat(r.metric("sdmetrics_column_shapes")).isCloseTo(d[0], within(1e-9));
        assertThat(r.metric("sdmetrics_column_pair_trends")).isCloseTo(d[1], within(1e-9));
        assertThat(r.metric("sdmetrics_overall")).isCloseTo((d[0] + d[1]) / 2, within(1e-9));
        assertThat(r.metric("baseline_sdmetrics_column_shapes")).isCloseTo(b[0], within(1e-9));
        assertThat(r.metric("baseline_sdmetrics_column_pair_trends")).isCloseTo(b[1], within(1e-9));
        assertThat(r.metric("baseline_sdmetrics_overall")).isCloseTo((b[0] + b[1]) / 2, within(1e-9));
        // the shifted synthetic table scores below the real holdout
        assertThat(r.metric("sdmetrics_overall")).isLessThan(r.metric("baseline_sdmetrics_overall"));
        assertThat(Files.readString(dir.resolve("eval/metrics.json"))).contains("\"sdmetrics_overall\": ");
    }

    private Path write(String name, DataTable t) throws Exception {
        Path p = dir.resolve(name);
        org.genosynth.table.io.TableWriter.write(t, p);
        return p;
    }

    /** x: numeric, y: numeric correlated with x (some missing), g: label a/b/c tied to x, k: integer 0..4. */
    private static DataTable table(RandomGenerator rng, int n, double shift) {
        double[][] v = new double[4][n];
        for (int r = 0; r < n; r++) {
            double x = rng.nextGaussian() + shift;
            v[0][r] = Math.rint(x * 1000) / 1000;
            v[1][r] = rng.nextDouble() < 0.1 ? Double.NaN : Math.rint((0.6 * x + rng.nextGaussian()) * 1000) / 1000;
            v[2][r] = x + rng.nextGaussian() * (1 + shift) > 0.5 ? 0 : rng.nextDouble() < 0.5 ? 1 : 2;
            v[3][r] = rng.nextInt(5);
        }
        List<Column> cols = List.of(new Column("x", ColumnType.NUMERIC, List.of(), 3, null),
                new Column("y", ColumnType.NUMERIC, List.of(), 3, null),
                new Column("g", ColumnType.CATEGORICAL, List.of("a", "b", "c"), 0, null),
                Column.of("k", ColumnType.INTEGER));
        return new DataTable(cols, v);
    }

    /** {column shapes, column pair trends} from the definitions. */
    static double[] direct(DataTable a, DataTable b) {
        List<Double> shapes = new ArrayList<>();
        int[] cols = a.modelledColumns();
        for (int c : cols) {
            double[] x = present(a.values(c));
            double[] y = present(b.values(c));
            if (a.column(c).type().isNumeric()) {
                double d = 0;
                for (double[] pts : new double[][] {x, y}) {
                    for (double t : pts) {
                        d = Math.max(d, Math.abs(ecdf(x, t) - ecdf(y, t)));
                    }
                }
                shapes.add(1 - d);
            } else {
                Map<Double, double[]> f = new HashMap<>();
                for (double v : x) {
                    f.computeIfAbsent(v, k -> new double[2])[0] += 1.0 / x.length;
                }
                for (double v : y) {
                    f.computeIfAbsent(v, k -> new double[2])[1] += 1.0 / y.length;
                }
                shapes.add(1 - f.values().stream().mapToDouble(p -> Math.abs(p[0] - p[1])).sum() / 2);
            }
        }
        List<Double> pairs = new ArrayList<>();
        for (int i = 0; i < cols.length; i++) {
            for (int j = i + 1; j < cols.length; j++) {
                int p = cols[i];
                int q = cols[j];
                boolean np = a.column(p).type().isNumeric();
                boolean nq = a.column(q).type().isNumeric();
                if (np && nq) {
                    pairs.add(1 - Math.abs(r(a.values(p), a.values(q)) - r(b.values(p), b.values(q))) / 2);
                } else {
                    Map<String, double[]> f = new HashMap<>();
                    for (int side = 0; side < 2; side++) {
                        DataTable t = side == 0 ? a : b;
                        String[] kp = labels(t.values(p), np && !nq);
                        String[] kq = labels(t.values(q), nq && !np);
                        for (int r = 0; r < t.rows(); r++) {
                            f.computeIfAbsent(kp[r] + "/" + kq[r], k -> new double[2])[side] += 1.0 / t.rows();
                        }
                    }
                    pairs.add(1 - f.values().stream().mapToDouble(d -> Math.abs(d[0] - d[1])).sum() / 2);
                }
            }
        }
        return new double[] {shapes.stream().mapToDouble(d -> d).average().orElseThrow(),
            pairs.stream().mapToDouble(d -> d).average().orElseThrow()};
    }

    /** Labels of a column; a numeric one binned: edges lo + i (hi - lo) / 10, index = #edges <= value, NaN -> 11. */
    private static String[] labels(double[] v, boolean bin) {
        String[] out = new String[v.length];
        double lo = java.util.Arrays.stream(present(v)).min().orElseThrow();
        double hi = java.util.Arrays.stream(present(v)).max().orElseThrow();
        for (int r = 0; r < v.length; r++) {
            if (Double.isNaN(v[r])) {
                out[r] = bin ? "11" : "missing";
            } else if (bin) {
                int k = v[r] == hi ? 11 : 1 + (int) Math.floor((v[r] - lo) / ((hi - lo) / 10));
                out[r] = Integer.toString(Math.min(k, 10));
                if (v[r] == hi) {
                    out[r] = "11";
                }
            } else {
                out[r] = Double.toString(v[r]);
            }
        }
        return out;
    }

    private static double r(double[] x, double[] y) {
        List<double[]> both = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                both.add(new double[] {x[i], y[i]});
            }
        }
        double mx = both.stream().mapToDouble(d -> d[0]).average().orElseThrow();
        double my = both.stream().mapToDouble(d -> d[1]).average().orElseThrow();
        double sxy = both.stream().mapToDouble(d -> (d[0] - mx) * (d[1] - my)).sum();
        double sxx = both.stream().mapToDouble(d -> (d[0] - mx) * (d[0] - mx)).sum();
        double syy = both.stream().mapToDouble(d -> (d[1] - my) * (d[1] - my)).sum();
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double ecdf(double[] v, double t) {
        return java.util.Arrays.stream(v).filter(x -> x <= t).count() / (double) v.length;
    }

    private static double[] present(double[] v) {
        return java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
    }
}
