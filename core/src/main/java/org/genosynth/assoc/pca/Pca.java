package org.genosynth.assoc.pca;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import java.util.SplittableRandom;
import org.genosynth.assoc.kinship.Grm;
import org.genosynth.assoc.kinship.Standardized;
import org.netlib.util.intW;

/**
 * Principal components of the standardized GRM {@code K = Z Z' / M} (plink2 {@code --pca}): {@link #exact} builds
 * {@code K} and asks LAPACK {@code dsyevr} for the top eigenpairs; {@link #approx} never forms {@code K}, running a
 * seeded randomized subspace iteration ({@code K Q} as {@code Z (Z' Q)} over blocks of variants, then a Rayleigh-Ritz
 * step), for cohorts too large for an {@code n x n} matrix. Eigenvector signs are fixed so that each PC's entry of
 * largest magnitude is positive.
 */
public final class Pca {
    private static final int BLOCK = 512;
    /** Subspace iterations of the randomized method. */
    public static final int APPROX_ITERATIONS = 10;

    private Pca() {
    }

    /** Exact top-{@code k} PCA through the GRM. */
    public static PcaResult exact(Standardized z, int k) {
        return exact(z, Grm.compute(z), k);
    }

    /**
     * Exact top-{@code k} PCA of {@code z} from its GRM ({@link Grm#compute}), which is overwritten: callers that need
     * several decompositions of one cohort compute the GRM once and pass copies.
     */
    public static PcaResult exact(Standardized z, double[] grm, int k) {
        int n = z.sampleCount();
        checkK(n, k);
        double[] w = new double[n];
        double[] vectors = new double[n * k];
        int[] isuppz = new int[2 * n];
        intW found = new intW(0);
        intW info = new intW(0);
        LAPACK lapack = LAPACK.getInstance();
        double[] work = new double[1];
        int[] iwork = new int[1];
        lapack.dsyevr("V", "I", "L", n, grm, n, 0, 0, n - k + 1, n, 0.0, found, w, vectors, n, isuppz, work, -1,
                iwork, -1, info);
        work = new double[(int) work[0]];
        iwork = new int[iwork[0]];
        lapack.dsyevr("V", "I", "L", n, grm, n, 0, 0, n - k + 1, n, 0.0, found, w, vectors, n, isuppz, work,
                work.length, iwork, iwork.length, info);
        if (info.val != 0 || found.val != k) {
            throw new IllegalStateException("dsyevr failed: info " + info.val + ", " + found.val + " of " + k);
        }
        double[] values = new double[k];
        double[] u = new double[n * k];
        for (int c = 0; c < k; c++) {
            int src = k - 1 - c; // ascending -> descending
            values[c] = w[src];
            for (int i = 0; i < n; i++) {
                u[i * k + c] = vectors[src * n + i];
            }
        }
        return finish(z, values, u);
    }

