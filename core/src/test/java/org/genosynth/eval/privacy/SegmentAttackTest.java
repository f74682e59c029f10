package org.genosynth.eval.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.assoc.kinship.SamplePlanes;
import org.genosynth.eval.Cohorts;
import org.genosynth.exec.LocalBackend;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.SharedData;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;

/**
 * The shared-segment attack: its bit-parallel runs equal a plain per-pair, per-variant count (missing calls and
 * chromosome boundaries end runs, runs cross word boundaries), and on mouse_hs1940 it sees nothing in unseen real
 * genomes and sees genomes stitched from training genomes' segments.
 */
class SegmentAttackTest {

    /** Longest run of consecutive variants (within a chromosome) where {@code same(a, b)} holds, both called. */
    private static int bruteForce(GenotypeMatrix g, int a, int b, boolean half) {
        int best = 0;
        int run = 0;
        for (int v = 0; v < g.variantCount(); v++) {
            if (v > 0 && !g.variants().get(v).chrom().equals(g.variants().get(v - 1).chrom())) {
                run = 0;
            }
            int x = g.code(v, a);
            int y = g.code(v, b);
            boolean ok = x != GenotypeCodes.MISSING && y != GenotypeCodes.MISSING
                    && (half ? Math.abs(x - y) <= 1 : x == y);
            run = ok ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }

    /**
     * 1,000 variants on chromosomes 1 (0-529: its end inside word 8), 2 (530-767: ends at a word boundary) and 3
     * (768-999); genomes that copy a template with a few changes and missing calls, so that runs span several words.
     */
    private static GenotypeMatrix randomCohort(int n, long seed) {
        int m = 1000;
        List<Variant> variants = new ArrayList<>();
        for (int v = 0; v < m; v++) {
            variants.add(new Variant(v < 530 ? "1" : v < 768 ? "2" : "3", v + 1, "v" + v, "A", "G", 0));
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] template = new int[m];
        for (int v = 0; v < m; v++) {
            template[v] = rng.nextInt(3);
        }
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[m * wpv];
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            samples.add(Sample.of("s" + s));
            // per genome its own rates of change and missing calls: from near copies of the template to noise
            double change = s % 4 == 0 ? 0.005 : s % 4 == 1 ? 0.03 : s % 4 == 2 ? 0.2 : 0.6;
            double missing = s % 3 == 0 ? 0 : s % 3 == 1 ? 0.01 : 0.05;
            for (int v = 0; v < m; v++) {
                int code = rng.nextDouble() < change ? rng.nextInt(3) : template[v];
                if (rng.nextDouble() < missing) {
                    code = GenotypeCodes.MISSING;
                }
                GenotypeCodes.set(words, v * wpv, s, code);
            }
        }
        return new GenotypeMatrix(SampleSheet.of(samples), variants, words, null);
    }

    @Test
    void runsEqualAPerVariantCount() {
        GenotypeMatrix g = randomCohort(40, 3);
        SamplePlanes planes = SamplePlanes.of(g, new LocalBackend(1));
        int[] rows = Cohorts.range(0, 20);
        int[] cols = Cohorts.range(20, 20);
        int[][] runs;
        try (LocalBackend backend = new LocalBackend(2)) {
            runs = SegmentAttack.longestRuns(org.genosynth.exec.Shared.of(new org.genosynth.assoc.kinship
                    .KingKinship(planes)), g.variants(), rows, cols, backend);
        }
        int longest = 0;
        for (int r = 0; r < rows.length; r++) {
            int identical = 0;
            int half = 0;
            for (int c : cols) {
                identical = Math.max(identical, bruteForce(g, rows[r], c, false));
                half = Math.max(half, bruteForce(g, rows[r], c, true));
            }
            assertThat(runs[0][r]).as("identical, row %d", r).isEqualTo(identical);
            assertThat(runs[1][r]).as("half-identical, row %d", r).isEqualTo(half);
            longest = Math.max(longest, identical);
        }
        // the data do exercise runs across word boundaries
        assertThat(longest).isGreaterThan(64);
        // and every single pair, so that no row's maximum hides a wrong pair, from a best found before of 0 (every
        // word read) or of PROBE_FROM and more (words probed q apart, q = 1 to 8)
        SegmentAttack.Pieces pieces = SegmentAttack.Pieces.of(g.variants());
        int probed = 0;
        for (int a = 0; a < 40; a++) {
            for (int b = 0; b < 40; b++) {
                int identical = bruteForce(g, a, b, false);
                int half = bruteForce(g, a, b, true);
                for (int before : new int[] {0, SegmentAttack.PROBE_FROM, 150, 200, 260, 400, 575}) {
                    int[] best = {before, before};
                    SegmentAttack.pair(planes.bits(), a * 4 * planes.words(), b * 4 * planes.words(), pieces, best,
                            0);
                    assertThat(best[0]).as("identical %d %d from %d", a, b, before).isEqualTo(Math.max(before,
                            identical));
                    assertThat(best[1]).as("half %d %d from %d", a, b, before).isEqualTo(Math.max(before, half));
                    probed += before > 0 && identical > before ? 1 : 0;
                }
            }
        }
        // probing did find runs longer than the best before
        assertThat(probed).isGreaterThan(100);
    }

