package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

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
 * The cohort's departure from Hardy–Weinberg proportions is measured within its populations, and drawn genomes get it
 * as identity by descent between their two haplotypes, at each variant with probability F, the same at any thread.
 */
class InbreedingTest {
    private static final int VARIANTS = 2000;

    /**
     * {@code n} genomes whose genotypes at each autosomal variant are drawn with inbreeding coefficient {@code f}:
     * het 2pq(1 - f), hom-alt p^2 + f pq; population {@code s % pops} has ALT frequency p or, for odd populations,
     * 1 - p (populations apart: pooled, they depart from HWE further).
     */
    private static GenotypeMatrix cohort(int n, int pops, double f, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[VARIANTS * wpv];
        List<Variant> variants = new ArrayList<>();
        for (int v = 0; v < VARIANTS; v++) {
            variants.add(new Variant("1", v + 1, "v" + v, "A", "G", 0));
            double p0 = 0.1 + 0.3 * r.nextDouble();
            for (int s = 0; s < n; s++) {
                double p = (s % pops) % 2 == 0 ? p0 : 1 - p0;
                double q = 1 - p;
                double u = r.nextDouble();
                int code = u < 2 * p * q * (1 - f) ? GenotypeCodes.HET
                        : u < 2 * p * q * (1 - f) + p * p + f * p * q ? GenotypeCodes.HOM_ALT : GenotypeCodes.HOM_REF;
                GenotypeCodes.set(words, v * wpv, s, code);
            }
        }
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            samples.add(Sample.of("S" + s));
        }
        return new GenotypeMatrix(SampleSheet.of(samples), variants, words, null);
    }

    private static int[] labels(int n, int pops) {
        int[] pop = new int[n];
        for (int s = 0; s < n; s++) {
            pop[s] = s % pops;
        }
        return pop;
    }

    @Test
    void measuresTheCohortsFWithinItsPopulations() {
        // 400 x 2,000 genotypes at F 0.05: the estimate's SE is about sqrt(1 / (400 x 2000)) = 0.0011
        assertThat(Inbreeding.coefficient(cohort(400, 1, 0.05, 1), labels(400, 1), 1)).isCloseTo(0.05,
                offset(0.006));
        // in HWE: about 0 (and no identity by descent)
        double none = Inbreeding.coefficient(cohort(400, 1, 0, 2), labels(400, 1), 1);
        assertThat(none).isCloseTo(0, offset(0.006));
        // two populations with mirrored frequencies, each in HWE: pooled, a large Wahlund deficit; within them, none
        GenotypeMatrix two = cohort(400, 2, 0, 3);
        assertThat(Inbreeding.coefficient(two, labels(400, 1), 1)).isGreaterThan(0.1);
        assertThat(Inbreeding.coefficient(two, labels(400, 2), 2)).isCloseTo(0, offset(0.006));
        assertThat(Inbreeding.of(-0.01, 1)).isNull();
        assertThat(Inbreeding.of(Double.NaN, 1)).isNull();
    }

    @Test
    void givesEachVariantIdentityByDescentWithProbabilityF() {
        Inbreeding ibd = Inbreeding.of(0.05, 9);
        int words = RowBuilder.CHUNK_WORDS;
        int genomes = 2000;
        long copied = 0;
        for (int s = 0; s < genomes; s++) {
            long[] h = new long[2 * words];
            // first haplotype ALT (code 1) everywhere, second REF (code 0)
            for (int w = 0; w < words; w++) {
                h[w] = GenotypeCodes.LOW_BITS;
            }
            ibd.apply(h, words, 0, RowBuilder.CHUNK_VARIANTS, s, 0, 0);
            for (int w = 0; w < words; w++) {
                assertThat(h[w]).isEqualTo(GenotypeCodes.LOW_BITS);   // the first haplotype is never changed
                copied += Long.bitCount(h[words + w]);
            }
            long[] again = new long[2 * words];
            for (int w = 0; w < words; w++) {
                again[w] = GenotypeCodes.LOW_BITS;
            }
            ibd.apply(again, words, 0, RowBuilder.CHUNK_VARIANTS, s, 0, 0);
            assertThat(again).isEqualTo(h);   // keyed by genome, attempt and chunk: the same wherever it runs
        }
        // 2,048,000 variants at 0.05: SE 0.00015
        assertThat(copied / (double) (genomes * RowBuilder.CHUNK_VARIANTS)).isCloseTo(0.05, offset(0.001));
    }

    /**
     * A synthetic family's child inherits its parent's haplotypes as the written-out parent has them, identity by
     * descent included: no Mendelian inconsistency between them (with F 0.3, about 15 % of the parent's variants were
     * changed; had the child's haplotypes come from the parent's draw before that, it would carry alleles the parent
     * lacks at some of them).
     */
    @Test
    void aChildInheritsItsParentsHaplotypesAsThatParentIsWritten() {
        int m = 3000;
        GenotypeMatrix shape = KernelsTest.randomMatrix(4, m, 11);
        long[] words = shape.words().clone();
        int wpv = shape.wordsPerVariant();
        SplittableRandom r = new SplittableRandom(3);
        for (int v = 0; v < m; v++) {
            for (int s = 0; s < 4; s++) {
                GenotypeCodes.set(words, v * wpv, s, r.nextInt(2));
            }
        }
        DonorPanel haplotypes = DonorPanel.of(new GenotypeMatrix(shape.samples(), shape.variants(), words, null));
        RowBuilder builder = new RowBuilder(DonorPanel.of(KernelsTest.randomMatrix(2, m, 12)), haplotypes,
                SiteNoise.NONE, 5).withInbreeding(Inbreeding.of(0.3, 7), true);
        GenomePath mother = new GenomePath(new int[] {0}, new int[] {0}, new GenomePath(new int[] {0}, new int[] {1}));
        GenomePath father = new GenomePath(new int[] {0}, new int[] {2}, new GenomePath(new int[] {0}, new int[] {3}));
        long[] child = builder.fullRow(GenomePath.inherited(new Families.Inheritance(
                new Families.Transmission(10, mother, new int[] {900, 2100}, 1),
                new Families.Transmission(11, father, new int[] {1500}, 0))), 0, 0, 0);
        long[] parent = builder.fullRow(GenomePath.inherited(new Families.Inheritance(
                new Families.Transmission(10, mother, new int[0], 0), new Families.Transmission(10, mother,
                new int[0], 1))), 1, 0, 0);
        int homozygousParent = 0;
        int changed = 0;
        for (int v = 0; v < m; v++) {
            int p = (int) ((parent[v >>> 5] >>> ((v & 31) << 1)) & 3);
            int c = (int) ((child[v >>> 5] >>> ((v & 31) << 1)) & 3);
            changed += p != shapeCode(words, wpv, v, 0) + shapeCode(words, wpv, v, 1) ? 1 : 0;
            if (p == 0 || p == 2) {
                homozygousParent++;
                // a homozygous parent passes its allele on: the child is not the opposite homozygote
                assertThat(c).as("variant %d", v).isNotEqualTo(2 - p);
            }
        }
        assertThat(changed).isGreaterThan(200);
        assertThat(homozygousParent).isGreaterThan(1500);
    }

    private static int shapeCode(long[] words, int wpv, int v, int s) {
        return GenotypeCodes.get(words, v * wpv, s);
    }
}
