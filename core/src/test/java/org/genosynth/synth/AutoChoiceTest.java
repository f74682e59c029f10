package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;

/**
 * {@code --method auto}'s ladder. The population-pool choice on unrelated humans is asserted end to end in the cli's
 * HumanCohortSynthTest (human_1kg_chr20); here, the privacy rule and the fallback to the HMM.
 */
class AutoChoiceTest {


    /**
     * {@code n} unphased genomes of {@code m} variants whose haplotypes are mosaics of {@code founders} founder
     * haplotypes (a switch after each variant with probability {@code switchRate}, 0.05 % of alleles mutated): unrelated
     * genomes with LD, {@code cmPerVariant} apart on the map.
     */
    private static GenotypeMatrix withLd(int n, int m, int founders, double switchRate, double cmPerVariant,
            long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean[][] founder = new boolean[founders][m];
        for (int v = 0; v < m; v++) {
            double p = 0.1 + 0.8 * r.nextDouble();
            for (int f = 0; f < founders; f++) {
                founder[f][v] = r.nextDouble() < p;
            }
        }
        List<Sample> samples = new ArrayList<>();
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[m * wpv];
        for (int s = 0; s < n; s++) {
            samples.add(Sample.of("u" + s));
            int[] copying = {r.nextInt(founders), r.nextInt(founders)};
            for (int v = 0; v < m; v++) {
                int g = 0;
                for (int h = 0; h < 2; h++) {
                    if (r.nextDouble() < switchRate) {
                        copying[h] = r.nextInt(founders);
                    }
                    g += founder[copying[h]][v] ^ r.nextDouble() < 0.0005 ? 1 : 0;
                }
                GenotypeCodes.set(words, v * wpv, s, g);
            }
        }
        List<Variant> variants = new ArrayList<>();
        for (int v = 0; v < m; v++) {
            variants.add(new Variant("1", 100L * (v + 1), "v" + v, "A", "G", v * cmPerVariant));
        }
        return new GenotypeMatrix(SampleSheet.of(samples), variants, words, null);
    }

    private static AutoChoice.Choice choose(GenotypeMatrix g, List<String> messages) {
        return choose(g, messages, null);
    }

    /** With {@code statisticalPhase} standing in for the statistical phasing of unphased input. */
    private static AutoChoice.Choice choose(GenotypeMatrix g, List<String> messages,
            java.util.function.Supplier<List<long[]>> statisticalPhase) {
        return choose(g, null, messages, statisticalPhase);
    }

