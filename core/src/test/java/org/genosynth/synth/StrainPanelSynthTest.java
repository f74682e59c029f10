package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.genosynth.eval.fidelity.LdDecay;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.ReadOptions;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.StrainPanel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code synth} defaults on a simulated two-founder recombinant-inbred panel (140 strains, 4 chromosomes of 100 cM,
 * founder blocks of 25 cM on average): every strain already shares long founder blocks with the others, so a mosaic of
 * long segments from the whole population is measured private, and it keeps the panel's LD where the human-scale
 * lengths (1 cM and less, the longest tried before) cut the blocks into pieces (mean r² 0.65 against 0.97 real between
 * markers 0.1-0.25 cM apart, measured with bench/ri_panel.py).
 */
class StrainPanelSynthTest {
    @TempDir
    Path dir;

    @Test
    void theDefaultsCopyLongSegmentsFromThePopulationAndKeepTheFounderBlocks() throws IOException {
        StrainPanel panel = new StrainPanel(4, 100, 0.5);
        Path train = panel.writeBimbam(dir, "train", panel.strains(140, new SplittableRandom(5)));
        SynthResult r = Synthesizer.run(new SynthRequest(train, null, null, null, null, 0, 0, null,
                SynthRequest.Method.AUTO, 1, dir.resolve("syn").toString(), GenotypeFormat.BED, null, null, 0, 2));
        @SuppressWarnings("unchecked")
        Map<String, Object> choice = (Map<String, Object>) r.manifest().get("method_choice");
        assertThat(choice.get("chosen")).isEqualTo("mosaic, population pools");
        // the longest length measured private: with 50 and 20 cM first, not 1 cM
        assertThat(r.segmentCm()).isGreaterThanOrEqualTo(20);
        GenotypeMatrix real = GenotypeLoader.load(train, ReadOptions.defaults(), null);
        GenotypeMatrix syn = GenotypeLoader.load(dir.resolve("syn.bed"), ReadOptions.defaults(), null);
        double[] realR2 = LdDecay.compute(real, 2).meanR2();
        double[] synR2 = LdDecay.compute(syn, 2).meanR2();
        // bins of 0.5-1 and 2-3 cM (the first three, below 0.5 cM, hold no pair at a 0.5 cM spacing)
        for (int bin : List.of(3, 5)) {
            assertThat(realR2[bin]).as("real r2, bin %d", bin).isNotNaN().isGreaterThan(0.6);
            assertThat(synR2[bin]).as("synthetic r2, bin %d", bin).isGreaterThan(realR2[bin] - 0.1);
        }
        // and the kinship check holds by identity by state, the panel being coded 0/1
        assertThat(r.manifest().get("kinship_check").toString()).contains("identity-by-state");
    }

    @Test
    void theHmmDrawsStrainsCodedAsTheInputIs() throws IOException {
        // one haplotype per synthetic strain, coded 0/1 as the panel: before, the diploid HMM drew genotypes 0/1/2
        // (29 % of the codes 2 on such a panel, heterozygosity KS 0.84 and HWE F difference 0.35 in evaluate)
        StrainPanel panel = new StrainPanel(4, 100, 0.5);
        Path train = panel.writeBimbam(dir, "train", panel.strains(140, new SplittableRandom(5)));
        Synthesizer.run(new SynthRequest(train, null, null, null, null, 0, 0, null, SynthRequest.Method.HMM, 1,
                dir.resolve("hmm").toString(), GenotypeFormat.BED, null, null, 0, 2));
        GenotypeMatrix real = GenotypeLoader.load(train, ReadOptions.defaults(), null);
        GenotypeMatrix syn = GenotypeLoader.load(dir.resolve("hmm.bed"), ReadOptions.defaults(), null);
        assertThat(org.genosynth.eval.Coding.of(syn).label()).isEqualTo(org.genosynth.eval.Coding.HAPLOID_LIKE);
        double diff = 0;
        for (int v = 0; v < real.variantCount(); v++) {
            diff += Math.abs(ones(real, v) - ones(syn, v));
        }
        // the share of strains carrying founder 1 per marker: 0.5 +- 0.042 by sampling alone at 140 strains
        assertThat(diff / real.variantCount()).isLessThan(0.06);
    }

    /** The share of called strains with code 1 at variant {@code v}; fails on a code 2. */
    private static double ones(GenotypeMatrix m, int v) {
        int ones = 0;
        int called = 0;
        for (int s = 0; s < m.sampleCount(); s++) {
            int c = m.code(v, s);
            assertThat(c).as("code of a 0/1 strain").isNotEqualTo(org.genosynth.model.GenotypeCodes.HOM_ALT);
            if (c != org.genosynth.model.GenotypeCodes.MISSING) {
                called++;
                ones += c == org.genosynth.model.GenotypeCodes.HET ? 1 : 0;
            }
        }
        return (double) ones / called;
    }
}
