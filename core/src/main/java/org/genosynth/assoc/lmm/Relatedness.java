package org.genosynth.assoc.lmm;

import java.util.ArrayList;
import java.util.List;
import org.genosynth.exec.Backend;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.model.GenotypeMatrix;

/**
 * GEMMA's centred relatedness matrix ({@code -gk 1}): {@code K = X X' / p} over the chosen SNPs, where each SNP's
 * dosages have missing values replaced by the mean over all samples of the matrix and are then centred over the
 * requested rows. With all rows this is GEMMA's {@code .cXX.txt}; with the analysed rows it equals what GEMMA's
 * {@code -lmm} uses after reading that file and centring it ({@code CenterMatrix}). Column-major, symmetric.
 *
 * <p>Built on blocks of {@value #BLOCK} SNPs: the block's centred dosages {@code Z} (filled by the backend's workers,
 * a range of SNPs each), then {@code K += Z Z'} as {@value #PANELS} fixed column panels of the upper triangle of
 * about equal area (each a BLAS dsyrk on its diagonal tile and a dgemm above it, one BLAS thread), run by the
 * backend's workers. The panels and the blocks are the same at any thread count, and every element of {@code K} is
 * summed over the blocks in SNP order, so the matrix is identical at any {@code --threads}.
 */
public final class Relatedness {
    private static final int BLOCK = 1024;
    /** Column panels of K's upper triangle: enough to keep a few workers busy, few enough for large products. */
    private static final int PANELS = 8;
    /** SNPs per filling task. */
    private static final int FILL = 64;

    private Relatedness() {
    }

    /** As {@link #centred(GenotypeMatrix, int[], boolean[], Backend)}, on the calling thread. */
    public static double[] centred(GenotypeMatrix g, int[] rows, boolean[] snps) {
        try (ExecutionContext context = ExecutionContext.local(1)) {
            return centred(g, rows, snps, context.backend());
        }
    }

    /**
     * @param g       genotypes
     * @param rows    the samples (rows of the result), indices into {@code g}'s samples
     * @param snps    the variants to use
     * @param backend runs the blocks' filling and products (plain lambdas over this process's arrays: on the
     *                local backend's workers, on a distributed backend's driver threads)
     * @return the {@code rows.length x rows.length} matrix, column-major
     */
    public static double[] centred(GenotypeMatrix g, int[] rows, boolean[] snps, Backend backend) {
        return java.util.Arrays.copyOf(padded(g, rows, snps, backend), rows.length * rows.length);
    }

    /**
     * The matrix in the first {@code n * n} elements of an array {@code n} longer: netlib's bounds checks want
     * {@code offset + columns * ld} elements for a sub-matrix, which the panels' last diagonal tile (and the block's
     * rows below the first) pass only with that much after the matrix.
     */
    static double[] padded(GenotypeMatrix g, int[] rows, boolean[] snps, Backend backend) {
        int n = rows.length;
        double[] k = new double[n * n + n];
        int[] chosen = java.util.stream.IntStream.range(0, snps.length).filter(v -> snps[v]).toArray();
        double[] block = new double[n * Math.min(BLOCK, Math.max(1, chosen.length)) + n];
        int[] edges = panels(n);
        for (int first = 0; first < chosen.length; first += BLOCK) {
            int start = first;
            int b = Math.min(BLOCK, chosen.length - first);
            List<int[]> fills = new ArrayList<>();
            for (int j = 0; j < b; j += FILL) {
                fills.add(new int[] {j, Math.min(b, j + FILL)});
            }
            backend.mapOrdered(fills.iterator(), range -> {
                fill(g, rows, chosen, start, range[0], range[1], block);
                return Boolean.TRUE;
            }, done -> { });
            List<int[]> tiles = new ArrayList<>();
            for (int p = 0; p + 1 < edges.length; p++) {
                if (edges[p] < edges[p + 1]) {
                    tiles.add(new int[] {edges[p], edges[p + 1]});
                }
            }
            backend.mapOrdered(tiles.iterator(), tile -> {
                addPanel(block, n, b, tile[0], tile[1], k);
                return Boolean.TRUE;
            }, done -> { });
        }
        double scale = 1.0 / chosen.length;
        List<int[]> tiles = new ArrayList<>();
        for (int p = 0; p + 1 < edges.length; p++) {
            tiles.add(new int[] {edges[p], edges[p + 1]});
        }
        // scale the upper triangle and mirror it, by column panels (each writes its columns' upper part and the
        // transposed rows, disjoint from every other panel's)
        backend.mapOrdered(tiles.iterator(), tile -> {
            for (int j = tile[0]; j < tile[1]; j++) {
                for (int i = 0; i <= j; i++) {
                    double v = k[i + j * n] * scale;
                    k[i + j * n] = v;
                    k[j + i * n] = v;
                }
            }
            return Boolean.TRUE;
        }, done -> { });
        return k;
    }

    /** Column edges of {@value #PANELS} panels of about equal area of an n x n upper triangle. */
    static int[] panels(int n) {
        int[] edges = new int[PANELS + 1];
        for (int p = 1; p <= PANELS; p++) {
            edges[p] = (int) Math.round(n * Math.sqrt((double) p / PANELS));
        }
        edges[PANELS] = n;
        return edges;
    }

    /** Columns {@code [from, to)} of the block: SNPs {@code chosen[start + j]}, mean-imputed over all samples of g,
     * centred over the rows. */
    private static void fill(GenotypeMatrix g, int[] rows, int[] chosen, int start, int from, int to, double[] block) {
        int n = rows.length;
        double[] all = new double[g.sampleCount()];
        for (int j = from; j < to; j++) {
            g.dosages(chosen[start + j], all);
            double sum = 0;
            int called = 0;
            for (double d : all) {
                if (!Double.isNaN(d)) {
                    sum += d;
                    called++;
                }
            }
            double meanAll = sum / called;
            int off = j * n;
            double sub = 0;
            for (int r = 0; r < n; r++) {
                double d = all[rows[r]];
                d = Double.isNaN(d) ? meanAll : d;
                block[off + r] = d;
                sub += d;
            }
            double meanRows = sub / n;
            for (int r = 0; r < n; r++) {
                block[off + r] -= meanRows;
            }
        }
    }

    /** Columns {@code [c0, c1)} of the upper triangle of {@code K += Z Z'}: the diagonal tile, then the rows above. */
    private static void addPanel(double[] z, int n, int b, int c0, int c1, double[] k) {
        int w = c1 - c0;
        Blas.addOuter(z, c0, n, w, b, k, c0 + c0 * n);
        if (c0 > 0) {
            Blas.addProduct(z, 0, n, c0, z, c0, w, b, k, c0 * n);
        }
    }
}
