package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;

/**
 * Sites without a heterozygote are phased whenever some site of the input is: phased300.vcf.gz with its 0|0 calls
 * rewritten 0/0 has 4,973 sites (AC=0) where every call is 0/0, which made the whole cohort unphased and synth fall
 * back to genotype mosaics (0.05 cM instead of 0.2 cM haplotype mosaics); now it gives the same bytes as the file
 * itself.
 */
class PhaseCompletionTest {
    private static GenotypeMatrix matrix(int[][] codes) {
        int n = codes[0].length;
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[codes.length * wpv];
        List<Variant> variants = new ArrayList<>();
        for (int v = 0; v < codes.length; v++) {
            variants.add(new Variant("20", 100 + v, "v" + v, "A", "G", Double.NaN));
            for (int s = 0; s < n; s++) {
                GenotypeCodes.set(words, v * wpv, s, codes[v][s]);
            }
        }
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            samples.add(Sample.of("s" + s));
        }
        return new GenotypeMatrix(SampleSheet.of(samples), variants, words, null);
    }

    @Test
    void homozygousSitesJoinAPhasedInputButNotAnUnphasedOne() {
        // v0 phased het; v1 only homozygotes (and a missing call); v2 an unphased het; v3 all 0
        GenotypeMatrix g = matrix(new int[][] {{1, 0, 2}, {0, 2, GenotypeCodes.MISSING}, {1, 1, 0}, {0, 0, 0}});
        List<long[]> phase = new ArrayList<>(Arrays.asList(new long[] {0b01L}, null, null, null));
        Synthesizer.phaseSitesWithoutHeterozygotes(g, phase);
        assertThat(phase.get(0)).containsExactly(0b01L);
        assertThat(phase.get(1)).containsExactly(0L);
        assertThat(phase.get(2)).isNull();   // still unphased: the input stays genotype-level (and says so)
        assertThat(phase.get(3)).containsExactly(0L);

        List<long[]> none = new ArrayList<>(Arrays.asList(null, null, null, null));
        Synthesizer.phaseSitesWithoutHeterozygotes(g, none);
        assertThat(none).containsOnlyNulls();   // an all-'/' file (inbred lines) stays unphased
    }
}
