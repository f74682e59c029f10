package org.genosynth.eval.privacy;

import java.util.ArrayList;
import java.util.List;
import org.genosynth.assoc.kinship.KingKinship;
import org.genosynth.exec.Backend;
import org.genosynth.exec.BlockKernel;
import org.genosynth.exec.Shared;

/**
 * Genotype distance and KING-robust kinship between every sample of one set (rows) and every sample of another
 * (columns), or within one set. The distance is the mean absolute difference in ALT allele count over the variants
 * called in both, divided by 2 so it lies in [0, 1] (0: identical genotypes; IBS0 at every variant: 1); it comes
 * from the same counts as KING: {@code (het1hom2 + het2hom1 + 2 IBS0) / (2 NSNP)}. Within a set the diagonal is NaN.
 *
 * <p>For inbred or haploid-like coding (see {@link org.genosynth.eval.Coding}) KING-robust kinship is meaningless (its
 * denominator counts heterozygotes); there the relatedness plane holds the identity-by-state share instead: the share
 * of the variants called in both at which the two genotypes are identical,
 * {@code 1 - (het1hom2 + het2hom1 + IBS0) / NSNP}.
 */
public final class PairMatrix {
    private static final int ROW_BLOCK = 8;
    private static final int COL_BLOCK = 96;

    private final int rows;
    private final int cols;
    private final float[] distance;
    private final float[] kinship;

    private PairMatrix(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.distance = new float[rows * cols];
        this.kinship = new float[rows * cols];
    }

    /**
     * Pairs {@code (rowSamples[r], colSamples[c])} of the KING planes' samples. When {@code within} is true the two
     * arrays must be the same set, and each unordered pair is computed once.
     */
    public static PairMatrix compute(KingKinship king, int[] rowSamples, int[] colSamples, boolean within,
            Backend backend) {
        return compute(king, rowSamples, colSamples, within, false, backend);
    }

    /**
     * As {@link #compute(KingKinship, int[], int[], boolean, Backend)}; with {@code ibs} the relatedness plane
     * ({@link #kinship(int, int)}) holds the identity-by-state share instead of KING-robust kinship.
     */
    public static PairMatrix compute(KingKinship king, int[] rowSamples, int[] colSamples, boolean within,
            boolean ibs, Backend backend) {
        return compute(Shared.of(king), rowSamples, colSamples, within, ibs, backend);
    }

    /**
     * As {@link #compute(KingKinship, int[], int[], boolean, boolean, Backend)} over planes shared once for several
     * matrices ({@link Backend#share}: on Spark one broadcast for all of them, the kernels carrying only the handle).
     */
    public static PairMatrix compute(Shared<KingKinship> shared, int[] rowSamples, int[] colSamples, boolean within,
            boolean ibs, Backend backend) {
        PairMatrix pm = new PairMatrix(rowSamples.length, colSamples.length);
        List<int[]> blocks = new ArrayList<>();
        for (int r = 0; r < rowSamples.length; r += ROW_BLOCK) {
            blocks.add(new int[] {r, Math.min(rowSamples.length, r + ROW_BLOCK)});
        }
        int nc = colSamples.length;
        // a BlockKernel: the handle of KING's planes and the two sample lists are what it ships
        BlockKernel<int[], Object[]> kernel = b -> {
            KingKinship king = shared.get();
            int n = b[1] - b[0];
            float[] d = new float[n * nc];
            float[] k = new float[n * nc];
            for (int c0 = 0; c0 < nc; c0 += COL_BLOCK) {
                int c1 = Math.min(nc, c0 + COL_BLOCK);
                for (int r = b[0]; r < b[1]; r++) {
                    int start = within ? Math.max(c0, r + 1) : c0;
                    for (int c = start; c < c1; c++) {
                        KingKinship.PairCounts pc = king.pair(rowSamples[r], colSamples[c]);
                        int at = (r - b[0]) * nc + c;
                        d[at] = pc.nsnp() == 0 ? Float.NaN
                                : (float) ((pc.het1Hom2() + pc.het2Hom1() + 2.0 * pc.ibs0()) / (2.0 * pc.nsnp()));
                        k[at] = !ibs ? (float) pc.kinship() : pc.nsnp() == 0 ? Float.NaN
                                : (float) (1.0 - (double) (pc.het1Hom2() + pc.het2Hom1() + pc.ibs0()) / pc.nsnp());
                    }
                }
            }
            return new Object[] {b, d, k};
        };
        backend.mapOrdered(blocks.iterator(), kernel, res -> {
            int[] b = (int[]) res[0];
            System.arraycopy((float[]) res[1], 0, pm.distance, b[0] * nc, (b[1] - b[0]) * nc);
            System.arraycopy((float[]) res[2], 0, pm.kinship, b[0] * nc, (b[1] - b[0]) * nc);
        });
        if (within) {
            for (int r = 0; r < pm.rows; r++) {
                pm.distance[r * nc + r] = Float.NaN;
                pm.kinship[r * nc + r] = Float.NaN;
                for (int c = 0; c < r; c++) {
                    pm.distance[r * nc + c] = pm.distance[c * nc + r];
                    pm.kinship[r * nc + c] = pm.kinship[c * nc + r];
                }
            }
        }
        return pm;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double distance(int r, int c) {
        return distance[r * cols + c];
    }

    public double kinship(int r, int c) {
        return kinship[r * cols + c];
    }

    /** Per row, the smallest distance to a column among {@code colSubset} (null: all columns); NaN entries skipped. */
    public double[] rowMinDistance(int[] rowSubset, int[] colSubset) {
        int[] rs = rowSubset == null ? range(rows) : rowSubset;
        int[] cs = colSubset == null ? range(cols) : colSubset;
        double[] out = new double[rs.length];
        for (int i = 0; i < rs.length; i++) {
            double min = Double.POSITIVE_INFINITY;
            for (int c : cs) {
                float v = distance[rs[i] * cols + c];
                if (v < min) {
                    min = v;
                }
            }
            out[i] = min == Double.POSITIVE_INFINITY ? Double.NaN : min;
        }
        return out;
    }

    /** Per column, the smallest distance to a row among {@code rowSubset} (null: all rows). */
    public double[] colMinDistance(int[] colSubset, int[] rowSubset) {
        int[] rs = rowSubset == null ? range(rows) : rowSubset;
        int[] cs = colSubset == null ? range(cols) : colSubset;
        double[] out = new double[cs.length];
        java.util.Arrays.fill(out, Double.POSITIVE_INFINITY);
        for (int r : rs) {
            for (int j = 0; j < cs.length; j++) {
                float v = distance[r * cols + cs[j]];
                if (v < out[j]) {
                    out[j] = v;
                }
            }
        }
        for (int j = 0; j < out.length; j++) {
            out[j] = out[j] == Double.POSITIVE_INFINITY ? Double.NaN : out[j];
        }
        return out;
    }

    /** Per row, the largest kinship to any column. */
    public double[] rowMaxKinship() {
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                float v = kinship[r * cols + c];
                if (v > max) {
                    max = v;
                }
            }
            out[r] = max;
        }
        return out;
    }

    /** The kinship values of the upper triangle (within a set) or of every pair, as doubles. */
    public double[] kinshipValues(boolean upperTriangle) {
        double[] out = new double[upperTriangle ? rows * (rows - 1) / 2 : rows * cols];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = upperTriangle ? r + 1 : 0; c < cols; c++) {
                out[k++] = kinship[r * cols + c];
            }
        }
        return out;
    }

    static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
