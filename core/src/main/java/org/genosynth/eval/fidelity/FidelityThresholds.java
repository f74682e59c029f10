package org.genosynth.eval.fidelity;

import org.genosynth.report.html.Threshold;

/**
 * Limits of the allele-frequency metrics. With a real holdout they follow what unseen real people reach where that is
 * less than the absolute limits (allele frequencies that barely vary between variants, as in a two-founder strain
 * panel, or a small cohort), and never ask more than the absolute limits.
 */
public final class FidelityThresholds {
    /** Pearson r of ALT frequencies: the absolute limits (no holdout, or the most a holdout-relative one asks). */
    public static final Threshold AF_CORRELATION = Threshold.atLeast(0.99, 0.95);
    /** Total-variation distance of the MAF spectra: the absolute limits. */
    public static final Threshold MAF_SPECTRUM_TV = Threshold.atMost(0.05, 0.1);

    /**
     * Below this correlation of the real holdout's allele frequencies with the training set's, the frequencies barely
     * vary between variants and {@code af_correlation} is not applicable; the mean absolute difference is judged.
     */
    public static final double INFORMATIVE_AF_CORRELATION = 0.5;

    private FidelityThresholds() {
    }

    /** The mean absolute allele-frequency difference: pass at most the holdout's own, warn at 1.5 times it. */
    public static Threshold afDifference(double holdout) {
        return Threshold.atMost(holdout, 1.5 * holdout);
    }

    /**
     * Given the real holdout's own correlation with the training set: pass at {@code min(0.99, holdout - 0.005)}, warn
     * 0.04 lower (0.95 when the pass limit is 0.99); the absolute limits when the holdout's is not finite.
     */
    public static Threshold afCorrelation(double holdout) {
        if (!Double.isFinite(holdout)) {
            return AF_CORRELATION;
        }
        double pass = Math.min(AF_CORRELATION.pass(), holdout - 0.005);
        return Threshold.atLeast(pass, pass - (AF_CORRELATION.pass() - AF_CORRELATION.warn()));
    }

    /**
     * Given the real holdout's own MAF-spectrum distance to the training set: pass at {@code max(0.05, 2 x holdout)}
     * (the distance between two samples is itself noisy where few independent blocks make the spectrum: two samples
     * of the same simulated strain panel measured 0.114 and 0.216), warn at twice that; the absolute limits when the
     * holdout's is not finite.
     */
    public static Threshold mafSpectrum(double holdout) {
        if (!Double.isFinite(holdout)) {
            return MAF_SPECTRUM_TV;
        }
        double pass = Math.max(MAF_SPECTRUM_TV.pass(), 2 * holdout);
        return Threshold.atMost(pass, 2 * pass);
    }
}
