package org.genosynth.table.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.genosynth.eval.Ranks;
import org.genosynth.table.Column;
import org.genosynth.table.ColumnType;
import org.genosynth.table.DataTable;
import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.Test;

class DpCopulaTest {
    private static final Map<String, double[]> BOUNDS = Map.of("x", new double[] {0, 100}, "y",
            new double[] {0, 40});

    static DataTable table(int n) {
        Well19937c g = new Well19937c(5);
        double[][] v = new double[3][n];
        for (int r = 0; r < n; r++) {
            double x = g.nextGaussian();
            v[0][r] = Math.rint(100 * (50 + 10 * x)) / 100;
            v[1][r] = Math.rint(100 * (20 + 5 * (0.8 * x + 0.6 * g.nextGaussian()))) / 100;
            v[2][r] = g.nextDouble() < 0.3 + 0.3 * (x > 0 ? 1 : 0) ? 1 : 0;
        }
        return new DataTable(List.of(new Column("x", ColumnType.NUMERIC, List.of(), 2, null),
                new Column("y", ColumnType.NUMERIC, List.of(), 2, null),
                new Column("b", ColumnType.BOOLEAN, List.of("no", "yes"), 0, null)), v);
    }

    @Test
    void sameSeedSameRowsAndALargeBudgetKeepsCorrelationsAndMarginals() {
        DataTable t = table(2000);
        DataTable a = new DpCopula(20, 1e-9, 16, BOUNDS).synthesize(t, 3000, new Well19937c(1));
        DataTable b = new DpCopula(20, 1e-9, 16, BOUNDS).synthesize(t, 3000, new Well19937c(1));
        for (int c = 0; c < 3; c++) {
            assertThat(a.values(c)).containsExactly(b.values(c));
        }
        // real: Pearson 0.8; 16 bins of 6.25 and 2.5 units, positions within a bin kept by the copula
        assertThat(Ranks.pearson(a.values(0), a.values(1))).isCloseTo(Ranks.pearson(t.values(0), t.values(1)),
                within(0.05));
        assertThat(mean(a.values(0))).isCloseTo(mean(t.values(0)), within(0.5));
        assertThat(mean(a.values(2))).isCloseTo(mean(t.values(2)), within(0.03));
        // the label column's dependence on x (0.3 vs 0.6 on either side of the mean) survives its attenuation
        double above = 0;
        int count = 0;
        for (int r = 0; r < a.rows(); r++) {
            if (a.value(0, r) > 50) {
                above += a.value(2, r);
                count++;
            }
        }
        assertThat(above / count).isCloseTo(0.6, within(0.05));
        for (double x : a.values(0)) {
            assertThat(x).isBetween(0.0, 100.0);
        }
    }

    /**
     * The noise of each measurement from the budget: rho(1, 1e-9) = 0.014973057673588733 computed with SciPy (AimTest);
     * 2% of it for the row count, 65% of the rest for the d = 3 one-way histograms (L2 sensitivity sqrt(3)), the rest
     * for the second moments of scores clipped to squared norm C = max(1, 0.5 d) = 1.5 (L2 sensitivity C).
     */
    @Test
    void noiseFollowsTheBudget() {
        DpCopula dp = new DpCopula(1, 1e-9, 8, BOUNDS);
        dp.synthesize(table(300), 300, new Well19937c(2));
        double rho = 0.014973057673588733;
        assertThat(dp.rho()).isCloseTo(rho, within(1e-9));
        double rest = 0.98 * rho;
        assertThat(sigma(dp.describe(), "row count \\(sigma ")).isCloseTo(Math.sqrt(1 / (2 * 0.02 * rho)),
                within(0.05));
        assertThat(sigma(dp.describe(), "; sigma ")).isCloseTo(Math.sqrt(3 / (2 * 0.65 * rest)), within(0.05));
        assertThat(sigma(dp.describe(), "norm 1.5 \\(sigma ")).isCloseTo(1.5 / Math.sqrt(2 * 0.35 * rest),
                within(0.05));
    }

    @Test
    void boundsAreRequiredAndValuesOutsideThemClamped() {
        DataTable t = table(500);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DpCopula(1, 1e-9, 8, Map.of("x",
                new double[] {0, 100})).synthesize(t, 10, new Well19937c(1)))
                .hasMessageContaining("no public bounds for numeric column 'y'");
        DataTable narrow = new DpCopula(50, 1e-9, 8, Map.of("x", new double[] {45, 55}, "y", new double[] {0, 40}))
                .synthesize(t, 2000, new Well19937c(1));
        double[] x = narrow.values(0);
        assertThat(Arrays.stream(x).min().orElseThrow()).isEqualTo(45.0);
        assertThat(Arrays.stream(x).max().orElseThrow()).isEqualTo(55.0);
        // about 31% of N(50, 10) lies below 45: they all sit on the bound's own code
        assertThat(Arrays.stream(x).filter(v -> v == 45).count() / 2000.0).isCloseTo(0.31, within(0.04));
    }

    private static double sigma(String text, String before) {
        Matcher m = Pattern.compile(before + "([0-9.]+)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }
}
