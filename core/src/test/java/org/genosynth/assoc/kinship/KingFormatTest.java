package org.genosynth.assoc.kinship;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.genosynth.util.Numbers;
import org.junit.jupiter.api.Test;

/** The allocation-free 6-digit formatter of the KING table writes exactly what {@link Numbers} writes. */
class KingFormatTest {
    @Test
    void sameTextAsNumbers() {
        SplittableRandom r = new SplittableRandom(11);
        double[] edges = {0.1, 0.01, 0.001, 1e-4, 0.0999999995, 0.00999999995, 0.999999, 0.9999995, 0.5,
            0.003671875, -0.003671875, 1e-4 - 1e-20, -0.25, 0.0001, 0.00010000049, 0.12345650000000001};
        for (double v : edges) {
            check(v);
        }
        for (int i = 0; i < 200_000; i++) {
            double v = Math.pow(10, -5 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
            check(v);
            check((double) r.nextInt(100_000) / (1 + r.nextInt(100_000)));
        }
    }

    private static void check(double v) {
        assertThat(KingKinship.appendSix(new StringBuilder(), v).toString()).as("%s", v)
                .isEqualTo(Numbers.significant(v, 6));
    }
}
