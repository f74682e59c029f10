package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Sex;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;

/** synth says when chromosome X is synthesized as an autosome for a cohort with males (docs/synth.md). */
class ChromosomeXNoteTest {

    private static GenotypeMatrix cohort(List<String> chroms, Sex... sexes) {
        List<Sample> samples = new java.util.ArrayList<>();
        for (int s = 0; s < sexes.length; s++) {
            samples.add(new Sample("f" + s, "s" + s, Sample.UNKNOWN_ID, Sample.UNKNOWN_ID, sexes[s], null));
        }
        List<Variant> variants = new java.util.ArrayList<>();
        for (int v = 0; v < chroms.size(); v++) {
            variants.add(new Variant(chroms.get(v), 1000L * (v + 1), "v" + v, "A", "G", Double.NaN));
        }
        long[] words = new long[chroms.size() * GenotypeCodes.wordsPerVariant(sexes.length)];
        return new GenotypeMatrix(SampleSheet.of(samples), variants, words, null);
    }

    @Test
    void namesTheXVariantsAndTheMales() {
        String note = Synthesizer.chromosomeXNote(cohort(List.of("1", "X", "chrX", "23", "XY"), Sex.MALE, Sex.FEMALE,
                Sex.MALE));
        assertThat(note).startsWith("chromosome X (3 variants) was synthesized as an autosome")
                .contains("the input has 2 males").contains("leave X out");
    }

    @Test
    void saysNothingWithoutXOrWithoutMales() {
        assertThat(Synthesizer.chromosomeXNote(cohort(List.of("1", "2", "XY"), Sex.MALE, Sex.FEMALE))).isNull();
        assertThat(Synthesizer.chromosomeXNote(cohort(List.of("1", "X"), Sex.FEMALE, Sex.UNKNOWN))).isNull();
    }
}
