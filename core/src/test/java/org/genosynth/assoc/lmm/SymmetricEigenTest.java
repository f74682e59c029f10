package org.genosynth.assoc.lmm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludovic.netlib.lapack.LAPACK;
import java.util.Random;
import org.genosynth.exec.ExecutionContext;
import org.junit.jupiter.api.Test;
import org.netlib.util.intW;

/**
 * {@link Blas#symmetricEigen} (dsytrd on the lower triangle, dstedc, then the back-transformation in blocks of
 * reflectors by column panels) against LAPACK's dsyevd in one call: the same eigenvalues, vectors spanning the same
 * lines (equal up to sign for these distinct eigenvalues), orthonormal, and {@code K U = U D}; at sizes below, at and
 * above one block of reflectors, and the same vectors at any worker count.
 */
class SymmetricEigenTest {
    /** A relatedness-like matrix: {@code Z Z' / p} of centred random genotypes, n x n column-major, n spare. */
    private static double[] grm(int n, int p, long seed) {
        Random random = new Random(seed);
        double[] z = new double[n * p];
        for (int j = 0; j < p; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                z[i + j * n] = random.nextInt(3);
                mean += z[i + j * n];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                z[i + j * n] -= mean;
            }
        }
        double[] k = new double[n * n + n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int j = 0; j < p; j++) {
                    s += z[a + j * n] * z[b + j * n];
                }
                k[a + b * n] = s / p;
                k[b + a * n] = s / p;
            }
        }
        return k;
    }

    private static Blas.Eigen ours(double[] k, int n, int threads) {
        try (ExecutionContext context = ExecutionContext.local(threads)) {
            return Blas.symmetricEigen(k.clone(), n, context.backend());
        }
    }

    @Test
    void equalsDsyevdAtSizesAroundOneReflectorBlock() {
        for (int n : new int[] {1, 2, 7, 256, 257, 300, 520}) {
            double[] k = grm(n, 2 * n + 3, n);
            Blas.Eigen eigen = ours(k, n, 2);
            double[] a = java.util.Arrays.copyOf(k, n * n);
            double[] w = new double[n];
            double[] query = new double[1];
            int[] iquery = new int[1];
            intW info = new intW(0);
            LAPACK.getInstance().dsyevd("V", "U", n, a, n, w, query, -1, iquery, -1, info);
            double[] work = new double[(int) query[0]];
            int[] iwork = new int[iquery[0]];
            LAPACK.getInstance().dsyevd("V", "U", n, a, n, w, work, work.length, iwork, iwork.length, info);
            assertThat(info.val).isZero();
            double scale = Math.max(1, Math.abs(w[n - 1]));
            for (int j = 0; j < n; j++) {
                assertThat(eigen.values()[j]).as("n %d eigenvalue %d", n, j).isCloseTo(w[j],
                        org.assertj.core.data.Offset.offset(1e-12 * scale));
            }
            for (int j = 0; j < n; j++) {
                double dot = 0;
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    dot += eigen.vectors()[i + j * n] * a[i + j * n];
                    norm += eigen.vectors()[i + j * n] * eigen.vectors()[i + j * n];
                }
                assertThat(norm).as("n %d vector %d norm", n, j).isCloseTo(1,
                        org.assertj.core.data.Offset.offset(1e-12));
                // the centred matrix has one zero eigenvalue at the bottom; the others are distinct here
                if (j > 0 || n == 1) {
                    assertThat(Math.abs(dot)).as("n %d vector %d against dsyevd's", n, j).isCloseTo(1,
                            org.assertj.core.data.Offset.offset(1e-8));
                }
                for (int i = 0; i < n; i++) {
                    double kv = 0;
                    for (int l = 0; l < n; l++) {
                        kv += k[i + l * n] * eigen.vectors()[l + j * n];
                    }
                    assertThat(kv).as("n %d (K u - d u)[%d] of vector %d", n, i, j)
                            .isCloseTo(eigen.values()[j] * eigen.vectors()[i + j * n],
                                    org.assertj.core.data.Offset.offset(1e-12 * scale * Math.sqrt(n)));
                }
            }
        }
    }

    @Test
    void sameVectorsAtAnyWorkerCount() {
        int n = 700;
        double[] k = grm(n, 900, 5);
        Blas.Eigen one = ours(k, n, 1);
        for (int threads : new int[] {2, 3}) {
            Blas.Eigen other = ours(k, n, threads);
            assertThat(other.values()).isEqualTo(one.values());
            assertThat(other.vectors()).isEqualTo(one.vectors());
        }
    }
}
