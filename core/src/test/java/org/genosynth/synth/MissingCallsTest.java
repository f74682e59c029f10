package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.RandomGenotypes;
import org.junit.jupiter.api.Test;

/**
 * Genomes drawn from the model get the training cohort's missing calls: each variant's rate, and the genomes' call
 * rates spread as the training genomes' do, whatever the thread that builds a row (streams keyed by genome and chunk).
 */
class MissingCallsTest {
    private static final int VARIANTS = 1000;
    private static final int GENOMES = 3000;

    /** 400 training genomes whose own missing rates are 1, 6, 11, 16 or 21 %. */
    private static GenotypeMatrix training() {
        double[] rate = new double[400];
        for (int s = 0; s < rate.length; s++) {
            rate[s] = 0.01 + 0.05 * (s % 5);
        }
        return RandomGenotypes.unrelated(rate.length, VARIANTS, rate, 0.05, new SplittableRandom(3));
    }

    /** Missing calls of {@link #GENOMES} rows of chunk 0, per variant and per genome. */
    private static int[][] draw(MissingCalls calls) {
        int[] perVariant = new int[VARIANTS];
        int[] perGenome = new int[GENOMES];
        for (int s = 0; s < GENOMES; s++) {
            long[] row = new long[RowBuilder.CHUNK_WORDS];
            long[] phase = new long[RowBuilder.CHUNK_WORDS];
            java.util.Arrays.fill(phase, 0x5555_5555_5555_5555L);
            calls.apply(row, 0, phase, 0, VARIANTS, s, 0, 0);
            for (int v = 0; v < VARIANTS; v++) {
                long field = row[v >>> 5] >>> ((v & 31) << 1) & 3;
                assertThat(field == 0 || field == 3).isTrue();
                if (field == 3) {
                    perVariant[v]++;
                    perGenome[s]++;
                    // a missing call has no phase
                    assertThat(phase[v >>> 5] >>> ((v & 31) << 1) & 1).isZero();
                }
            }
        }
        return new int[][] {perVariant, perGenome};
    }

    @Test
    void eachVariantKeepsItsRateAndTheGenomesTheirSpread() {
        GenotypeMatrix train = training();
        MissingCalls calls = MissingCalls.of(train, 7);
        // the training rates: mean 0.11, SD of the genomes' rates 0.05 x sqrt(2) = 0.0707
        assertThat(calls.meanRate()).isCloseTo(0.11, offset(0.003));
        int[][] drawn = draw(calls);
        double[] realRate = new double[VARIANTS];
        for (int v = 0; v < VARIANTS; v++) {
            int off = train.offset(v);
            int missing = 0;
            for (int s = 0; s < train.sampleCount(); s++) {
                missing += org.genosynth.model.GenotypeCodes.get(train.words(), off, s)
                        == org.genosynth.model.GenotypeCodes.MISSING ? 1 : 0;
            }
            realRate[v] = (double) missing / train.sampleCount();
        }
        // per variant: the real rate (about 0.11) within 4 binomial SEs of 3,000 draws (0.0057 each)
        double worst = 0;
        for (int v = 0; v < VARIANTS; v++) {
            double se = Math.sqrt(realRate[v] * (1 - realRate[v]) / GENOMES);
            worst = Math.max(worst, Math.abs(drawn[0][v] / (double) GENOMES - realRate[v]) / se);
        }
        assertThat(worst).isLessThan(4.5);
        // per genome: mean 0.11 and the training genomes' SD, observed over 1,000 variants (0.0707 with binomial noise
        // of sqrt(0.11 x 0.89 / 1000) = 0.0099 in quadrature: 0.0714), plus the draws' own binomial noise: 0.0721
        double mean = 0;
        double ss = 0;
        for (int c : drawn[1]) {
            mean += c / (double) VARIANTS;
        }
        mean /= GENOMES;
        for (int c : drawn[1]) {
            double d = c / (double) VARIANTS - mean;
            ss += d * d;
        }
        assertThat(mean).isCloseTo(0.11, offset(0.003));
        assertThat(Math.sqrt(ss / (GENOMES - 1))).isCloseTo(0.0721, offset(0.004));
    }

    @Test
    void sameKeysSameCallsAndNoneWithoutMissingCalls() {
        MissingCalls calls = MissingCalls.of(training(), 7);
        long[] a = new long[RowBuilder.CHUNK_WORDS];
        long[] b = new long[RowBuilder.CHUNK_WORDS];
        calls.apply(a, 0, new long[RowBuilder.CHUNK_WORDS], 0, VARIANTS, 11, 2, 0);
        calls.apply(b, 0, new long[RowBuilder.CHUNK_WORDS], 0, VARIANTS, 11, 2, 0);
        assertThat(b).isEqualTo(a);
        long[] c = new long[RowBuilder.CHUNK_WORDS];
        calls.apply(c, 0, new long[RowBuilder.CHUNK_WORDS], 0, VARIANTS, 11, 3, 0);
        assertThat(c).isNotEqualTo(a);
        assertThat(MissingCalls.of(RandomGenotypes.unrelated(50, 100, 0, 1), 7)).isNull();
    }
}
