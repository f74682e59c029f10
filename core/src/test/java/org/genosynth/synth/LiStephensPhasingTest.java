package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.genosynth.exec.LocalBackend;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.SharedData;
import org.genosynth.model.GenotypeMatrix;
import org.junit.jupiter.api.Test;

/**
 * {@code synth --statistical-phasing}: {@link ClusterFit#phaseAll} (the cluster model's draw) and
 * {@link LiStephensPhasing} on the 300 phased 1000 Genomes people of human_1kg_chr20, their phase hidden, against the
 * phase the file holds (statistically phased by the 1000 Genomes project with family and population data), on the
 * region's first 2,500 variants (about 0.3 Mb). Switch error rate: between consecutive heterozygous calls of a genome,
 * how often the estimated phase relative to the file's flips (a random phase flips half the time). Measured there:
 * 0.078 after the draw, 0.023 after refinement (at MAF >= 0.05: 0.064 and 0.012; 0.038 and 0.021 with the pair rounds
 * alone); on the whole region (24,990 variants, 736,633 pairs, {@code -Dlsp.variants=24990}): 0.077 and 0.028 (0.060
 * and 0.018; the pair rounds alone 0.044 and 0.029).
 */
class LiStephensPhasingTest {

    @Test
    void theDrawIsRefinedToHalfItsSwitchErrorRateTheSameAtAnyThreadCount() {
        List<long[]> all = new ArrayList<>();
        GenotypeMatrix whole = GenotypeLoader.load(SharedData.path("human_1kg_chr20/phased300.vcf.gz"),
                ReadOptions.defaults(), null, all);
        int m = Integer.getInteger("lsp.variants", 2_500);
        GenotypeMatrix g = new GenotypeMatrix(whole.samples(), whole.variants().subList(0, m),
                java.util.Arrays.copyOf(whole.words(), whole.offset(m)), null);
        List<long[]> truth = all.subList(0, m);
        DonorPanel panel = DonorPanel.of(g);
        GeneticMap map = GeneticMap.of(g.variants(), 1.0);
        List<long[]> drawn = ClusterFit.phaseAll(panel, map, new boolean[m], ClusterFit.DIPLOID_CLUSTERS, 10, 1,
                new LocalBackend(2));
        LiStephensPhasing.Refined result = LiStephensPhasing.refine(panel, map, drawn, new LocalBackend(2));
        List<long[]> refined = result.phase();
        // 300 genomes visiting a few hundred sites each: the full setting
        assertThat(result.conditioning()).isEqualTo(LiStephensPhasing.CONDITIONING);
        assertThat(result.rounds()).isEqualTo(LiStephensPhasing.ROUNDS);
        assertThat(result.haploidConditioning()).isEqualTo(LiStephensPhasing.HAPLOID_CONDITIONING);
        assertThat(result.haploidRounds()).isEqualTo(LiStephensPhasing.HAPLOID_ROUNDS);
        // both stages give the same bytes on one thread (checked on the first 600 variants, to keep the test short)
        int few = 600;
        GenotypeMatrix head = new GenotypeMatrix(g.samples(), g.variants().subList(0, few),
                java.util.Arrays.copyOf(g.words(), g.offset(few)), null);
        DonorPanel headPanel = DonorPanel.of(head);
        GeneticMap headMap = GeneticMap.of(head.variants(), 1.0);
        List<long[]> headDrawn = ClusterFit.phaseAll(headPanel, headMap, new boolean[few],
                ClusterFit.DIPLOID_CLUSTERS, 10, 1, new LocalBackend(2));
        List<long[]> headDrawnOne = ClusterFit.phaseAll(headPanel, headMap, new boolean[few],
                ClusterFit.DIPLOID_CLUSTERS, 10, 1, new LocalBackend(1));
        List<long[]> headRefined = LiStephensPhasing.refine(headPanel, headMap, headDrawn, new LocalBackend(2))
                .phase();
        List<long[]> headRefinedOne = LiStephensPhasing.refine(headPanel, headMap, headDrawn, new LocalBackend(1))
                .phase();
        for (int v = 0; v < few; v++) {
            assertThat(headDrawnOne.get(v)).as("drawn, variant %d", v).isEqualTo(headDrawn.get(v));
            assertThat(headRefinedOne.get(v)).as("refined, variant %d", v).isEqualTo(headRefined.get(v));
        }
        boolean[] common = new boolean[m];
        boolean[] every = new boolean[m];
        for (int v = 0; v < m; v++) {
            double alt = 0;
            for (int s = 0; s < panel.donorCount(); s++) {
                alt += panel.code(s, v) == 3 ? 0 : panel.code(s, v);
            }
            double f = alt / (2.0 * panel.donorCount());
            common[v] = Math.min(f, 1 - f) >= 0.05;
            every[v] = true;
        }
        double before = switchRate(panel, truth, drawn, every);
        double after = switchRate(panel, truth, refined, every);
        double commonBefore = switchRate(panel, truth, drawn, common);
        double commonAfter = switchRate(panel, truth, refined, common);
        System.out.printf("switch error rate %.4f -> %.4f; at MAF >= 0.05 %.4f -> %.4f%n", before, after,
                commonBefore, commonAfter);
        // measured 0.078 -> 0.023 and 0.064 -> 0.012 (the pair rounds alone: 0.038 and 0.021)
        assertThat(before).as("switch error rate of the draw").isLessThan(0.1);
        assertThat(after).as("switch error rate after refinement").isLessThan(0.027).isLessThan(0.4 * before);
        assertThat(commonAfter).as("at MAF >= 0.05").isLessThan(0.015);
        // homozygous and missing calls keep their genotype: the refined phase bits are only at heterozygous calls
        for (int v = 0; v < m; v++) {
            for (int s = 0; s < panel.donorCount(); s++) {
                if (panel.code(s, v) != 1) {
                    assertThat(refined.get(v)[s >>> 6] >>> (s & 63) & 1L).isZero();
                }
            }
        }
    }

