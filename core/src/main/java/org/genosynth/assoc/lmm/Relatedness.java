package org.genosynth.assoc.lmm;

import org.genosynth.model.GenotypeMatrix;

/**
 * GEMMA's centred relatedness matrix ({@code -gk 1}): {@code K = X X' / p} over the chosen SNPs, where each SNP's
 * dosages have missing values replaced by the mean over all samples of the matrix and are then centred over the
 * requested rows. With all rows this is GEMMA's {@code .cXX.txt}; with the analysed rows it equals what GEMMA's
 * {@code -lmm} uses after reading that file and centring it ({@code CenterMatrix}). Built with BLAS dsyrk on blocks of
 * SNPs; column-major, symmetric.
 */
public final class Relatedness {
    private static final int BLOCK = 1024;

    private Relatedness() {
    }

    /**
     * @param g    genotypes
     * @param rows the samples (rows of the result), indices into {@code g}'s samples
     * @param snps the variants to use
     * @return the {@code rows.length x rows.length} matrix, column-major
     */
    public static double[] centred(GenotypeMatrix g, int[] rows, boolean[] snps) {
        int n = rows.length;
        double[] k = new double[n * n];
        double[] block = new double[n * BLOCK];
        double[] all = new double[g.sampleCount()];
        int used = 0;
        int inBlock = 0;
        for (int v = 0; v < g.variantCount(); v++) {
            if (!snps[v]) {
                continue;
            }
            g.dosages(v, all);
            double sum = 0;
            int called = 0;
            for (double d : all) {
                if (!Double.isNaN(d)) {
                    sum += d;
                    called++;
                }
            }
            double meanAll = sum / called;
            int off = inBlock * n;
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
            used++;
            if (++inBlock == BLOCK) {
                Blas.addOuter(block, n, inBlock, k);
                inBlock = 0;
            }
        }
        if (inBlock > 0) {
            Blas.addOuter(block, n, inBlock, k);
        }
        double scale = 1.0 / used;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i <= j; i++) {
                double v = k[i + j * n] * scale;
                k[i + j * n] = v;
                k[j + i * n] = v;
            }
        }
        return k;
    }
}
