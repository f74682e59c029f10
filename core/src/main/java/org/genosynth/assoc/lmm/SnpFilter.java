package org.genosynth.assoc.lmm;

import org.genosynth.model.GenotypeMatrix;

/**
 * GEMMA's default choice of the SNPs to test (and to build the relatedness matrix from), evaluated over the analysed
 * samples on the dosages as given: missing fraction {@code > maxMissing} removes; allele frequency (mean dosage / 2
 * over samples with a value) below {@code minAlleleFreq} or above {@code 1 - minAlleleFreq} removes; all values
 * identical removes; with covariates besides the intercept, {@code x'W(W'W)^-1W'x / x'x > maxR2} (missing values
 * set to twice the frequency) removes.
 */
final class SnpFilter {
    /** Why a variant was not tested, by {@code reason} code (0 = tested); the words go into the GWAS table's log. */
    static final String[] REASONS = {"tested", "missing_fraction", "allele_frequency", "monomorphic",
        "collinear_with_covariates"};

    private SnpFilter() {
    }

    /** Per variant: tested or not; {@code freq} and {@code missing} are filled for every variant. */
    static boolean[] select(GenotypeMatrix g, int[] rows, double[][] covariates, LmmOptions o, double[] freq,
                            int[] missing) {
        return select(g, rows, covariates, o, freq, missing, new byte[g.variantCount()]);
    }

    /** As {@link #select(GenotypeMatrix, int[], double[][], LmmOptions, double[], int[])}, with each reason. */
    static boolean[] select(GenotypeMatrix g, int[] rows, double[][] covariates, LmmOptions o, double[] freq,
                            int[] missing, byte[] reason) {
        int nAll = g.sampleCount();
        int n = rows.length;
        double[] all = new double[nAll];
        double[] x = new double[n];
        boolean[] keep = new boolean[g.variantCount()];
        double[][] wtwInv = covariates.length > 1 ? wtwInverse(covariates, rows) : null;
        for (int v = 0; v < g.variantCount(); v++) {
            g.dosages(v, all);
            int miss = 0;
            double sum = 0;
            boolean poly = false;
            double first = Double.NaN;
            for (int r = 0; r < n; r++) {
                double d = all[rows[r]];
                x[r] = d;
                if (Double.isNaN(d)) {
                    miss++;
                    continue;
                }
                if (Double.isNaN(first)) {
                    first = d;
                } else if (d != first) {
                    poly = true;
                }
                sum += d;
            }
            double maf = sum / (2.0 * (n - miss));
            freq[v] = maf;
            missing[v] = miss;
            if ((double) miss / n > o.maxMissing()) {
                reason[v] = 1;
                continue;
            }
            if (maf < o.minAlleleFreq() || maf > 1.0 - o.minAlleleFreq()) {
                reason[v] = 2;
                continue;
            }
            if (!poly) {
                reason[v] = 3;
                continue;
            }
            if (wtwInv != null && r2(x, maf, covariates, rows, wtwInv) > o.maxR2()) {
                reason[v] = 4;
                continue;
            }
            keep[v] = true;
        }
        return keep;
    }

    private static double r2(double[] x, double maf, double[][] w, int[] rows, double[][] wtwInv) {
        int c = w.length;
        double[] wtx = new double[c];
        double vx = 0;
        for (int r = 0; r < x.length; r++) {
            double d = Double.isNaN(x[r]) ? maf * 2.0 : x[r];
            vx += d * d;
            for (int j = 0; j < c; j++) {
                wtx[j] += w[j][rows[r]] * d;
            }
        }
        double vw = 0;
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                vw += wtx[i] * wtwInv[i][j] * wtx[j];
            }
        }
        return vw / vx;
    }

    private static double[][] wtwInverse(double[][] w, int[] rows) {
        int c = w.length;
        double[][] a = new double[c][c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                double s = 0;
                for (int r : rows) {
                    s += w[i][r] * w[j][r];
                }
                a[i][j] = s;
            }
        }
        return SmallMatrix.inverse(a);
    }
}