    @Test
    void aGenomeWithItselfRunsToTheLongestChromosomeAndMissingCallsCutIt() {
        GenotypeMatrix g = randomCohort(8, 5);
        SamplePlanes planes = SamplePlanes.of(g, new LocalBackend(1));
        SegmentAttack.Pieces pieces = SegmentAttack.Pieces.of(g.variants());
        int[] best = new int[2];
        // sample 0 has no missing calls: its run with itself is chromosome 1 (530 variants), not the 1,000 of the
        // file, whether every word is read or words are probed
        SegmentAttack.pair(planes.bits(), 0, 0, pieces, best, 0);
        assertThat(best).containsExactly(530, 530);
        best = new int[] {200, 200};
        SegmentAttack.pair(planes.bits(), 0, 0, pieces, best, 0);
        assertThat(best).containsExactly(530, 530);
    }

    @Test
    void theAucCountsTiesHalfAndMembersAboveAsALeak() {
        assertThat(SegmentAttack.auc(new int[] {10, 20}, new int[] {1, 2})).isEqualTo(1.0);
        assertThat(SegmentAttack.auc(new int[] {1, 2}, new int[] {10, 20})).isEqualTo(0.0);
        assertThat(SegmentAttack.auc(new int[] {5, 5}, new int[] {5, 5})).isEqualTo(0.5);
        assertThat(SegmentAttack.auc(new int[] {5, 7}, new int[] {5, 1})).isEqualTo((0.5 + 1 + 1 + 1) / 4);
    }

    /** Samples {@code idx} of {@code g}. */
    private static GenotypeMatrix rows(GenotypeMatrix g, int[] idx) {
        int wpv = GenotypeCodes.wordsPerVariant(idx.length);
        long[] words = new long[g.variantCount() * wpv];
        List<Sample> samples = new ArrayList<>();
        for (int i : idx) {
            samples.add(g.samples().samples().get(i));
        }
        for (int v = 0; v < g.variantCount(); v++) {
            for (int i = 0; i < idx.length; i++) {
                GenotypeCodes.set(words, v * wpv, i, g.code(v, idx[i]));
            }
        }
        return new GenotypeMatrix(SampleSheet.of(samples), g.variants(), words, null);
    }

