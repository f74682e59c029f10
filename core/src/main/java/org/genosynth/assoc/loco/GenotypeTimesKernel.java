package org.genosynth.assoc.loco;

import dev.ludovic.netlib.blas.BLAS;
import java.io.Serial;
import org.genosynth.exec.BlockKernel;

/**
 * One slab's share of {@code X S^1/2 B}: {@code X} the centred genotypes, {@code S} the model weights and {@code B}
 * one row of {@code T} numbers per variant of the cohort ({@code B[v * T + t]}), e.g. random per-variant effects whose
 * sum is a simulated genetic value. Variants of weight 0 add nothing.
 */
final class GenotypeTimesKernel implements BlockKernel<SnpSlab, double[]> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int n;
    private final int columns;
    private final double[] b;

    GenotypeTimesKernel(int n, int columns, double[] b) {
        this.n = n;
        this.columns = columns;
        this.b = b;
    }

    @Override
    public double[] apply(SnpSlab slab) {
        double[] out = new double[n * columns];
        int chunk = GrmProductKernel.CHUNK;
        double[] x = new double[n * chunk];
        double[] u = new double[chunk * columns];
        BLAS blas = BLAS.getInstance();
        for (int c0 = 0; c0 < slab.count(); c0 += chunk) {
            int k = Math.min(chunk, slab.count() - c0);
            slab.decode(c0, c0 + k, x, 0);
            for (int j = 0; j < k; j++) {
                double scale = Math.sqrt(slab.weight()[c0 + j]);
                int v = slab.first() + c0 + j;
                for (int t = 0; t < columns; t++) {
                    u[t * k + j] = scale * b[v * columns + t];
                }
            }
            blas.dgemm("N", "N", n, columns, k, 1.0, x, n, u, k, 1.0, out, n);
        }
        return out;
    }
}
