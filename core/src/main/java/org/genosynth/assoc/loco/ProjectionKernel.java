package org.genosynth.assoc.loco;

import dev.ludovic.netlib.blas.BLAS;
import java.io.Serial;
import org.genosynth.exec.BlockKernel;

/**
 * Per variant of a slab, {@code x'W} for the columns of a matrix {@code W} ({@code n x R}, column-major) and
 * {@code x'x}, {@code x} the centred genotypes: {@code R + 1} numbers a variant, variant-major. Variants of weight 0
 * are computed too (they are tested even when they are not in the model).
 */
final class ProjectionKernel implements BlockKernel<SnpSlab, double[]> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int n;
    private final int columns;
    private final double[] w;

    ProjectionKernel(int n, int columns, double[] w) {
        this.n = n;
        this.columns = columns;
        this.w = w;
    }

    @Override
    public double[] apply(SnpSlab slab) {
        int stride = columns + 1;
        double[] out = new double[slab.count() * stride];
        BLAS blas = BLAS.getInstance();
        int chunk = GrmProductKernel.CHUNK;
        double[] x = new double[n * chunk];
        double[] u = new double[chunk * Math.max(1, columns)];
        for (int c0 = 0; c0 < slab.count(); c0 += chunk) {
            int k = Math.min(chunk, slab.count() - c0);
            slab.decode(c0, c0 + k, x, 0);
            if (columns > 0) {
                blas.dgemm("T", "N", k, columns, n, 1.0, x, n, w, n, 0.0, u, k);
            }
            for (int j = 0; j < k; j++) {
                double ss = 0;
                for (int i = j * n, end = i + n; i < end; i++) {
                    ss += x[i] * x[i];
                }
                int at = (c0 + j) * stride;
                for (int r = 0; r < columns; r++) {
                    out[at + r] = u[r * k + j];
                }
                out[at + columns] = ss;
            }
        }
        return out;
    }
}
