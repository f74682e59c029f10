package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.genosynth.assoc.lmm.LmmEngine;
import org.genosynth.assoc.lmm.LmmOptions;
import org.genosynth.model.GenotypeMatrix;
import org.junit.jupiter.api.Test;

/**
 * The space the LMM reads a phenotype in: whitening by {@code V^-1/2} and back are inverse (up to the eigenvectors'
 * rounding to 6 digits), the whitened inner product is {@code a' V^-1 b}, and the rounding is the BigDecimal one.
 */
class RelatednessWhiteningTest {
    @Test
    void whiteningAndBackAreInverseAndTheInnerProductIsVInverse() {
        GenotypeMatrix g = TestCohorts.unrelated(120, 400, 0.01, 7);
        double[] like = new double[g.sampleCount()];
        Arrays.fill(like, Double.NaN);
        for (int i = 0; i < like.length; i += 2) {
            like[i] = 0;   // every other sample phenotyped: the space is over those rows only
        }
        RelatednessWhitening w;
        double[] values;
        double[] vectors;
        try (LmmEngine.Prepared prepared = LmmEngine.prepare(g, like, null, LmmOptions.defaults().withThreads(1))) {
            LmmEngine.Spectrum spectrum = prepared.spectrum();
            w = new RelatednessWhitening(spectrum);
            values = spectrum.values().clone();
            vectors = spectrum.vectors().clone();
        }
        int n = w.rows().length;
        assertThat(n).isEqualTo(60);
        assertThat(w.rows()).containsExactly(java.util.stream.IntStream.range(0, 60).map(i -> 2 * i).toArray());
        assertThat(Arrays.stream(values).average().orElseThrow()).isCloseTo(1, within(1e-9));
        SplittableRandom random = new SplittableRandom(3);
        double[] a = random.doubles(n).toArray();
        double[] b = random.doubles(n).toArray();
        for (double h2 : new double[] {0, 0.4, 0.9}) {
            double[] back = w.unwhiten(w.whiten(1, a, h2), h2);
            for (int r = 0; r < n; r++) {
                assertThat(back[r]).as("h2 %s, row %d", h2, r).isCloseTo(a[r], within(1e-4));
            }
            // <whiten a, whiten b> = a' V^-1 b with V = h2 K + (1 - h2) I, from the unrounded decomposition
            double expected = 0;
            for (int i = 0; i < n; i++) {
                double ua = 0;
                double ub = 0;
                for (int r = 0; r < n; r++) {
                    ua += vectors[i * n + r] * a[r];
                    ub += vectors[i * n + r] * b[r];
                }
                expected += ua * ub / (h2 * values[i] + 1 - h2);
            }
            double actual = dot(w.whiten(1, a, h2), w.whiten(2, b, h2));
            assertThat(actual).as("h2 %s", h2).isCloseTo(expected, within(1e-4 * Math.abs(expected) + 1e-9));
        }
    }

    @Test
    void roundingToSixDigitsIsTheBigDecimalOne() {
        SplittableRandom random = new SplittableRandom(11);
        for (int k = 0; k < 10_000; k++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-8, 4));
            assertThat(RelatednessWhitening.roundTo6(v)).as("%s", v).isCloseTo(PhenotypeSynthesis.stable(v),
                    within(Math.ulp(v) * 4));
        }
        assertThat(RelatednessWhitening.roundTo6(0)).isZero();
        assertThat(RelatednessWhitening.roundTo6(0.123456789)).isEqualTo(0.123457);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