    /** With each sample's population ({@code populationOf}; null: one population). */
    private static AutoChoice.Choice choose(GenotypeMatrix g, int[] populationOf, List<String> messages,
            java.util.function.Supplier<List<long[]>> statisticalPhase) {
        org.genosynth.exec.ProgressListener progress = new org.genosynth.exec.ProgressListener() {
            @Override
            public void start(String task, long total) {
            }

            @Override
            public void update(long done) {
            }

            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        try (ExecutionContext context = ExecutionContext.local(2)) {
            return AutoChoice.choose(g, null, populationOf, GeneticMap.of(g.variants(), 1.0), 0,
                    SynthRequest.Mosaic.defaults(),
                    LocalPools.coordinates(g, 1), null, false, 1, statisticalPhase, 1, context.backend(), progress);
        }
    }

    @Test
    void aCandidateIsPrivateWithinBothBounds() {
        InnerSplit.Measured m = new InnerSplit.Measured(0.58, 0.30, 0.04, 0.5);
        // local pools: the bound already holds the slack (0.6 + 2 SE), no margin
        assertThat(new AutoChoice.Candidate("mosaic, local pools", 2, m, 0.6 + 2 * 0.04, 0.55, false).isPrivate())
                .isTrue();
        // population pools: 0.55 + (floor - 0.5), with the AUC's SE as a margin
        assertThat(new AutoChoice.Candidate("mosaic, population pools", 0.2, m, 0.55, 0.55, true).isPrivate())
                .isFalse();
        assertThat(new AutoChoice.Candidate("mosaic, population pools", 0.2, m, 0.55 + 0.04, 0.55, true).isPrivate())
                .isFalse();
        assertThat(new AutoChoice.Candidate("mosaic, population pools", 0.2, m, 0.55 + 0.07, 0.55, true).isPrivate())
                .isTrue();
        assertThat(new AutoChoice.Candidate("mosaic, population pools", 0.1,
                new InnerSplit.Measured(0.50, 0.56, 0.04, 0.5), 0.55, 0.55, true).isPrivate()).as("DCR share")
                .isFalse();
        // the shared-segment attack is measured beside: 0.52 + 1 SE is over 0.55 with population pools' margin
        assertThat(new AutoChoice.Candidate("mosaic, population pools", 0.1,
                new InnerSplit.Measured(0.50, 0.30, 0.04, 0.52), 0.55, 0.55, true).segmentPrivate()).isFalse();
        assertThat(new AutoChoice.Candidate("mosaic, population pools", 0.1,
                new InnerSplit.Measured(0.50, 0.30, 0.04, 0.50), 0.55, 0.55, true).segmentPrivate()).isTrue();
        assertThat(new AutoChoice.Candidate("mosaic, local pools", 2,
                new InnerSplit.Measured(0.50, 0.30, 0.04, 0.54), 0.68, 0.55, false).segmentPrivate()).isTrue();
        // population pools' segment bound is raised by the frequency floor's segment AUC
        assertThat(new AutoChoice.Candidate("mosaic, population pools", 0.1,
                new InnerSplit.Measured(0.50, 0.30, 0.04, 0.52), 0.55, 0.55 + 0.02, true).segmentPrivate()).isTrue();
        // with a deciding bound (population pools of diploid genomes: evaluate's warn line plus the floor's excess),
        // the shared-segment AUC decides too, without a margin: human_1kg_chr20's 0.2 cM haplotype mosaic measured
        // 0.651 and its 0.1 cM one 0.595 against 0.619
        InnerSplit.Measured wholeGenomePrivate = new InnerSplit.Measured(0.51, 0.23, 0.02, 0.651);
        assertThat(new AutoChoice.Candidate("mosaic, population pools", 0.2, wholeGenomePrivate, 0.557, 0.569, true)
                .isPrivate()).as("not deciding").isTrue();
        assertThat(new AutoChoice.Candidate("mosaic, population pools", 0.2, wholeGenomePrivate, 0.557, 0.569, true,
                0.619).isPrivate()).as("0.651 > 0.619").isFalse();
        assertThat(new AutoChoice.Candidate("mosaic, population pools", 0.1,
                new InnerSplit.Measured(0.51, 0.23, 0.02, 0.595), 0.557, 0.569, true, 0.619).isPrivate()).isTrue();
        assertThat(new AutoChoice.Candidate("mosaic, population pools", 0.1,
                new InnerSplit.Measured(0.51, 0.23, 0.02, 0.595), 0.557, 0.569, true, Double.NaN).isPrivate())
                .as("NaN: not deciding (inbred lines)").isTrue();
        // a candidate whose kinship check could not be met
        assertThat(new AutoChoice.Candidate("mosaic, population pools", 0.1,
                new InnerSplit.Measured(Double.NaN, Double.NaN, Double.NaN, Double.NaN), 0.55, 0.55, true).isPrivate())
                .isFalse();
    }

    @Test
    void whereEveryMosaicCopiesItsDonorsTheHmmIsChosen() {
        // 0.02 cM in all: even the shortest population-pool segments (0.02 cM) copy a genome from one or two donors
        List<String> messages = new ArrayList<>();
        AutoChoice.Choice c = choose(TestCohorts.unrelated(120, 400, 0.00005, 3), messages);
        assertThat(c.method()).isEqualTo(SynthRequest.Method.HMM);
        assertThat(c.measured()).noneMatch(AutoChoice.Candidate::isPrivate);
        // the shortest length was screened first and was clearly leaky on one inner split: the grid was not walked
        assertThat(c.measured()).hasSize(2);
        AutoChoice.Candidate shortest = c.measured().get(1);
        assertThat(shortest.segmentCm()).isEqualTo(AutoChoice.POPULATION_GRID[AutoChoice.POPULATION_GRID.length - 1]);
        assertThat(shortest.privacy().dcrShareCloser()).isGreaterThan(AutoChoice.DCR_BOUND + 0.1);
        // its DCR share alone decided: the frequency floor was not measured, nor the bounds counted from it
        assertThat(c.floor()).isNull();
        assertThat(shortest.miaBound()).isNaN();
        assertThat(AutoChoice.describe(c).toString()).contains("not measured: the DCR share decided");
        // a terminal's progress line says what is being measured
        assertThat(messages).containsExactly(
                "auto: the local-pool mosaic's segment length, fitted and measured on an inner split",
                "auto: population pools, 0.02 cM, inner split 1 of 4");
    }

    @Test
    void genotypeMosaicsThatPassTheWholeGenomeAttacksAreStillHeldToTheSharedSegmentAttack() {
        // unrelated genomes with LD, unphased and not phased (no statistical phasing given): population pools are
        // measured as genotype mosaics. Their 0.02 cM mosaic passes the whole-genome attacks but is identical to its
        // donors over every copied segment, which the shared-segment attack finds. Until session 26 unphased input
        // above 2e7 genotypes was measured so, and the attack did not decide there: such a mosaic was kept (an
        // array-density cohort of 352 x 75,856: identical-run AUC 1.000 in evaluate)
        List<String> messages = new ArrayList<>();
        AutoChoice.Choice c = choose(withLd(200, 3000, 16, 0.02, 0.001, 5), messages);
        assertThat(c.poolsMeasuredAs()).isEqualTo("genotype mosaics (unphased input)");
        AutoChoice.Candidate shortest = c.measured().get(c.measured().size() - 1);
        assertThat(shortest.segmentCm()).isEqualTo(0.02);
        // private by the whole-genome attacks (measured: DCR share 0.35, AUC 0.63 + 0.05 against 0.71) ...
        assertThat(shortest.privacy().dcrShareCloser()).isLessThan(AutoChoice.DCR_BOUND);
        assertThat(shortest.privacy().miaAuc() + shortest.privacy().miaNullSe()).isLessThan(shortest.miaBound());
        // ... found by the shared-segment attack (measured 0.998 against 0.677), clearly: the grid is not walked
        assertThat(shortest.privacy().segmentAuc()).isGreaterThan(0.9);
        assertThat(shortest.segmentDecidingBound()).isBetween(0.6, 0.75);
        assertThat(shortest.isPrivate()).isFalse();
        assertThat(c.measured()).hasSize(2);
        assertThat(c.method()).isEqualTo(SynthRequest.Method.HMM);
    }

    @Test
    void unphasedInputIsPhasedOnlyWhereTheShortestGenotypeMosaicIsNotClearlyLeaky() {
        // independent sites: the 0.02 cM genotype mosaic's DCR share is clearly over the bound, so the phasing (minutes
        // on a genome-wide cohort) is not run and the HMM is used
        int[] phasings = {0};
        java.util.function.Supplier<List<long[]>> phasing = () -> {
            phasings[0]++;
            return null; // as beyond what auto phases: population pools measured as genotype mosaics
        };
        List<String> messages = new ArrayList<>();
        AutoChoice.Choice c = choose(TestCohorts.unrelated(120, 400, 0.00005, 3), messages, phasing);
        assertThat(phasings[0]).isZero();
        assertThat(c.method()).isEqualTo(SynthRequest.Method.HMM);
        assertThat(c.poolsMeasuredAs()).isEqualTo("genotype mosaics (unphased input, not phased: the DCR share decided)");
        assertThat(c.measured().get(1).privacy().dcrShareCloser()).isGreaterThan(AutoChoice.DCR_BOUND + 0.1);
        assertThat(messages).contains("auto: population pools, 0.02 cM, as genotype mosaics before phasing, inner "
                + "split 1 of 4");
        // unrelated genomes with LD, whose 0.02 cM genotype mosaic passes the DCR share (0.35): phased
        AutoChoice.Choice withLd = choose(withLd(200, 3000, 16, 0.02, 0.001, 5), new ArrayList<>(), phasing);
        assertThat(phasings[0]).isEqualTo(1);
        assertThat(withLd.method()).isEqualTo(SynthRequest.Method.HMM); // its segments are found (test above)
        // the phasing declined (a cohort beyond what auto phases): measured as genotype mosaics, and synth says so
        assertThat(withLd.poolsMeasuredAs()).isEqualTo(AutoChoice.UNPHASED_BEYOND_PHASING);
        assertThat(withLd.phasingNote()).startsWith("population pools were measured as genotype mosaics: the cohort "
                + "holds more genotypes than auto phases (1,000,000,000)");
        assertThat(c.phasingNote()).isNull();
        // up to 1e9 genotypes: 2,000 x 500,000 is phased (minutes), 2,001 x 500,000 is not
        assertThat(AutoChoice.phases(2_000, 500_000)).isTrue();
        assertThat(AutoChoice.phases(2_001, 500_000)).isFalse();
    }

    @Test
    void aLengthIsClearlyLeakyOnOneSplitOnlyFarOverItsBounds() {
        // DCR share: over 0.55 + 0.1
        assertThat(AutoChoice.clearlyLeaky(new InnerSplit.Measured(0.50, 0.66, 0.04, 0.5), 0.55, Double.NaN)).isTrue();
        assertThat(AutoChoice.clearlyLeaky(new InnerSplit.Measured(0.50, 0.64, 0.04, 0.5), 0.55, Double.NaN)).isFalse();
        // membership AUC: more than 3 chance SEs over its bound
        assertThat(AutoChoice.clearlyLeaky(new InnerSplit.Measured(0.68, 0.30, 0.04, 0.5), 0.55, Double.NaN)).isTrue();
        assertThat(AutoChoice.clearlyLeaky(new InnerSplit.Measured(0.66, 0.30, 0.04, 0.5), 0.55, Double.NaN)).isFalse();
        // the shared-segment AUC only where it decides
        assertThat(AutoChoice.clearlyLeaky(new InnerSplit.Measured(0.50, 0.30, 0.04, 0.95), 0.55, Double.NaN))
                .isFalse();
        assertThat(AutoChoice.clearlyLeaky(new InnerSplit.Measured(0.50, 0.30, 0.04, 0.95), 0.55, 0.62)).isTrue();
        assertThat(AutoChoice.clearlyLeaky(new InnerSplit.Measured(0.50, 0.30, 0.04, 0.70), 0.55, 0.62)).isFalse();
        // the kinship check not met
        assertThat(AutoChoice.clearlyLeaky(new InnerSplit.Measured(Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                0.55, Double.NaN)).isTrue();
    }

    @Test
    void populationPoolsThatBlendTheCohortsAncestriesSaySo() {
        // five ancestries (FST 0.2), independent sites: the local-pool mosaic copies its few donors (leaky), population
        // pools are private and draw every genome from every ancestry, so their genomes gather at the centre of the
        // PCA, between the clusters, where no real genome is
        AutoChoice.Choice five = choose(TestCohorts.populations(300, 5, 2000, 0.2, 0.05, 7), new ArrayList<>());
        assertThat(five.donorPool()).isEqualTo(SynthRequest.DonorPool.POPULATION);
        // measured: KS 0.597 against the inner holdout's own 0.162 (90 genomes), PC1 spread 0.11 of the holdout's;
        // the local-pool mosaic's membership AUC 0.950
        assertThat(five.structure().ks()).isGreaterThan(AutoChoice.STRUCTURE_KS_NOTE);
        assertThat(five.structure().holdoutKs()).isLessThan(0.2);
        assertThat(five.structure().pc1SdRatio()).isLessThan(0.3);
        assertThat(five.structureNote()).startsWith("the chosen population pools draw every genome from donors "
                + "across the cohort's ancestries").contains(String.format(java.util.Locale.ROOT, "membership AUC %.3f",
                five.measured().get(0).privacy().miaAuc()));
        assertThat(AutoChoice.describe(five).toString()).contains("inner_pca_ks_distance");
        // one ancestry, population pools private (more genomes, fewer sites: each genome's share of the frequencies
        // is smaller): nothing to blend, no note (measured: KS 0.102 against the inner holdout's own 0.193, PC1
        // spread 0.94 of the holdout's)
        AutoChoice.Choice one = choose(TestCohorts.populations(600, 1, 500, 0, 0.05, 7), new ArrayList<>());
        assertThat(one.donorPool()).isEqualTo(SynthRequest.DonorPool.POPULATION);
        assertThat(one.structure().ks()).isLessThan(AutoChoice.STRUCTURE_KS_NOTE);
        assertThat(one.structureNote()).isNull();
    }

    @Test
    void theSharedSegmentAttackDecidesOnDiploidGenomesOnly() {
        // strains and inbred lines share long founder segments with unseen lines: reported, never deciding
        assertThat(AutoChoice.segmentDecides(true)).isFalse();
        assertThat(AutoChoice.segmentDecides(false)).isTrue();
    }
}
