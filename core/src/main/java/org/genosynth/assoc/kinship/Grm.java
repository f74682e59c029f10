package org.genosynth.assoc.kinship;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The standardized genetic relationship matrix {@code K = Z Z' / M} (GCTA's GRM, plink2 {@code --make-rel}):
 * {@code Z} the samples x variants matrix of {@link Standardized} values and {@code M} the number of variants
 * (monomorphic ones included, as plink2 counts them). With missing calls, as plink2, {@code K[i][j]} is divided by the
 * number of variants called in both {@code i} and {@code j} instead of {@code M} (a second {@code dsyrk} on the
 * missing-call indicators gives the counts). Built by BLAS {@code dsyrk} over blocks of variants; memory is
 * {@code 8 n^2} bytes, so this is for cohorts up to a few tens of thousands of samples.
 */
public final class Grm {
    private static final int BLOCK = 512;

    private Grm() {
    }

    /** The full symmetric matrix, column-major {@code n x n}. */
    public static double[] compute(Standardized z) {
        int n = z.sampleCount();
        int m = z.variantCount();
        double[] c = new double[Math.multiplyExact(n, n)];
        double[] block = new double[n * Math.min(BLOCK, Math.max(1, m))];
        BLAS blas = BLAS.getInstance();
        boolean missing = z.hasMissing();
        double[] both = missing ? new double[n * n] : null;
        for (int v0 = 0; v0 < m; v0 += BLOCK) {
            int v1 = Math.min(m, v0 + BLOCK);
            z.fill(v0, v1, block);
            blas.dsyrk("L", "N", n, v1 - v0, missing ? 1.0 : 1.0 / m, block, n, 1.0, c, n);
            if (missing) {
                z.fillMissing(v0, v1, block);
                blas.dsyrk("L", "N", n, v1 - v0, 1.0, block, n, 1.0, both, n);
            }
        }
        if (missing) {
            for (int j = 0; j < n; j++) {
                for (int i = j; i < n; i++) {
                    double called = m - both[i * n + i] - both[j * n + j] + both[j * n + i];
                    c[j * n + i] /= called;
                }
            }
        }
        for (int j = 0; j < n; j++) {
            for (int i = j + 1; i < n; i++) {
                c[i * n + j] = c[j * n + i];
            }
        }
        return c;
    }
}