    @Test
    void aCohortTooSmallToCopyFromKeepsItsPhase() {
        List<long[]> all = new ArrayList<>();
        GenotypeMatrix whole = GenotypeLoader.load(SharedData.path("human_1kg_chr20/phased300.vcf.gz"),
                ReadOptions.defaults(), null, all);
        int[] rows = {0, 1, 2, 3, 4};
        GenotypeMatrix g = InnerSplit.subset(whole, rows);
        List<long[]> phase = InnerSplit.selectPhase(all, rows);
        DonorPanel panel = DonorPanel.of(g);
        LiStephensPhasing.Refined r = LiStephensPhasing.refine(panel, GeneticMap.of(g.variants(), 1.0), phase,
                new LocalBackend(1));
        assertThat(r.phase()).isSameAs(phase);
        assertThat(r.conditioning()).isZero();
    }

    @Test
    void theSettingShrinksToTheWorkBudget() {
        // human_1kg_chr20's 352 training genomes, 10,500 sites each: the full setting (3.6e10 state visits)
        assertThat(LiStephensPhasing.settings(352, 10_500)).containsExactly(32, 5, 256, 3);
        // all of its 503 genomes: the next step
        assertThat(LiStephensPhasing.settings(503, 10_500)).containsExactly(24, 4, 128, 2);
        // the 1,358 training mice, 11,300 sites each
        assertThat(LiStephensPhasing.settings(1_358, 11_300)).containsExactly(16, 3, 64, 2);
        // 20,000 such genomes: the smallest
        assertThat(LiStephensPhasing.settings(20_000, 10_000)).containsExactly(8, 2, 32, 1);
        // beyond every step: the smallest
        assertThat(LiStephensPhasing.settings(1_000_000, 1_000_000)).containsExactly(8, 2, 32, 1);
    }

    static double switchRate(DonorPanel panel, List<long[]> truth, List<long[]> phase, boolean[] use) {
        long pairs = 0;
        long switches = 0;
        for (int s = 0; s < panel.donorCount(); s++) {
            int previous = -1;
            for (int v = 0; v < panel.variantCount(); v++) {
                if (panel.code(s, v) != 1 || !use[v]) {
                    continue;
                }
                int agree = bit(truth.get(v), s) == bit(phase.get(v), s) ? 1 : 0;
                if (previous >= 0) {
                    pairs++;
                    switches += agree != previous ? 1 : 0;
                }
                previous = agree;
            }
        }
        return (double) switches / pairs;
    }

    private static int bit(long[] bits, int s) {
        return (int) (bits[s >>> 6] >>> (s & 63) & 1L);
    }
}
