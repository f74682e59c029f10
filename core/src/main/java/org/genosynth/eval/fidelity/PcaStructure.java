package org.genosynth.eval.fidelity;

import org.genosynth.assoc.kinship.Standardized;
import org.genosynth.assoc.pca.Pca;
import org.genosynth.assoc.pca.PcaModel;
import org.genosynth.assoc.pca.PcaResult;
import org.genosynth.model.GenotypeMatrix;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/**
 * Population structure: PCA of the real (training) cohort, with the synthetic cohort (and the holdout) projected onto
 * its axes. Projected samples are compared with projected samples (the holdout when given, else the training cohort
 * itself), since out-of-sample projections shrink towards zero: per PC, the Kolmogorov–Smirnov distance between the
 * two distributions of scores and the ratio of their standard deviations.
 *
 * @param pcs        number of PCs compared
 * @param train      n_train x pcs scores of the training cohort, projected
 * @param synthetic  scores of the synthetic cohort
 * @param holdout    scores of the holdout, or null
 * @param ks         per PC, KS distance between synthetic and reference scores
 * @param sdRatio    per PC, sd(synthetic) / sd(reference)
 * @param holdoutKs  per PC, KS distance between holdout and training scores (what real unseen samples show), or null
 */
public record PcaStructure(int pcs, double[][] train, double[][] synthetic, double[][] holdout, double[] ks,
        double[] sdRatio, double[] holdoutKs) {
    /** PCs compared. */
    public static final int PCS = 4;

    /**
     * The PCA of {@code train} (its passes on {@code backend}; null: the calling thread) and the three cohorts'
     * scores.
     */
    public static PcaStructure of(GenotypeMatrix train, GenotypeMatrix synthetic, GenotypeMatrix holdout, long seed,
            org.genosynth.exec.Backend backend) {
        // on the autosomes, as plink2's PCA (the cohorts are aligned: the same variants are kept in each)
        int nonAutosomal = org.genosynth.assoc.kinship.StructureInput.nonAutosomal(train.variants());
        if (nonAutosomal > 0 && nonAutosomal < train.variantCount()) {
            train = org.genosynth.assoc.kinship.StructureInput.autosomes(train);
            synthetic = org.genosynth.assoc.kinship.StructureInput.autosomes(synthetic);
            holdout = holdout == null ? null : org.genosynth.assoc.kinship.StructureInput.autosomes(holdout);
        }
        Standardized z = Standardized.of(train);
        int k = Math.min(PCS, train.sampleCount() - 1);
        // randomized: no n x n matrix; ample for comparing spreads (the same bytes on any backend)
        PcaResult pca = Pca.approx(z, k, seed, backend);
        PcaModel model = pca.model();
        double[][] t = scores(model, train, k);
        double[][] s = scores(model, synthetic, k);
        double[][] h = holdout == null ? null : scores(model, holdout, k);
        double[][] ref = h != null ? h : t;
        KolmogorovSmirnovTest test = new KolmogorovSmirnovTest();
        double[] ks = new double[k];
        double[] sd = new double[k];
        double[] hks = h == null ? null : new double[k];
        for (int c = 0; c < k; c++) {
            ks[c] = test.kolmogorovSmirnovStatistic(column(s, c), column(ref, c));
            sd[c] = sd(column(s, c)) / sd(column(ref, c));
            if (h != null) {
                hks[c] = test.kolmogorovSmirnovStatistic(column(h, c), column(t, c));
            }
        }
        return new PcaStructure(k, t, s, h, ks, sd, hks);
    }

    /** Mean KS distance over the PCs: 0 when the synthetic cohort spreads over the PCs as real samples do. */
    public double meanKs() {
        return java.util.Arrays.stream(ks).average().orElse(Double.NaN);
    }

    public double meanHoldoutKs() {
        return holdoutKs == null ? Double.NaN : java.util.Arrays.stream(holdoutKs).average().orElse(Double.NaN);
    }

    private static double[][] scores(PcaModel model, GenotypeMatrix m, int k) {
        double[] flat = model.project(m).coordinates();
        int n = m.sampleCount();
        double[][] out = new double[k][n];
        int kk = model.pcCount();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                out[c][i] = flat[i * kk + c];
            }
        }
        return out;
    }

    public static double[] column(double[][] scores, int c) {
        return scores[c];
    }

    private static double sd(double[] x) {
        double mean = java.util.Arrays.stream(x).average().orElse(0);
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / Math.max(1, x.length - 1));
    }
}
