package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.exec.LocalBackend;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;

/**
 * Synthetic families: a child's genotype is exactly one allele of each parent, switching parental haplotype only at
 * the crossovers; meiosis draws Haldane's number of crossovers; the relatedness spectrum of a cohort with planted
 * relatives is measured as planted, and a short region (where unrelated people reach kinship 0.25) makes nothing.
 */
class FamiliesTest {
    @Test
    void aChildCarriesOneHaplotypeOfEachParentSwitchingOnlyAtItsCrossovers() {
        int m = 3000;
        // four parental haplotype rows (0/1 codes) = two parents; the genotype panel only gives the shape
        GenotypeMatrix haps = KernelsTest.randomMatrix(4, m, 11);
        long[] words = haps.words().clone();
        int wpv = haps.wordsPerVariant();
        SplittableRandom r = new SplittableRandom(3);
        for (int v = 0; v < m; v++) {
            for (int s = 0; s < 4; s++) {
                GenotypeCodes.set(words, v * wpv, s, r.nextInt(2));
            }
        }
        GenotypeMatrix hapMatrix = new GenotypeMatrix(haps.samples(), haps.variants(), words, null);
        DonorPanel hapPanel = DonorPanel.of(hapMatrix);
        DonorPanel panel = DonorPanel.of(KernelsTest.randomMatrix(2, m, 12));
        RowBuilder builder = new RowBuilder(panel, hapPanel, SiteNoise.NONE, 5);
        GenomePath mother = new GenomePath(new int[] {0}, new int[] {0}, new GenomePath(new int[] {0}, new int[] {1}));
        GenomePath father = new GenomePath(new int[] {0}, new int[] {2}, new GenomePath(new int[] {0}, new int[] {3}));
        int[] fromMother = {0, 700, 1024, 1025, 2047, 2900};
        int[] fromFather = {1500};
        GenomePath child = GenomePath.inherited(new Families.Inheritance(
                new Families.Transmission(10, mother, fromMother, 1), new Families.Transmission(11, father, fromFather,
                0)));
        long[] row = builder.fullRow(child, 0, 0, 0);
        for (int v = 0; v < m; v++) {
            int maternal = 1 ^ (switchesUpTo(fromMother, v) & 1);
            int paternal = switchesUpTo(fromFather, v) & 1;
            int want = hapMatrix.code(v, maternal) + hapMatrix.code(v, 2 + paternal);
            int got = (int) ((row[v >>> 5] >>> ((v & 31) << 1)) & 3);
            assertThat(got).as("variant %d", v).isEqualTo(want);
        }
        // the written-out parent (both haplotypes as they are) is the mother's genotype
        long[] parent = builder.fullRow(GenomePath.inherited(new Families.Inheritance(
                new Families.Transmission(10, mother, new int[0], 0), new Families.Transmission(10, mother,
                new int[0], 1))), 1, 0, 0);
        for (int v = 0; v < m; v++) {
            assertThat((int) ((parent[v >>> 5] >>> ((v & 31) << 1)) & 3))
                    .isEqualTo(hapMatrix.code(v, 0) + hapMatrix.code(v, 1));
        }
    }

    private static int switchesUpTo(int[] crossovers, int v) {
        int k = 0;
        for (int x : crossovers) {
            k += x <= v ? 1 : 0;
        }
        return k;
    }

    @Test
    void meiosisDrawsHaldanesCrossoversAndAssortsChromosomesIndependently() {
        // two chromosomes of 150 cM each, 1,000 variants
        List<Variant> variants = new ArrayList<>();
        for (int v = 0; v < 2000; v++) {
            int c = v / 1000;
            variants.add(new Variant(String.valueOf(c + 1), 1000L * (v % 1000 + 1), "v" + v, "A", "G",
                    0.15 * (v % 1000)));
        }
        GeneticMap map = GeneticMap.of(variants, 1.0);
        SplittableRandom r = new SplittableRandom(8);
        double inside = 0;
        double starts = 0;
        int trials = 20000;
        for (int t = 0; t < trials; t++) {
            for (int x : Families.crossovers(map, r)) {
                if (x == 0 || x == 1000) {
                    starts++;
                } else {
                    inside++;
                }
            }
        }
        // Poisson mean 1.4985 Morgans per chromosome (the span of its variants); SE about 0.012 per chromosome
        assertThat(inside / trials / 2).isCloseTo(1.4985, within(0.04));
        // a switch at a chromosome's first variant half the time (a crossover at exactly a start is rare)
        assertThat(starts / trials / 2).isCloseTo(0.5, within(0.02));
    }

    @Test
    void plannedPairsFollowTheMeasuredSpectrumScaledToTheOutput() {
        Families.Spectrum spectrum = new Families.Spectrum(1000, 1000, 10, 20, 40, 1, 0.05, 0, 0.01, true, true);
        int[] popOf = new int[500];
        for (int s = 250; s < 500; s++) {
            popOf[s] = 1;
        }
        int[] keys = new int[1];
        GeneticMap map = GeneticMap.of(List.of(new Variant("1", 1000, "a", "A", "G", 0),
                new Variant("1", 2000, "b", "A", "G", 100)), 1.0);
        Families.Plan plan = Families.plan(spectrum, popOf, map, (key, pop) -> {
            keys[0] = Math.max(keys[0], key);
            return new GenomePath(new int[] {0}, new int[] {0}, new GenomePath(new int[] {0}, new int[] {1}));
        }, 7);
        // half the cohort's size: half its pairs of each kind
        assertThat(plan.parentChild()).isEqualTo(5);
        assertThat(plan.fullSibs()).isEqualTo(10);
        assertThat(plan.halfSibs()).isEqualTo(20);
        assertThat(plan.parents()).isEqualTo(2 * 5 + 2 * 10 + 3 * 20);
        assertThat(keys[0]).isEqualTo(500 + plan.parents() - 1);
        int members = 0;
        for (GenomePath p : plan.members()) {
            members += p != null ? 1 : 0;
        }
        assertThat(members).isEqualTo(2 * 35);
    }

    @Test
    void onAShortRegionOfUnrelatedPeopleNoDegreeIsResolvedAndNothingIsMade() {
        GenotypeMatrix g = org.genosynth.io.GenotypeLoader.load(org.genosynth.io.SharedData.path("human_1kg_chr20/phased300.vcf.gz"),
                org.genosynth.io.ReadOptions.defaults(), null);
        try (LocalBackend backend = new LocalBackend(2)) {
            Families.Spectrum s = Families.measure(g, 1, backend);
            // 3 Mb: the robust SD of unrelated pairs' kinship is several hundredths
            assertThat(s.noiseSd()).isGreaterThan(0.02);
            assertThat(s.firstDegreeResolved()).isFalse();
            assertThat(s.secondDegreeResolved()).isFalse();
            assertThat(s.parentChild() + s.fullSibs() + s.secondDegree()).isZero();
        }
    }
}