    /** Randomized top-{@code k} PCA (seeded; the same seed gives the same result). */
    public static PcaResult approx(Standardized z, int k, long seed) {
        int n = z.sampleCount();
        checkK(n, k);
        int l = Math.min(n, Math.max(2 * k, k + 10));
        SplittableRandom random = new SplittableRandom(seed);
        double[] q = new double[n * l];
        for (int i = 0; i < q.length; i++) {
            q[i] = gaussian(random);
        }
        orthonormalize(q, n, l);
        for (int it = 0; it < APPROX_ITERATIONS; it++) {
            q = multiplyK(z, q, l, null);
            orthonormalize(q, n, l);
        }
        double[] b = new double[l * l];
        multiplyK(z, q, l, b);
        // eigen-decomposition of the small l x l Rayleigh quotient
        double[] w = new double[l];
        double[] vec = new double[l * l];
        int[] isuppz = new int[2 * l];
        intW found = new intW(0);
        intW info = new intW(0);
        double[] work = new double[Math.max(1, 26 * l)];
        int[] iwork = new int[Math.max(1, 10 * l)];
        LAPACK.getInstance().dsyevr("V", "A", "L", l, b, l, 0, 0, 0, 0, 0.0, found, w, vec, l, isuppz, work,
                work.length, iwork, iwork.length, info);
        if (info.val != 0) {
            throw new IllegalStateException("dsyevr failed: info " + info.val);
        }
        double[] values = new double[k];
        double[] small = new double[l * k];
        for (int c = 0; c < k; c++) {
            int src = l - 1 - c;
            values[c] = w[src];
            System.arraycopy(vec, src * l, small, c * l, l);
        }
        double[] uCol = new double[n * k];
        BLAS.getInstance().dgemm("N", "N", n, k, l, 1.0, q, n, small, l, 0.0, uCol, n);
        double[] u = new double[n * k];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) {
                u[i * k + c] = uCol[c * n + i];
            }
        }
        return finish(z, values, u);
    }

    private static void checkK(int n, int k) {
        if (k < 1 || k > n) {
            throw org.genosynth.io.InputException.usage("--pcs (number of PCs) must be between 1 and the sample count ("
                    + n + "), got " + k);
        }
    }

    /**
     * {@code K Q} for column-major {@code n x l} Q (returned as a new matrix); when {@code rayleigh} is not null, it
     * instead receives {@code Q' K Q} ({@code l x l}) and the method returns null.
     */
    static double[] multiplyK(Standardized z, double[] q, int l, double[] rayleigh) {
        int n = z.sampleCount();
        int m = z.variantCount();
        BLAS blas = BLAS.getInstance();
        double[] y = rayleigh == null ? new double[n * l] : null;
        double[] block = new double[n * Math.min(BLOCK, m)];
        double[] t = new double[Math.min(BLOCK, m) * l];
        for (int v0 = 0; v0 < m; v0 += BLOCK) {
            int v1 = Math.min(m, v0 + BLOCK);
            int b = v1 - v0;
            z.fill(v0, v1, block);
            blas.dgemm("T", "N", b, l, n, 1.0, block, n, q, n, 0.0, t, b);
            if (rayleigh == null) {
                blas.dgemm("N", "N", n, l, b, 1.0 / m, block, n, t, b, 1.0, y, n);
            } else {
                blas.dgemm("T", "N", l, l, b, 1.0 / m, t, b, t, b, 1.0, rayleigh, l);
            }
        }
        return y;
    }

    /** Orthonormal columns by Householder QR (LAPACK dgeqrf + dorgqr), in place. */
    static void orthonormalize(double[] a, int n, int l) {
        LAPACK lapack = LAPACK.getInstance();
        double[] tau = new double[l];
        intW info = new intW(0);
        double[] work = new double[Math.max(1, 64 * l)];
        lapack.dgeqrf(n, l, a, n, tau, work, work.length, info);
        lapack.dorgqr(n, l, l, a, n, tau, work, work.length, info);
        if (info.val != 0) {
            throw new IllegalStateException("QR failed: info " + info.val);
        }
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Fixes signs and computes variant weights {@code a = Z' U / sqrt(lambda)}. */
    private static PcaResult finish(Standardized z, double[] values, double[] u) {
        int n = z.sampleCount();
        int k = values.length;
        for (int c = 0; c < k; c++) {
            double best = 0;
            for (int i = 0; i < n; i++) {
                if (Math.abs(u[i * k + c]) > Math.abs(best)) {
                    best = u[i * k + c];
                }
            }
            if (best < 0) {
                for (int i = 0; i < n; i++) {
                    u[i * k + c] = -u[i * k + c];
                }
            }
        }
        int m = z.variantCount();
        double[] uCol = new double[n * k];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) {
                uCol[c * n + i] = u[i * k + c];
            }
        }
        double[] weights = new double[m * k];
        double[] block = new double[n * Math.min(BLOCK, m)];
        double[] t = new double[Math.min(BLOCK, m) * k];
        BLAS blas = BLAS.getInstance();
        for (int v0 = 0; v0 < m; v0 += BLOCK) {
            int v1 = Math.min(m, v0 + BLOCK);
            int b = v1 - v0;
            z.fill(v0, v1, block);
            blas.dgemm("T", "N", b, k, n, 1.0, block, n, uCol, n, 0.0, t, b);
            for (int c = 0; c < k; c++) {
                double scale = 1.0 / Math.sqrt(values[c]);
                for (int r = 0; r < b; r++) {
                    weights[(v0 + r) * k + c] = t[c * b + r] * scale;
                }
            }
        }
        PcaModel model = new PcaModel(z.matrix().variants(), z.altFrequencies(), weights, values);
        return new PcaResult(z.matrix().samples(), values, u, model);
    }
}
