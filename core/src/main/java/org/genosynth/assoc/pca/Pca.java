package org.genosynth.assoc.pca;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import java.util.SplittableRandom;
import org.genosynth.assoc.kinship.Grm;
import org.genosynth.assoc.kinship.Standardized;
import org.genosynth.exec.Backend;
import org.genosynth.exec.BlockKernel;
import org.genosynth.exec.Shared;
import org.netlib.util.intW;

/**
 * Principal components of the standardized GRM {@code K = Z Z' / M} (plink2 {@code --pca}): {@link #exact} builds
 * {@code K} and asks LAPACK {@code dsyevr} for the top eigenpairs; {@link #approx} never forms {@code K}, running a
 * seeded block Krylov iteration ({@code K Q} as {@code Z (Z' Q)} over blocks of variants, Rayleigh-Ritz on every block
 * so far, stopped by a convergence test), for cohorts too large for an {@code n x n} matrix. Eigenvector signs are fixed so that each PC's entry of
 * largest magnitude is positive.
 */
public final class Pca {
    /** Variants standardized per product: at most this many, and about {@link #BLOCK_DOUBLES} values. */
    private static final int MAX_BLOCK = 512;
    /**
     * About this many doubles (8 MB) per standardized block, so that a block stays in the last-level cache between being filled and the
     * two products that read it (20,000 samples x 512 variants was 80 MB, streamed from memory three times).
     */
    private static final int BLOCK_DOUBLES = 1 << 20;
    /** Variant ranges per pass of the randomized method: enough to balance a few workers. */
    static final int RANGES = 16;
    /**
     * The randomized method stops when every top-{@code k} Ritz value's estimated remaining error (Aitken: the last
     * step times {@code r / (1 - r)}, {@code r} the ratio of the last two steps) is below this share of it: a third
     * of the 1 % the eigenvalues are asked to be within. At 1e-3, 20,000 x 100,000 took 77.9 s against plink2's
     * 60.8 s; at 3e-3, 67.6 s against 62.2 s (medians of 3), the worst error on random genotypes 0.105 %
     * (PcaApproxTest).
     */
    public static final double APPROX_TOLERANCE = 3e-3;
    /** Krylov blocks (passes over the genotypes) of the randomized method at least and at most. */
    public static final int APPROX_MIN_BLOCKS = 3;
    public static final int APPROX_MAX_BLOCKS = 40;

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

    /**
     * Randomized top-{@code k} PCA (seeded; the same seed gives the same result) by block Krylov iteration (Musco &amp;
     * Musco 2015): a random block {@code Q_0} of {@code l} columns, then {@code Q_{t+1}} = {@code K Q_t} made orthogonal
     * to every earlier block; the Rayleigh quotient of {@code K} on the span of all blocks needs no extra pass (each
     * {@code K Q_t} is the pass that made the next block), and its top eigenvalues (Ritz values) are checked after
     * every pass: the iteration stops when none of the top {@code k} moved by more than {@link #APPROX_TOLERANCE}.
     * Krylov spaces converge with the square root of the eigengaps, so near-degenerate spectra (random genotypes)
     * reach 1 % where plain subspace iteration stalls (10 passes: 5-8 % low).
     */
    public static PcaResult approx(Standardized z, int k, long seed) {
        return approx(z, k, seed, null);
    }

