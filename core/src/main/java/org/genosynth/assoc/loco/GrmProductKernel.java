package org.genosynth.assoc.loco;

import dev.ludovic.netlib.blas.BLAS;
import java.io.Serial;
import org.genosynth.exec.BlockKernel;

/**
 * One slab's share of {@code X D_r X' w_r} for every column {@code w_r} of a matrix {@code W} ({@code n x R},
 * column-major): {@code X} the centred genotypes, {@code D_r} the diagonal of the variants' weights with the variants
 * of column {@code r}'s left-out chromosome set to 0. Computed as two BLAS {@code dgemm}s per 64 decoded variants
 * ({@code U = X'W}, masked and weighted, then {@code X U}); the caller adds the slabs' results in slab order.
 */
final class GrmProductKernel implements BlockKernel<SnpSlab, double[]> {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Variants decoded at a time. */
    static final int CHUNK = 64;

    private final int n;
    private final int columns;
    private final double[] w;
    /** Per column: the chromosome index left out, or -1. */
    private final int[] leftOut;

    GrmProductKernel(int n, double[] w, int[] leftOut) {
        this.n = n;
        this.columns = leftOut.length;
        this.w = w;
        this.leftOut = leftOut;
    }

    @Override
    public double[] apply(SnpSlab slab) {
        double[] out = new double[n * columns];
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
        double[] x = new double[n * CHUNK];
        double[] u = new double[CHUNK * columns];
        for (int c0 = 0; c0 < m; c0 += CHUNK) {
            int k = Math.min(CHUNK, m - c0);
            for (int j = 0; j < k; j++) {
                int v = model[c0 + j];
                slab.decode(v, v + 1, x, j * n);
            }
            blas.dgemm("T", "N", k, columns, n, 1.0, x, n, w, n, 0.0, u, k);
            for (int j = 0; j < k; j++) {
                int v = model[c0 + j];
                double weight = slab.weight()[v];
                int chrom = slab.chrom()[v];
                for (int r = 0; r < columns; r++) {
                    u[r * k + j] = leftOut[r] == chrom ? 0 : u[r * k + j] * weight;
                }
            }
            blas.dgemm("N", "N", n, columns, k, 1.0, x, n, u, k, 1.0, out, n);
        }
        return out;
    }
}
