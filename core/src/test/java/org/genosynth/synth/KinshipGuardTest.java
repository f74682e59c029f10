package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.assoc.kinship.KingKinship;
import org.genosynth.assoc.kinship.SamplePlanes;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;

/**
 * The synth's kinship check against {@code genosynth kinship}'s KING-robust counts ({@link KingKinship#pair}, which
 * equals plink2 --make-king-table: KingKinshipTest) and against a direct count of identical genotypes, on genomes
 * with missing calls, a variant count that fills no whole word, and a non-autosomal chromosome left out.
 */
class KinshipGuardTest {
    private static final int N = 40;
    private static final int M = 1_000 + 37;

    private static GenotypeMatrix cohort(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < N; s++) {
            samples.add(Sample.of("s" + s));
        }
        List<Variant> variants = new ArrayList<>();
        int wpv = GenotypeCodes.wordsPerVariant(N);
        long[] words = new long[M * wpv];
        for (int v = 0; v < M; v++) {
            variants.add(new Variant(v < 900 ? "1" : "X", 100L * (v + 1), "v" + v, "A", "G", 0));
            double p = 0.05 + 0.9 * r.nextDouble();
            for (int s = 0; s < N; s++) {
                // sample 1 a near copy of sample 0: a related pair for the maximum
                int g = s == 1 && r.nextDouble() < 0.9 ? GenotypeCodes.get(words, v * wpv, 0)
                        : r.nextDouble() < 0.03 ? 3 : (r.nextDouble() < p ? 1 : 0) + (r.nextDouble() < p ? 1 : 0);
                GenotypeCodes.set(words, v * wpv, s, g);
            }
        }
        return new GenotypeMatrix(SampleSheet.of(samples), variants, words, null);
    }

    @Test
    void theClosestDonorIsKingsOnTheAutosomesAndTheIdentityByStateShareCountsEqualCalls() {
        GenotypeMatrix all = cohort(11);
        int[] donors = new int[N - 2];
        for (int i = 0; i < donors.length; i++) {
            donors[i] = i + 1; // samples 1 .. N - 2; sample 0 and N - 1 are the candidates
        }
        DonorPanel panel = DonorPanel.of(InnerSplit.subset(all, donors));
        DonorPanel candidates = DonorPanel.of(InnerSplit.subset(all, new int[] {0, N - 1}));
        KingKinship king;
        try (ExecutionContext context = ExecutionContext.local(1)) {
            king = new KingKinship(SamplePlanes.of(autosomal(all), context.backend()));
        }
        KinshipGuard guard = new KinshipGuard(panel, false, all.variants());
        KinshipGuard ibs = new KinshipGuard(panel, true, all.variants());
        int rw = candidates.rowWords();
        for (int c = 0; c < 2; c++) {
            int sample = c == 0 ? 0 : N - 1;
            long[] row = java.util.Arrays.copyOfRange(candidates.rows(), c * rw, (c + 1) * rw);
            double best = Double.NEGATIVE_INFINITY;
            int bestDonor = -1;
            double bestIbs = Double.NEGATIVE_INFINITY;
            for (int d = 0; d < donors.length; d++) {
                double k = king.pair(sample, donors[d]).kinship();
                if (k > best) {
                    best = k;
                    bestDonor = d;
                }
                bestIbs = Math.max(bestIbs, identityByState(all, sample, donors[d]));
            }
            KinshipGuard.Closest closest = guard.closest(row);
            assertThat(closest.donor()).isEqualTo(bestDonor);
            assertThat(closest.kinship()).isCloseTo(best, within(1e-12));
            assertThat(closest.exactCopy()).isFalse();
            assertThat(ibs.closest(row).kinship()).isCloseTo(bestIbs, within(1e-12));
        }
        // sample 0's closest is its near copy, sample 1 (donor 0), at about first degree or above
        assertThat(guard.closest(java.util.Arrays.copyOfRange(candidates.rows(), 0, rw)).kinship()).isGreaterThan(0.3);
        // a donor's own row is an exact copy of it
        KinshipGuard.Closest self = guard.closest(java.util.Arrays.copyOfRange(panel.rows(), 5 * rw, 6 * rw));
        assertThat(self.donor()).isEqualTo(5);
        assertThat(self.exactCopy()).isTrue();
        assertThat(self.kinship()).isCloseTo(0.5, within(1e-12));
    }

    private static GenotypeMatrix autosomal(GenotypeMatrix m) {
        List<Variant> variants = m.variants().subList(0, 900);
        int wpv = m.wordsPerVariant();
        return new GenotypeMatrix(m.samples(), variants, java.util.Arrays.copyOf(m.words(), 900 * wpv), null);
    }

    /** Identical genotypes over the autosomal variants called in both, counted one by one. */
    private static double identityByState(GenotypeMatrix m, int a, int b) {
        int wpv = m.wordsPerVariant();
        int same = 0;
        int both = 0;
        for (int v = 0; v < 900; v++) {
            int x = GenotypeCodes.get(m.words(), v * wpv, a);
            int y = GenotypeCodes.get(m.words(), v * wpv, b);
            if (x != 3 && y != 3) {
                both++;
                same += x == y ? 1 : 0;
            }
        }
        return (double) same / both;
    }
}
