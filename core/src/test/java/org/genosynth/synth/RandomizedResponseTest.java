package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The randomized-response mechanisms' transition frequencies (seeded; tolerances are 5 binomial SDs). */
class RandomizedResponseTest {
    private static final int SITES = 1 << 20;

    @Test
    void randomizedResponseKeepsWithEToTheEpsOverEToTheEpsPlusTwoAndSplitsTheRestEvenly() {
        for (double eps : new double[] {0.5, 2, 6}) {
            for (int from = 0; from < 3; from++) {
                long[] counts = transitions(new SiteNoise.RandomizedResponse(eps), from);
                double keep = Math.exp(eps) / (Math.exp(eps) + 2);
                double other = 1 / (Math.exp(eps) + 2);
                for (int to = 0; to < 3; to++) {
                    double p = to == from ? keep : other;
                    double sd = Math.sqrt(SITES * p * (1 - p));
                    assertThat((double) counts[to]).as("eps %s, %d -> %d", eps, from, to)
                            .isCloseTo(SITES * p, org.assertj.core.data.Offset.offset(5 * sd + 1));
                }
                // the eps-LDP bound: any output's probability ratio between inputs is at most e^eps
                assertThat(keep / other).isCloseTo(Math.exp(eps), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        assertThat(transitions(new SiteNoise.RandomizedResponse(1), 3)[3]).as("missing stays missing")
                .isEqualTo(SITES);
    }

    @Test
    void synGen6VariantNeverExchangesZeroAndTwo() {
        long[] from0 = transitions(new SiteNoise.AdjacentFlip(0.05), 0);
        long[] from2 = transitions(new SiteNoise.AdjacentFlip(0.05), 2);
        long[] from1 = transitions(new SiteNoise.AdjacentFlip(0.05), 1);
        assertThat(from0[2]).isZero();
        assertThat(from2[0]).isZero();
        double sd = Math.sqrt(SITES * 0.05 * 0.95);
        assertThat((double) from0[1]).isCloseTo(SITES * 0.05, org.assertj.core.data.Offset.offset(5 * sd));
        assertThat((double) (from1[0] + from1[2])).isCloseTo(SITES * 0.05, org.assertj.core.data.Offset.offset(5 * sd));
    }

    private static long[] transitions(SiteNoise noise, int code) {
        long fill = 0;
        for (int i = 0; i < 32; i++) {
            fill |= (long) code << (2 * i);
        }
        long[] counts = new long[4];
        SplittableRandom random = new SplittableRandom(42);
        long[] row = new long[32];
        for (int chunk = 0; chunk < SITES / 1024; chunk++) {
            java.util.Arrays.fill(row, fill);
            noise.apply(row, 0, 0, 1024, 0, random);
            for (int v = 0; v < 1024; v++) {
                counts[(int) (row[v >>> 5] >>> ((v & 31) << 1)) & 3]++;
            }
        }
        return counts;
    }
}