    /** Each genome the consecutive blocks of 4-8 random training genomes (cut at random variants). */
    private static GenotypeMatrix mosaic(GenotypeMatrix train, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int m = train.variantCount();
        int wpv = GenotypeCodes.wordsPerVariant(count);
        long[] words = new long[m * wpv];
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            samples.add(Sample.of("mosaic" + s));
            int k = 4 + rng.nextInt(5);
            int[] cuts = new int[k + 1];
            for (int i = 1; i < k; i++) {
                cuts[i] = rng.nextInt(m);
            }
            cuts[k] = m;
            java.util.Arrays.sort(cuts);
            for (int i = 0; i < k; i++) {
                int parent = rng.nextInt(train.sampleCount());
                for (int v = cuts[i]; v < cuts[i + 1]; v++) {
                    GenotypeCodes.set(words, v * wpv, s, train.code(v, parent));
                }
            }
        }
        return new GenotypeMatrix(SampleSheet.of(samples), train.variants(), words, null);
    }

    @Test
    void unseenGenomesScoreChanceAndCopiedSegmentsAreFound() {
        GenotypeMatrix mouse = GenotypeLoader.load(SharedData.mouse(".bed.gz"), ReadOptions.defaults(), null);
        int n = mouse.sampleCount();
        // 70 % train; the rest halved into a "synthetic" cohort and the holdout
        int[] order = shuffled(n, 11);
        int nt = (int) Math.round(0.7 * n);
        int nh = (n - nt) / 2;
        GenotypeMatrix train = rows(mouse, java.util.Arrays.copyOfRange(order, 0, nt));
        GenotypeMatrix other = rows(mouse, java.util.Arrays.copyOfRange(order, nt, nt + nh));
        GenotypeMatrix hold = rows(mouse, java.util.Arrays.copyOfRange(order, nt + nh, n));
        GenotypeMatrix copied = mosaic(train, nt, 21);

        int m = Math.min(nt, hold.sampleCount());
        int[] members = Cohorts.subset(nt, m, 4);
        int[] nonMembers = Cohorts.subset(hold.sampleCount(), m, 5);

        SegmentAttack.Result chance = attack(train, other, hold, members, nonMembers, 2);
        SegmentAttack.Result leak = attack(train, copied, hold, members, nonMembers, 2);
        System.out.printf("segment attack on mouse_hs1940: unseen genomes AUC %.3f / %.3f; mosaic of training blocks "
                + "%.3f / %.3f (identical / half-identical); median longest identical run: members %.0f vs "
                + "non-members %.0f (mosaic)%n", chance.aucIdentical(), chance.aucHalfIdentical(),
                leak.aucIdentical(), leak.aucHalfIdentical(), median(leak.memberIdentical()),
                median(leak.nonMemberIdentical()));
        // chance SE of an AUC at m = 291 per side: sqrt((2m + 1) / 12 m^2) = 0.024; allowed 0.1 (4 SE); measured
        // 0.509 / 0.513
        assertThat(chance.aucIdentical()).isCloseTo(0.5, within(0.1));
        assertThat(chance.aucHalfIdentical()).isCloseTo(0.5, within(0.1));
        // copied blocks are seen, though chromosomes of 400-1,000 variants cap every run and these mice (a stock bred
        // from 8 inbred strains) share runs of ~700 identical genotypes without any copying: measured 0.888. Their
        // half-identical runs span whole chromosomes either way (measured 0.509): no assertion on those
        assertThat(leak.aucIdentical()).isGreaterThanOrEqualTo(0.8);

        // the same numbers at one thread
        SegmentAttack.Result one = attack(train, copied, hold, members, nonMembers, 1);
        assertThat(one.memberIdentical()).isEqualTo(leak.memberIdentical());
        assertThat(one.nonMemberIdentical()).isEqualTo(leak.nonMemberIdentical());
        assertThat(one.memberHalfIdentical()).isEqualTo(leak.memberHalfIdentical());
        assertThat(one.nonMemberHalfIdentical()).isEqualTo(leak.nonMemberHalfIdentical());
        assertThat(one.aucIdentical()).isEqualTo(leak.aucIdentical());
        assertThat(one.aucHalfIdentical()).isEqualTo(leak.aucHalfIdentical());
    }

    @Test
    void segmentsCopiedFromTrainingPeopleAreFound() {
        GenotypeMatrix human = GenotypeLoader.load(SharedData.path("human_1kg_chr20/phased300.vcf.gz"),
                ReadOptions.defaults(), null);
        int n = human.sampleCount();
        int[] order = shuffled(n, 13);
        int nt = (int) Math.round(0.7 * n);
        GenotypeMatrix train = rows(human, java.util.Arrays.copyOfRange(order, 0, nt));
        GenotypeMatrix hold = rows(human, java.util.Arrays.copyOfRange(order, nt, n));
        GenotypeMatrix copied = mosaic(train, nt, 23);
        int m = Math.min(nt, hold.sampleCount());
        int[] members = Cohorts.subset(nt, m, 4);
        int[] nonMembers = Cohorts.subset(hold.sampleCount(), m, 5);
        SegmentAttack.Result leak = attack(train, copied, hold, members, nonMembers, 2);
        System.out.printf("segment attack on human_1kg_chr20 (phased300, %d members, %d variants): mosaic of training "
                + "blocks %.3f / %.3f (identical / half-identical); median longest identical run: members %.0f vs "
                + "non-members %.0f%n", m, human.variantCount(), leak.aucIdentical(), leak.aucHalfIdentical(),
                median(leak.memberIdentical()), median(leak.nonMemberIdentical()));
        // one chromosome, people unrelated: a copied block of thousands of variants stands far above chance runs
        // (measured 0.991; median longest run 8,915 variants for members, 725 for non-members). Half-identical runs
        // are long between unrelated people too (only opposite homozygotes end them): measured 0.856, chance SE 0.043
        assertThat(leak.aucIdentical()).isGreaterThanOrEqualTo(0.9);
        assertThat(leak.aucHalfIdentical()).isGreaterThanOrEqualTo(0.75);
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = Cohorts.range(0, n);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static SegmentAttack.Result attack(GenotypeMatrix train, GenotypeMatrix syn, GenotypeMatrix hold,
            int[] members, int[] nonMembers, int threads) {
        int nt = train.sampleCount();
        int ns = syn.sampleCount();
        try (LocalBackend backend = new LocalBackend(threads)) {
            SamplePlanes planes = SamplePlanes.of(Cohorts.concat(List.of(train, syn, hold)), backend);
            return SegmentAttack.compute(planes, train.variants(), Cohorts.pick(Cohorts.range(0, nt), members),
                    Cohorts.pick(Cohorts.range(nt + ns, hold.sampleCount()), nonMembers), Cohorts.range(nt, ns),
                    backend);
        }
    }

    private static double median(int[] v) {
        return org.genosynth.eval.Ranks.median(java.util.Arrays.stream(v).asDoubleStream().toArray());
    }
}
