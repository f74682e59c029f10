package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;

/**
 * The number of populations the HMM infers ({@link Populations#inferCount}): none in random genotypes, and the planted
 * number in a cohort of distinct populations. (On plink2 --dummy genotypes, 2,000 x 20,000, the Tracy–Widom test alone
 * found 7 "significant" PCs; with the bulk margin, none. At 1,000 x 10,000 it still finds 2: docs/synth.md.)
 */
class PopulationCountTest {
    /** {@code groups} populations of {@code each} genomes; allele frequencies drawn per population around a base. */
    private static GenotypeMatrix cohort(int groups, int each, int variants, double spread, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = groups * each;
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[variants * wpv];
        List<Variant> vs = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            vs.add(new Variant("1", 1000L * (v + 1), "v" + v, "A", "C", Double.NaN));
            double base = 0.1 + 0.8 * r.nextDouble();
            for (int g = 0; g < groups; g++) {
                double p = Math.min(0.99, Math.max(0.01, base + spread * (r.nextDouble() - 0.5)));
                for (int i = 0; i < each; i++) {
                    // 1 % missing calls, as plink2 --dummy makes them
                    int code = r.nextDouble() < 0.01 ? GenotypeCodes.MISSING
                            : (r.nextDouble() < p ? 1 : 0) + (r.nextDouble() < p ? 1 : 0);
                    GenotypeCodes.set(words, v * wpv, g * each + i, code);
                }
            }
        }
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(Sample.of("s" + i));
        }
        return new GenotypeMatrix(SampleSheet.of(samples), vs, words, null);
    }

    @Test
    void randomGenotypesAreOnePopulation() {
        assertThat(Populations.inferCount(cohort(1, 400, 4000, 0, 1))).isEqualTo(1);
    }

    @Test
    void threeDistinctPopulationsAreFound() {
        // allele frequencies differing by up to +-0.15 between groups (F_ST of a few per cent)
        assertThat(Populations.inferCount(cohort(3, 150, 4000, 0.3, 2))).isEqualTo(3);
        Populations p = Populations.inferAuto(cohort(3, 150, 4000, 0.3, 2), 1);
        assertThat(p.sizes()).containsExactly(150, 150, 150);
    }
}