    /**
     * As {@link #approx(Standardized, int, long)}, every pass over the genotypes run on {@code backend} in
     * {@link #ranges} of variants, added in range order (null: on the calling thread, the same ranges): the same
     * bytes on any backend and thread count.
     */
    public static PcaResult approx(Standardized z, int k, long seed, Backend backend) {
        int n = z.sampleCount();
        checkK(n, k);
        int l = Math.min(n, Math.max(k + 2, Math.min(2 * k, k + 10)));
        SplittableRandom random = new SplittableRandom(seed);
        double[] q = new double[n * l];
        for (int i = 0; i < q.length; i++) {
            q[i] = gaussian(random);
        }
        orthonormalize(q, n, l);
        java.util.List<double[]> blocks = new java.util.ArrayList<>();
        // the cohort is shipped once for every pass (a distributed backend broadcasts it once)
        Shared<Standardized> cohort = backend == null ? Shared.of(z) : backend.share(z);
        double[][] missing = z.hasMissing() ? missingCorrection(cohort, backend) : null;
        int maxBlocks = Math.max(1, Math.min(APPROX_MAX_BLOCKS, n / l));
        // the Rayleigh quotient W' K W of all blocks, grown by one block column (and row) per pass
        double[] quotient = new double[0];
        double[] previous = null;
        double[] step = null;
        while (true) {
            double[] y = missing == null ? product(cohort, q, l, backend)
                    : multiplyCorrected(cohort, q, l, missing, backend);
            blocks.add(q);
            quotient = grow(quotient, blocks, y, n, l);
            double[] values = eigen(quotient, blocks.size() * l, false)[0];
            // Ritz values rise geometrically: with r the ratio of the last two steps, the remaining error is about
            // step r / (1 - r) (Aitken); stop when that is below the tolerance for every top-k value
            double[] now = new double[k];
            boolean converged = previous != null && step != null && blocks.size() >= APPROX_MIN_BLOCKS;
            for (int c = 0; c < k; c++) {
                now[c] = previous == null ? Double.NaN : values[c] - previous[c];
                if (converged) {
                    double r = step[c] > 0 ? Math.min(0.95, Math.max(0, now[c] / step[c])) : 0.95;
                    converged = Math.abs(now[c]) * r / (1 - r) <= APPROX_TOLERANCE * Math.abs(values[c]);
                }
            }
            if (converged || blocks.size() >= maxBlocks) {
                break;
            }
            step = previous == null ? null : now;
            previous = values;
            q = nextBlock(y, blocks, n, l);
            if (q == null) {
                break; // the Krylov space is exhausted: the decomposition on it is exact
            }
        }
        cohort.release();
        double[][] ritz = ritzPairs(quotient, blocks, n, l, k);
        return finish(z, ritz[0], ritz[1]);
    }

    /**
     * With missing calls the exact GRM divides each pair's product by the variants called in both; mean imputation
     * alone divides by all of them (1 % missing: eigenvalues 1.6 % low). Under missingness independent of the pair,
     * {@code K_ij ~ z_i.z_j / (M r_i r_j)} with {@code r_i} sample i's call rate, and {@code K_ii = z_i.z_i / (M r_i)}:
     * {@code [0]} the row scales {@code 1 / r_i}, {@code [1]} the diagonal correction.
     */
    private static double[][] missingCorrection(Shared<Standardized> cohort, Backend backend) {
        Standardized shape = cohort.get();
        int n = shape.sampleCount();
        int m = shape.variantCount();
        // per range: each sample's sum of squared z over its called variants, then its called count
        BlockKernel<int[], double[]> kernel = range -> {
            Standardized z = cohort.get();
            org.genosynth.model.GenotypeMatrix g = z.matrix();
            double[] part = new double[2 * n];
            for (int v = range[0]; v < range[1]; v++) {
                for (int i = 0; i < n; i++) {
                    int code = g.code(v, i);
                    if (code != org.genosynth.model.GenotypeCodes.MISSING) {
                        double x = z.z(v, code);
                        part[i] += x * x;
                        part[n + i]++;
                    }
                }
            }
            return part;
        };
        double[] sums = pass(shape, kernel, 2 * n, backend);
        double[] ss = java.util.Arrays.copyOf(sums, n);
        int[] called = new int[n];
        for (int i = 0; i < n; i++) {
            called[i] = (int) sums[n + i];
        }
        double[] scale = new double[n];
        double[] diag = new double[n];
        for (int i = 0; i < n; i++) {
            double r = called[i] == 0 ? 1 : (double) called[i] / m;
            scale[i] = 1 / r;
            diag[i] = called[i] == 0 ? 0 : ss[i] / called[i] - ss[i] * scale[i] * scale[i] / m;
        }
        return new double[][] {scale, diag};
    }

