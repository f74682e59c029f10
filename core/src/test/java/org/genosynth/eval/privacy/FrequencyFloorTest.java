package org.genosynth.eval.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;

/**
 * The floor's genomes: each variant's genotype drawn from the training genotype counts (not from allele frequencies
 * under Hardy–Weinberg, so inbred coding keeps its missing heterozygotes), every call missing where no call was
 * observed, the same genomes for the same seed.
 */
class FrequencyFloorTest {
    /** Three variants of 100 samples: 50/20/30 genotypes (a deficit of heterozygotes), all hom-alt, all missing. */
    private static GenotypeMatrix train() {
        int n = 100;
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[3 * wpv];
        for (int s = 0; s < n; s++) {
            GenotypeCodes.set(words, 0, s, s < 50 ? 0 : s < 70 ? 1 : 2);
            GenotypeCodes.set(words, wpv, s, 2);
            GenotypeCodes.set(words, 2 * wpv, s, GenotypeCodes.MISSING);
        }
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            samples.add(Sample.of("t" + s));
        }
        List<Variant> variants = List.of(new Variant("1", 1, "a", "A", "G", 0), new Variant("1", 2, "b", "A", "G", 0),
                new Variant("1", 3, "c", "A", "G", 0));
        return new GenotypeMatrix(SampleSheet.of(samples), variants, words, null);
    }

    @Test
    void genotypesFollowTheTrainingCountsAndNothingElse() {
        int count = 2000;
        GenotypeMatrix floor = FrequencyFloor.draw(train(), count, 7);
        int[] first = GenotypeCodes.counts(floor.words(), floor.offset(0), count);
        // binomial SDs at n = 2,000: 0.011 for 0.5, 0.009 for 0.2 and 0.010 for 0.3; allowed 4 SD
        assertThat(first[0] / (double) count).isCloseTo(0.5, within(0.045));
        assertThat(first[1] / (double) count).isCloseTo(0.2, within(0.036));
        assertThat(first[2] / (double) count).isCloseTo(0.3, within(0.041));
        assertThat(first[3]).isZero();
        assertThat(GenotypeCodes.counts(floor.words(), floor.offset(1), count)[2]).isEqualTo(count);
        assertThat(GenotypeCodes.counts(floor.words(), floor.offset(2), count)[3]).isEqualTo(count);
        assertThat(floor.variants()).isEqualTo(train().variants());
        assertThat(floor.samples().samples()).noneMatch(s -> s.id().startsWith("t"));
    }

    @Test
    void theSameSeedDrawsTheSameGenomes() {
        assertThat(FrequencyFloor.draw(train(), 500, 7).words()).isEqualTo(FrequencyFloor.draw(train(), 500, 7).words());
        assertThat(FrequencyFloor.draw(train(), 500, 7).words()).isNotEqualTo(
                FrequencyFloor.draw(train(), 500, 8).words());
    }
}
