package org.genosynth.assoc.kinship;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.genosynth.exec.Backend;
import org.genosynth.exec.LocalBackend;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.RandomGenotypes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The blocked KING counts (both popcount kernels, 64-bit scalar and 32-bit vectorizable, over four pairs at a time;
 * missing-call terms from the sparse lists) equal
 * counts taken genotype by genotype, for every pair, at missing rates from none to 30 % and with sample and variant
 * counts that are not multiples of 64 or 4; and the direct {@link KingKinship#pair} agrees.
 */
class KingRowBlockTest {
    @ParameterizedTest
    @CsvSource({"150, 700, 0.0, 1", "131, 64, 0.003, 2", "70, 1000, 0.02, 3", "97, 333, 0.3, 4",
        "66, 129, -1, 5"})
    void blockedCountsEqualGenotypeByGenotypeCounts(int n, int m, double missing, long seed) {
        GenotypeMatrix g = random(n, m, missing, seed);
        try (Backend backend = new LocalBackend(2)) {
            SamplePlanes planes = SamplePlanes.of(g, backend);
            HetMasks hets = HetMasks.of(planes, backend);
            IntPlanes ints = IntPlanes.of(planes, backend);
            KingKinship king = new KingKinship(planes);
            for (int first = 0; first < n; first += 64) {
                int end = Math.min(n, first + 64);
                KingRowBlock scalar = KingRowBlock.count(planes, null, hets, first, end);
                KingRowBlock vectorized = KingRowBlock.count(planes, ints, hets, first, end);
                for (int i = first; i < end; i++) {
                    for (int j = 0; j < i; j++) {
                        KingKinship.PairCounts expected = naive(g, i, j);
                        assertThat(scalar.pair(i, j)).as("pair %d %d", i, j).isEqualTo(expected);
                        assertThat(vectorized.pair(i, j)).as("pair %d %d", i, j).isEqualTo(expected);
                        assertThat(king.pair(i, j)).as("pair %d %d", i, j).isEqualTo(expected);
                    }
                }
            }
        }
    }

    /** Counts over the variants called in both, one genotype at a time. */
    private static KingKinship.PairCounts naive(GenotypeMatrix g, int i, int j) {
        int nsnp = 0;
        int hetHet = 0;
        int ibs0 = 0;
        int het1Hom2 = 0;
        int het2Hom1 = 0;
        for (int v = 0; v < g.variantCount(); v++) {
            int a = g.code(v, i);
            int b = g.code(v, j);
            if (a == GenotypeCodes.MISSING || b == GenotypeCodes.MISSING) {
                continue;
            }
            nsnp++;
            hetHet += a == 1 && b == 1 ? 1 : 0;
            ibs0 += Math.abs(a - b) == 2 ? 1 : 0;
            het1Hom2 += a == 1 && b != 1 ? 1 : 0;
            het2Hom1 += b == 1 && a != 1 ? 1 : 0;
        }
        return new KingKinship.PairCounts(nsnp, hetHet, ibs0, het1Hom2, het2Hom1);
    }

    /** Random genotypes; {@code missing < 0}: each sample its own missing rate, a third of them none. */
    private static GenotypeMatrix random(int n, int m, double missing, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] rate = new double[n];
        for (int s = 0; s < n; s++) {
            rate[s] = missing >= 0 ? missing : s % 3 == 0 ? 0 : 0.2 * r.nextDouble();
        }
        return RandomGenotypes.unrelated(n, m, rate, 0.02, r);
    }
}