    /** {@code K Q} with the {@link #missingCorrection}: {@code D Z Z' D Q / M + diag Q}. */
    private static double[] multiplyCorrected(Shared<Standardized> cohort, double[] q, int l,
            double[][] correction, Backend backend) {
        int n = cohort.get().sampleCount();
        double[] scale = correction[0];
        double[] diag = correction[1];
        double[] scaled = q.clone();
        for (int c = 0; c < l; c++) {
            for (int i = 0; i < n; i++) {
                scaled[c * n + i] *= scale[i];
            }
        }
        double[] y = product(cohort, scaled, l, backend);
        for (int c = 0; c < l; c++) {
            for (int i = 0; i < n; i++) {
                y[c * n + i] = y[c * n + i] * scale[i] + diag[i] * q[c * n + i];
            }
        }
        return y;
    }

    /** The next Krylov block: {@code y} made orthogonal to every block (twice, for stability), then orthonormalized. */
    private static double[] nextBlock(double[] y, java.util.List<double[]> blocks, int n, int l) {
        double[] q = y.clone();
        BLAS blas = BLAS.getInstance();
        double[] c = new double[l * l];
        for (int pass = 0; pass < 2; pass++) {
            for (double[] b : blocks) {
                blas.dgemm("T", "N", l, l, n, 1.0, b, n, q, n, 0.0, c, l);
                blas.dgemm("N", "N", n, l, l, -1.0, b, n, c, l, 1.0, q, n);
            }
        }
        double norm = 0;
        for (double v : q) {
            norm += v * v;
        }
        if (!(norm > 1e-20 * l)) {
            return null;
        }
        orthonormalize(q, n, l);
        return q;
    }

    /**
     * The Rayleigh quotient of the blocks so far ({@code big x big}, column-major, {@code big = blocks x l}) from the
     * previous one and the newest block's product {@code y = K Q_t}: column (and row) block {@code t} is
     * {@code Q_i' y}.
     */
    private static double[] grow(double[] old, java.util.List<double[]> blocks, double[] y, int n, int l) {
        int t = blocks.size() - 1;
        int big = (t + 1) * l;
        int oldBig = t * l;
        double[] b = new double[big * big];
        for (int col = 0; col < oldBig; col++) {
            System.arraycopy(old, col * oldBig, b, col * big, oldBig);
        }
        double[] c = new double[l * l];
        BLAS blas = BLAS.getInstance();
        for (int i = 0; i <= t; i++) {
            blas.dgemm("T", "N", l, l, n, 1.0, blocks.get(i), n, y, n, 0.0, c, l);
            for (int a = 0; a < l; a++) {
                for (int d = 0; d < l; d++) {
                    double v = c[d * l + a]; // (Q_i' K Q_t)[a][d]
                    if (i == t) {
                        v = 0.5 * (v + c[a * l + d]);
                    }
                    b[(t * l + d) * big + i * l + a] = v;
                    b[(i * l + a) * big + t * l + d] = v;
                }
            }
        }
        return b;
    }

