package org.genosynth.assoc.loco;

import dev.ludovic.netlib.blas.BLAS;
import java.io.Serial;
import org.genosynth.exec.BlockKernel;

/**
 * One slab's share of {@code X D_r X' w_r} for every column {@code w_r} of a matrix {@code W} ({@code n x R},
 * column-major): {@code X} the centred genotypes, {@code D_r} the diagonal of the variants' weights with the variants
 * of column {@code r}'s left-out chromosome set to 0. Computed as two BLAS {@code sgemm}s per 64 decoded variants
 * ({@code U = X'W}, masked and weighted, then {@code X U}) in single precision, which halves the time of the
 * products and of the decoding: the conjugate-gradient and REML iterations this serves need a relative accuracy of
 * 5e-4 at most (the per-variant statistics are computed in double precision by {@link ProjectionKernel}). The caller
 * adds the slabs' results in slab order, in double precision.
 */
final class GrmProductKernel implements BlockKernel<SnpSlab, float[]> {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Variants decoded at a time. */
    static final int CHUNK = 64;

    private final int n;
    private final int columns;
    private final float[] w;
    /** Per column: the chromosome index left out, or -1. */
    private final int[] leftOut;

    GrmProductKernel(int n, double[] w, int[] leftOut) {
        this.n = n;
        this.columns = leftOut.length;
        this.w = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            this.w[i] = (float) w[i];
        }
        this.leftOut = leftOut;
    }

    @Override
    public float[] apply(SnpSlab slab) {
        float[] out = new float[n * columns];
        int[] model = new int[slab.count()];
        int m = 0;
        for (int v = 0; v < slab.count(); v++) {
            if (slab.weight()[v] > 0) {
                model[m++] = v;
            }
        }
        if (m == 0) {
            return out;
        }
        BLAS blas = BLAS.getInstance();
        float[] x = new float[n * CHUNK];
        float[] u = new float[CHUNK * columns];
        for (int c0 = 0; c0 < m; c0 += CHUNK) {
            int k = Math.min(CHUNK, m - c0);
            for (int j = 0; j < k; j++) {
                int v = model[c0 + j];
                slab.decode(v, v + 1, x, j * n);
            }
            blas.sgemm("T", "N", k, columns, n, 1.0f, x, n, w, n, 0.0f, u, k);
            for (int j = 0; j < k; j++) {
                int v = model[c0 + j];
                float weight = (float) slab.weight()[v];
                int chrom = slab.chrom()[v];
                for (int r = 0; r < columns; r++) {
                    u[r * k + j] = leftOut[r] == chrom ? 0 : u[r * k + j] * weight;
                }
            }
            blas.sgemm("N", "N", n, columns, k, 1.0f, x, n, u, k, 1.0f, out, n);
        }
        return out;
    }
}
