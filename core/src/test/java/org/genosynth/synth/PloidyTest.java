package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.io.GenotypeFiles;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.WriteOptions;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Sex;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;
import org.genosynth.testing.MouseData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chromosomes X, Y and MT of synthetic genomes (docs/synth.md, "Sex, X, Y and MT"): a cohort made of the mice's
 * chromosomes 1 and 2, as Y chromosome 4 (males made hemizygous, females' calls missing), as MT the first
 * {@value #MT} variants of chromosome 5 (every genome made haploid) and, as X, chromosome 3, whose males (every other mouse) are made hemizygous there (each heterozygote made
 * homozygous at random) except over its first 20 variants (a pseudo-autosomal stretch, where males stay diploid).
 * Synthetic males are heterozygous on no haploid X variant, whatever the generator; synthetic females keep the real
 * females' X heterozygosity (a genotype mosaic copies their X from real females); the pseudo-autosomal stretch stays
 * diploid in males.
 */
class PloidyTest {
    private static final int PAR = 20;
    private static final int MT = 60;
    private static final int N = 400;
    @TempDir
    static Path dir;
    static Path cohort;
    static GenotypeMatrix real;

    /** The cohort written with every sex unknown (PLINK sex 0). */
    static Path unsexed;

    @BeforeAll
    static void cohortWithX() {
        GenotypeMatrix mouse = GenotypeLoader.load(MouseData.plainFileset(dir, "mouse"), ReadOptions.defaults(), null);
        int wpv = GenotypeCodes.wordsPerVariant(N);
        List<Variant> kept = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        int mt = 0;
        for (int v = 0; v < mouse.variantCount(); v++) {
            Variant x = mouse.variants().get(v);
            String chrom = switch (x.chrom()) {
                case "1", "2" -> x.chrom();
                case "3" -> "X";
                case "4" -> "Y";
                case "5" -> x.hasPosition() && mt++ < MT ? "MT" : null;
                default -> null;
            };
            if (chrom != null && x.hasPosition()) {
                kept.add(new Variant(chrom, x.position(), x.id(), x.ref(), x.alt(), x.centimorgan()));
                rows.add(v);
            }
        }
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < N; s++) {
            Sample m = mouse.samples().samples().get(s);
            samples.add(new Sample(m.familyId(), m.id(), Sample.UNKNOWN_ID, Sample.UNKNOWN_ID,
                    s % 2 == 0 ? Sex.MALE : Sex.FEMALE, null));
        }
        long[] words = new long[kept.size() * wpv];
        SplittableRandom r = new SplittableRandom(5);
        int onX = 0;
        for (int j = 0; j < kept.size(); j++) {
            String chrom = kept.get(j).chrom();
            boolean haploidInMales = chrom.equals("X") && onX++ >= PAR || chrom.equals("Y");
            for (int s = 0; s < N; s++) {
                int c = mouse.code(rows.get(j), s);
                boolean male = s % 2 == 0;
                boolean haploid = haploidInMales && male || chrom.equals("MT");
                GenotypeCodes.set(words, j * wpv, s, chrom.equals("Y") && !male ? GenotypeCodes.MISSING
                        : haploid && c == GenotypeCodes.HET ? (r.nextBoolean() ? 0 : 2) : c);
            }
        }
        cohort = dir.resolve("withx.bed");
        try (GenotypeWriter w = GenotypeFiles.create(cohort, GenotypeFormat.BED, SampleSheet.of(samples),
                WriteOptions.defaults())) {
            w.write(new VariantBlock(0, N, kept, words, null, null));
            w.commit();
        }
        real = GenotypeLoader.load(cohort, ReadOptions.defaults(), null);
        unsexed = dir.resolve("unsexed.bed");
        List<Sample> unknown = samples.stream().map(m -> new Sample(m.familyId(), m.id(), Sample.UNKNOWN_ID,
                Sample.UNKNOWN_ID, Sex.UNKNOWN, null)).toList();
        try (GenotypeWriter w = GenotypeFiles.create(unsexed, GenotypeFormat.BED, SampleSheet.of(unknown),
                WriteOptions.defaults())) {
            w.write(new VariantBlock(0, N, kept, words, null, null));
            w.commit();
        }
    }

    /**
     * Heterozygous share of the genomes of {@code sex} over variants on X (from {@code from}, to {@code to}), or over
     * the autosomes.
     */
    private static double hetShare(GenotypeMatrix m, Sex sex, boolean x, int from, int to) {
        long het = 0;
        long called = 0;
        int onX = 0;
        for (int v = 0; v < m.variantCount(); v++) {
            String chrom = m.variants().get(v).chrom();
            boolean isX = chrom.equals("X");
            if (x ? !isX : !chrom.equals("1") && !chrom.equals("2")) {
                continue;
            }
            int k = isX ? onX++ : v;
            if (x && (k < from || k >= to)) {
                continue;
            }
            for (int s = 0; s < m.sampleCount(); s++) {
                if (m.samples().samples().get(s).sex() != sex) {
                    continue;
                }
                int c = m.code(v, s);
                het += c == GenotypeCodes.HET ? 1 : 0;
                called += c == GenotypeCodes.MISSING ? 0 : 1;
            }
        }
        return (double) het / called;
    }

    /** Synthetic cohorts by output name: the X tests and the Y/MT test check the same default runs. */
    private static final java.util.Map<String, GenotypeMatrix> MADE = new java.util.concurrent.ConcurrentHashMap<>();

    private static GenotypeMatrix synth(SynthRequest.Method method, SynthRequest.Mosaic mosaic, String out) {
        return MADE.computeIfAbsent(out, o -> synth(cohort, method, mosaic, o));
    }

    private static GenotypeMatrix synth(Path input, SynthRequest.Method method, SynthRequest.Mosaic mosaic,
            String out) {
        SynthResult result = Synthesizer.run(new SynthRequest(input, null, null, null, null, 0, N, null, method, 1,
                dir.resolve(out).toString(), GenotypeFormat.BED, mosaic, null, 0, 2));
        assertThat(result.manifest()).containsKey("chromosome_x");
        return GenotypeLoader.load(dir.resolve(out + ".bed"), ReadOptions.defaults(), null);
    }

    private static void assertHaploidMales(GenotypeMatrix syn, double femaleTolerance) {
        assertThat(hetShare(syn, Sex.MALE, true, PAR, Integer.MAX_VALUE)).isZero();
        // the pseudo-autosomal stretch stays diploid in males
        assertThat(hetShare(syn, Sex.MALE, true, 0, PAR)).isGreaterThan(0.5 * hetShare(real, Sex.MALE, true, 0, PAR));
        double realFemales = hetShare(real, Sex.FEMALE, true, PAR, Integer.MAX_VALUE);
        assertThat(hetShare(syn, Sex.FEMALE, true, PAR, Integer.MAX_VALUE))
                .isCloseTo(realFemales, org.assertj.core.data.Offset.offset(femaleTolerance * realFemales));
        double autosomes = hetShare(real, Sex.MALE, false, 0, 0);
        assertThat(hetShare(syn, Sex.MALE, false, 0, 0))
                .isCloseTo(autosomes, org.assertj.core.data.Offset.offset(0.1 * autosomes));
    }

    @Test
    void realMalesTellWhichXVariantsAreHaploid() {
        Ploidy x = Ploidy.of(real);
        assertThat(x.xVariants()).isGreaterThan(PAR + 100);
        // the pseudo-autosomal stretch, minus its variants where too few males are heterozygous to tell
        assertThat(x.xVariants() - x.haploidVariants()).isBetween(PAR / 2, PAR);
        assertThat(x.realMales()).isEqualTo(N / 2);
    }

    @Test
    void genotypeMosaicCopiesXFromDonorsOfTheGenomesSex() {
        // females within 10 % of the real females' X heterozygosity: copied from males, they would lose half of it
        assertHaploidMales(synth(SynthRequest.Method.MOSAIC, null, "mosaic"), 0.1);
        assertHaploidMales(synth(SynthRequest.Method.MOSAIC, new SynthRequest.Mosaic(2, 100, 10, 0.0, 0.177, true,
                1.0, Double.NaN, SynthRequest.DonorPool.POPULATION), "population"), 0.1);
    }

    @Test
    void withoutGivenSexesTheyAreImputedFromX() {
        GenotypeMatrix m = GenotypeLoader.load(unsexed, ReadOptions.defaults(), null);
        boolean[] onX = new boolean[m.variantCount()];
        for (int v = 0; v < onX.length; v++) {
            onX[v] = org.genosynth.model.Chromosomes.isX(m.variants().get(v).chrom());
        }
        Sex[] imputed = Ploidy.imputeSexes(m, onX);
        int right = 0;
        int wrong = 0;
        for (int s = 0; s < N; s++) {
            Sex truth = s % 2 == 0 ? Sex.MALE : Sex.FEMALE;
            right += imputed[s] == truth ? 1 : 0;
            wrong += imputed[s] != truth && imputed[s] != Sex.UNKNOWN ? 1 : 0;
        }
        // the mice are partly inbred: a female whose X is homozygous enough stays unknown (F between 0.2 and 0.8),
        // none is called male (measured: 373 of 400 right, 0 wrong)
        assertThat(wrong).isZero();
        assertThat(right).isGreaterThanOrEqualTo(N * 90 / 100);
        SynthResult result = Synthesizer.run(new SynthRequest(unsexed, null, null, null, null, 0, N, null,
                SynthRequest.Method.MOSAIC, 1, dir.resolve("imputed").toString(), GenotypeFormat.BED, null, null, 0,
                2));
        assertThat(((java.util.Map<?, ?>) result.manifest().get("chromosome_x")).get("sexes").toString())
                .startsWith("imputed from X");
        GenotypeMatrix syn = GenotypeLoader.load(dir.resolve("imputed.bed"), ReadOptions.defaults(), null);
        long males = syn.samples().samples().stream().filter(s -> s.sex() == Sex.MALE).count();
        assertThat(males).isBetween(N * 4L / 10, N * 6L / 10);
        assertThat(hetShare(syn, Sex.MALE, true, PAR, Integer.MAX_VALUE)).isZero();
    }

    @Test
    void hmmMalesAreHaploidOnX() {
        // the HMM is fitted on both sexes' X as diploid: its females' heterozygosity is that of the pooled haplotypes
        assertHaploidMales(synth(SynthRequest.Method.HMM, null, "hmm"), 0.35);
    }

    /** Heterozygous, called and missing calls of the genomes of {@code sex} (null: all) on {@code chrom}. */
    private static long[] calls(GenotypeMatrix m, String chrom, Sex sex) {
        long[] out = new long[3];
        for (int v = 0; v < m.variantCount(); v++) {
            if (!m.variants().get(v).chrom().equals(chrom)) {
                continue;
            }
            for (int s = 0; s < m.sampleCount(); s++) {
                if (sex != null && m.samples().samples().get(s).sex() != sex) {
                    continue;
                }
                int c = m.code(v, s);
                out[0] += c == GenotypeCodes.HET ? 1 : 0;
                out[c == GenotypeCodes.MISSING ? 2 : 1]++;
            }
        }
        return out;
    }

    @Test
    void realGenomesTellWhichYAndMtVariantsAreHaploid() {
        Ploidy p = Ploidy.of(real);
        assertThat(p.yVariants()).isGreaterThan(100);
        assertThat(p.mtVariants()).isEqualTo(MT);
        java.util.Map<String, Object> described = p.describe(true);
        assertThat(((java.util.Map<?, ?>) described.get("chromosome_y")).get("haploid_in_males"))
                .isEqualTo(p.yVariants());
        assertThat(((java.util.Map<?, ?>) described.get("mt")).get("haploid")).isEqualTo(MT);
    }

    @Test
    void malesAreHaploidOnYFemalesHaveNoYAndEveryGenomeIsHaploidOnMt() {
        for (SynthRequest.Method method : List.of(SynthRequest.Method.MOSAIC, SynthRequest.Method.HMM)) {
            GenotypeMatrix syn = synth(method, null, method == SynthRequest.Method.HMM ? "hmm" : "mosaic");
            long[] maleY = calls(syn, "Y", Sex.MALE);
            long[] femaleY = calls(syn, "Y", Sex.FEMALE);
            long[] mt = calls(syn, "MT", null);
            assertThat(maleY[0]).as(method + " male Y hets").isZero();
            // the real males' Y is called as often as their autosomes (the mice's missing share is below 5 %)
            assertThat((double) maleY[1] / (maleY[1] + maleY[2])).as(method + " male Y called").isGreaterThan(0.9);
            assertThat(femaleY[1]).as(method + " female Y calls").isZero();
            assertThat(femaleY[2]).isPositive();
            assertThat(mt[0]).as(method + " MT hets").isZero();
            assertThat((double) mt[1] / (mt[1] + mt[2])).as(method + " MT called").isGreaterThan(0.9);
            // the autosomes keep their heterozygosity
            double autosomes = hetShare(real, Sex.FEMALE, false, 0, 0);
            assertThat(hetShare(syn, Sex.FEMALE, false, 0, 0)).isCloseTo(autosomes,
                    org.assertj.core.data.Offset.offset(0.1 * autosomes));
        }
    }
}