    /** Eigenvalues (largest first) and, with {@code vectors}, eigenvectors (column-major) of a symmetric matrix. */
    private static double[][] eigen(double[] matrix, int size, boolean vectors) {
        double[] a = matrix.clone();
        double[] w = new double[size];
        double[] vec = new double[size * size];
        int[] isuppz = new int[2 * size];
        intW found = new intW(0);
        intW info = new intW(0);
        double[] work = new double[Math.max(1, 26 * size)];
        int[] iwork = new int[Math.max(1, 10 * size)];
        LAPACK.getInstance().dsyevr(vectors ? "V" : "N", "A", "L", size, a, size, 0, 0, 0, 0, 0.0, found, w, vec,
                size, isuppz, work, work.length, iwork, iwork.length, info);
        if (info.val != 0) {
            throw new IllegalStateException("dsyevr failed: info " + info.val);
        }
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = w[size - 1 - i];
        }
        return new double[][] {values, vec};
    }

    /** The top-{@code k} Ritz pairs: {@code [0]} values, {@code [1]} vectors ({@code n x k}, row-major). */
    private static double[][] ritzPairs(double[] quotient, java.util.List<double[]> blocks, int n, int l, int k) {
        int big = blocks.size() * l;
        double[][] e = eigen(quotient, big, true);
        double[] vec = e[1];
        double[] values = java.util.Arrays.copyOf(e[0], k);
        double[] u = new double[n * k];
        double[] col = new double[n];
        BLAS blas = BLAS.getInstance();
        for (int t = 0; t < k; t++) {
            int src = big - 1 - t;
            java.util.Arrays.fill(col, 0);
            for (int i = 0; i < blocks.size(); i++) {
                blas.dgemv("N", n, l, 1.0, blocks.get(i), 0, n, vec, src * big + i * l, 1, 1.0, col, 0, 1);
            }
            for (int r = 0; r < n; r++) {
                u[r * k + t] = col[r];
            }
        }
        return new double[][] {values, u};
    }

    /** Eigenvalues of the symmetric {@code l x l} matrix {@code b} (not changed), largest first. */
    private static double[] ritzValues(double[] b, int l) {
        double[] a = b.clone();
        double[] w = new double[l];
        intW info = new intW(0);
        double[] work = new double[Math.max(1, 3 * l)];
        LAPACK.getInstance().dsyev("N", "L", l, a, l, w, work, work.length, info);
        if (info.val != 0) {
            throw new IllegalStateException("dsyev failed: info " + info.val);
        }
        double[] out = new double[l];
        for (int i = 0; i < l; i++) {
            out[i] = w[l - 1 - i];
        }
        return out;
    }

    private static void checkK(int n, int k) {
        if (k < 1 || k > n) {
            throw org.genosynth.io.InputException.usage("--pcs (number of PCs) must be between 1 and the sample count ("
                    + n + "), got " + k);
        }
    }

    /** {@code K Q} in one pass of {@link ProductKernel} over the {@link #ranges}. */
    private static double[] product(Shared<Standardized> cohort, double[] q, int l, Backend backend) {
        Standardized z = cohort.get();
        return pass(z, new ProductKernel(cohort, q, l), z.sampleCount() * l, backend);
    }

    /** The sum, in range order, of {@code kernel}'s results ({@code size} doubles) over the {@link #ranges}. */
    private static double[] pass(Standardized z, BlockKernel<int[], double[]> kernel, int size, Backend backend) {
        double[] sum = new double[size];
        java.util.function.Consumer<double[]> add = part -> {
            for (int i = 0; i < size; i++) {
                sum[i] += part[i];
            }
        };
        java.util.List<int[]> ranges = ranges(z.variantCount(), z.sampleCount());
        if (backend == null) {
            ranges.forEach(r -> add.accept(kernel.apply(r)));
        } else {
            backend.mapOrdered(ranges.iterator(), kernel, add);
        }
        return sum;
    }

    /**
     * The variant ranges of a pass: about {@link #RANGES} of them, each a whole number of {@link #blockFor} blocks (a
     * function of the variant and sample counts only).
     */
    static java.util.List<int[]> ranges(int m, int n) {
        int block = blockFor(n);
        int size = Math.max(block, ((m + RANGES - 1) / RANGES + block - 1) / block * block);
        java.util.List<int[]> out = new java.util.ArrayList<>();
        for (int v = 0; v < m; v += size) {
            out.add(new int[] {v, Math.min(m, v + size)});
        }
        return out;
    }

    /** Variants per standardized block for {@code n} samples (a function of {@code n} only: same bytes anywhere). */
    static int blockFor(int n) {
        return Math.max(16, Math.min(MAX_BLOCK, BLOCK_DOUBLES / Math.max(1, n)));
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
        int step = blockFor(n);
        double[] block = new double[n * Math.min(step, m)];
        double[] t = new double[Math.min(step, m) * k];
        BLAS blas = BLAS.getInstance();
        for (int v0 = 0; v0 < m; v0 += step) {
            int v1 = Math.min(m, v0 + step);
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
