package org.genosynth.table.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.genosynth.table.Column;
import org.genosynth.table.ColumnType;
import org.genosynth.table.DataTable;
import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.Test;

class AimTest {
    private static final java.util.Map<String, double[]> BOUNDS = java.util.Map.of("x", new double[] {0, 100}, "y",
            new double[] {0, 40});

    /**
     * rho for (epsilon, delta) by Canonne, Kamath and Steinke 2020 (Proposition 12: delta = min over alpha > 1 of
     * exp((alpha - 1)(alpha rho - epsilon)) / (alpha - 1) (1 - 1/alpha)^alpha), reference values computed outside
     * this code with scipy: minimize_scalar (bounded) over alpha, brentq over rho (xtol 1e-15).
     */
    @Test
    void rhoFromEpsilonAndDeltaByThePublishedConversion() {
        assertThat(Zcdp.rho(0.5, 1e-9)).isCloseTo(0.003953191141217898, within(1e-9));
        assertThat(Zcdp.rho(1, 1e-9)).isCloseTo(0.014973057673588733, within(1e-9));
        assertThat(Zcdp.rho(4, 1e-9)).isCloseTo(0.20631290922949078, within(1e-9));
        assertThat(Zcdp.rho(1, 1e-5)).isCloseTo(0.030556595197639577, within(1e-9));
    }

    @Test
    void zcdpConversionIsTheTightOneAndConsistent() {
        for (double eps : new double[] {0.5, 1, 4}) {
            for (double delta : new double[] {1e-9, 1e-5}) {
                double rho = Zcdp.rho(eps, delta);
                // the rho found converts back to (eps, delta): delta(rho, eps) <= delta, and barely
                assertThat(Zcdp.delta(rho, eps)).isLessThanOrEqualTo(delta);
                assertThat(Zcdp.delta(rho * 1.001, eps)).isGreaterThan(delta);
                // tighter than the classic conversion, which would claim a larger epsilon for the same rho
                assertThat(Zcdp.classicEpsilon(rho, delta)).isGreaterThan(eps);
                // the classic conversion read backwards (rho + 2 sqrt(rho L) = eps) allows less rho
                double l = Math.log(1 / delta);
                double classic = Math.pow(-Math.sqrt(l) + Math.sqrt(l + eps), 2);
                assertThat(rho).isGreaterThan(classic);
            }
        }
        // epsilon 1, delta 1e-9 (AIM's default): rho 0.01497 (the classic conversion allows 0.01173)
        assertThat(Zcdp.rho(1, 1e-9)).isCloseTo(0.01497, within(5e-5));
    }

    @Test
    void sameSeedSameRowsAndCorrelationsSurviveALargeBudget() {
        Well19937c g = new Well19937c(5);
        int n = 2000;
        double[][] v = new double[3][n];
        for (int r = 0; r < n; r++) {
            double x = g.nextGaussian();
            v[0][r] = Math.rint(100 * (50 + 10 * x)) / 100;
            v[1][r] = Math.rint(100 * (20 + 5 * (0.8 * x + 0.6 * g.nextGaussian()))) / 100;
            v[2][r] = g.nextDouble() < 0.3 + 0.3 * (x > 0 ? 1 : 0) ? 1 : 0;
        }
        DataTable t = new DataTable(List.of(new Column("x", ColumnType.NUMERIC, List.of(), 2, null),
                new Column("y", ColumnType.NUMERIC, List.of(), 2, null),
                new Column("b", ColumnType.BOOLEAN, List.of("no", "yes"), 0, null)), v);
        DataTable a = new Aim(20, 1e-9, 16, BOUNDS).synthesize(t, 3000, new Well19937c(1));
        DataTable b = new Aim(20, 1e-9, 16, BOUNDS).synthesize(t, 3000, new Well19937c(1));
        for (int c = 0; c < 3; c++) {
            assertThat(a.values(c)).containsExactly(b.values(c));
        }
        assertThat(org.genosynth.eval.Ranks.pearson(a.values(0), a.values(1)))
                .isCloseTo(org.genosynth.eval.Ranks.pearson(v[0], v[1]), within(0.08));
        assertThat(java.util.Arrays.stream(a.values(2)).average().orElseThrow())
                .isCloseTo(java.util.Arrays.stream(v[2]).average().orElseThrow(), within(0.03));
    }
}
