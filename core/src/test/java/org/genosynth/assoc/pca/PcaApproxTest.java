package org.genosynth.assoc.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.genosynth.assoc.kinship.Standardized;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.RandomGenotypes;
import org.junit.jupiter.api.Test;

/**
 * The randomized PCA against the exact one on random genotypes, the hard case: eigenvalues of pure noise are nearly
 * equal, where plain subspace iteration with a fixed 10 passes stayed 2-4 % low (and 1 % missing calls, which the
 * exact GRM divides out pair by pair, took another 1.6 %). The issue asks for 1 %; the stopping rule aims at 0.3 %
 * ({@link Pca#APPROX_TOLERANCE}; measured 0.105 % at worst here), the tests allow 0.5 %.
 */
class PcaApproxTest {
    @Test
    void eigenvaluesOfRandomGenotypesWithinHalfAPercent() {
        for (double missing : new double[] {0, 0.01}) {
            Standardized z = Standardized.of(RandomGenotypes.unrelated(600, 3000, missing, 5));
            double[] exact = Pca.exact(z, 10).eigenvalues();
            double[] approx = Pca.approx(z, 10, 7).eigenvalues();
            for (int c = 0; c < 10; c++) {
                assertThat(approx[c]).as("PC%d at %.0f%% missing", c + 1, 100 * missing)
                        .isCloseTo(exact[c], within(5e-3 * exact[c]));
            }
        }
    }

    /**
     * An exact eigendecomposition that shares no code with genosynth's PCA: the GRM {@code Z Z' / M} built here from
     * the genotype codes ({@code z = (g - 2p) / sqrt(2p(1-p))}, plink2's standardization) and decomposed by hipparchus.
     */
    @Test
    void eigenvaluesWithinHalfAPercentOfHipparchus() {
        GenotypeMatrix g = RandomGenotypes.unrelated(500, 2000, 0, 11);
        int n = g.sampleCount();
        int m = g.variantCount();
        double[][] z = new double[n][m]; // z[sample][variant]
        for (int v = 0; v < m; v++) {
            double sum = 0;
            for (int s = 0; s < n; s++) {
                sum += g.code(v, s);
            }
            double p = sum / (2.0 * n);
            double sd = Math.sqrt(2 * p * (1 - p));
            for (int s = 0; s < n; s++) {
                z[s][v] = sd > 0 ? (g.code(v, s) - 2 * p) / sd : 0;
            }
        }
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double dot = 0;
                for (int v = 0; v < m; v++) {
                    dot += z[i][v] * z[j][v];
                }
                k[i][j] = dot / m;
                k[j][i] = dot / m;
            }
        }
        double[] exact = new org.hipparchus.linear.EigenDecompositionSymmetric(
                new org.hipparchus.linear.Array2DRowRealMatrix(k, false)).getEigenvalues(); // descending
        double[] approx = Pca.approx(Standardized.of(g), 10, 13).eigenvalues();
        for (int c = 0; c < 10; c++) {
            assertThat(approx[c]).as("PC%d", c + 1).isCloseTo(exact[c], within(5e-3 * exact[c]));
        }
    }

    @Test
    void sameSeedSameEigenvalues() {
        Standardized z = Standardized.of(RandomGenotypes.unrelated(300, 2000, 0.01, 9));
        assertThat(Pca.approx(z, 5, 3).eigenvalues()).containsExactly(Pca.approx(z, 5, 3).eigenvalues());
    }

    @Test
    void theSameBytesOnAThreadPoolAsOnTheCallingThread() {
        // 16 ranges of whole blocks, added in range order whatever finishes first
        Standardized z = Standardized.of(RandomGenotypes.unrelated(300, 3000, 0.01, 11));
        PcaResult inline = Pca.approx(z, 5, 3);
        try (org.genosynth.exec.LocalBackend pool = new org.genosynth.exec.LocalBackend(3)) {
            PcaResult threaded = Pca.approx(z, 5, 3, pool);
            assertThat(threaded.eigenvalues()).containsExactly(inline.eigenvalues());
            assertThat(threaded.eigenvectors()).isEqualTo(inline.eigenvectors());
        }
        // ranges of whole 512-variant blocks here; 16 ranges of 6,292 (121 blocks of 52) at 20,000 x 100,000
        assertThat(Pca.ranges(3000, 300)).hasSize(6);
        assertThat(Pca.ranges(100_000, 20_000)).hasSize(16).allSatisfy(r -> assertThat(r[0] % 52).isZero());
    }
}
