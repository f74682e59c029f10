package org.genosynth.assoc.pca;

import dev.ludovic.netlib.blas.BLAS;
import java.io.Serial;
import org.genosynth.assoc.kinship.Standardized;
import org.genosynth.exec.BlockKernel;
import org.genosynth.exec.Shared;

/**
 * One variant range's share of a randomized-PCA pass, {@code Z_r Z_r' Q / M} for the range's standardized genotypes
 * {@code Z_r} ({@code n x b}) and a block {@code Q} ({@code n x l}, column-major): per {@link Pca#blockFor} variants,
 * one decode and two BLAS {@code dgemm}s. The caller adds the ranges' results in range order, so a pass gives the same
 * bytes on any backend and at any thread count.
 */
final class ProductKernel implements BlockKernel<int[], double[]> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Shared<Standardized> cohort;
    private final double[] q;
    private final int l;

    /** The pass for block {@code q} over the cohort shared once for all passes ({@link Shared}). */
    ProductKernel(Shared<Standardized> cohort, double[] q, int l) {
        this.cohort = cohort;
        this.q = q;
        this.l = l;
    }

    @Override
    public double[] apply(int[] range) {
        Standardized z = cohort.get();
        int n = z.sampleCount();
        int m = z.variantCount();
        BLAS blas = BLAS.getInstance();
        double[] y = new double[n * l];
        int step = Pca.blockFor(n);
        int most = Math.min(step, range[1] - range[0]);
        double[] block = new double[n * most];
        double[] t = new double[most * l];
        for (int v0 = range[0]; v0 < range[1]; v0 += step) {
            int v1 = Math.min(range[1], v0 + step);
            int b = v1 - v0;
            z.fill(v0, v1, block);
            blas.dgemm("T", "N", b, l, n, 1.0, block, n, q, n, 0.0, t, b);
            blas.dgemm("N", "N", n, l, b, 1.0 / m, block, n, t, b, 1.0, y, n);
        }
        return y;
    }

    @Override
    public long resultBytes() {
        return 8L * q.length;
    }
}
