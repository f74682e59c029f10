package org.genosynth.eval.privacy;

import java.util.List;

/**
 * Privacy measurements of a synthetic cohort against its training cohort, calibrated on the holdout where one is given
 * (holdout-dependent fields are NaN without one).
 *
 * @param dcrSynthetic          per synthetic genome, the distance to its closest training genome
 * @param dcrHoldout            per holdout genome, the distance to its closest training genome
 * @param dcrShareCloser        P(DCR of a synthetic genome < DCR of a holdout genome); 0.5 when synthetic genomes are
 *                              no closer to train than unseen real genomes are
 * @param exactCopies           synthetic genomes identical to a training genome at every variant called in both
 * @param nearCopies            synthetic genomes within {@link Privacy#NEAR_COPY_DISTANCE} of a training genome
 * @param maxKinshipToTrain     per synthetic genome, its largest KING-robust kinship to any training genome
 * @param maxKinshipHoldout     per holdout genome, the same (what an unseen real genome shows)
 * @param aatsTrain             nearest-neighbour adversarial accuracy between train and synthetic (Yale et al. 2020)
 * @param aatsTest              the same between holdout and synthetic
 * @param subsetSize            samples per set in the train-vs-synthetic AATS (sets subsampled to equal size)
 * @param miaAuc                AUC of the distance-to-closest-synthetic attack on train (members) vs holdout
 * @param kinshipWithinTrain    KING kinship of pairs within the training subset (fidelity: relatedness structure)
 * @param kinshipWithinSynthetic KING kinship of pairs within the synthetic subset
 * @param leakedIds             real sample IDs found among the synthetic cohort's identifiers
 */
public record PrivacyResult(double[] dcrSynthetic, double[] dcrHoldout, double dcrShareCloser, int exactCopies,
        int nearCopies, double[] maxKinshipToTrain, double[] maxKinshipHoldout, double aatsTrain, double aatsTest,
        int subsetSize, double miaAuc, double[] kinshipWithinTrain, double[] kinshipWithinSynthetic,
        List<String> leakedIds) {

    /** The same result with {@code more} real IDs added to the leaked ones (no duplicates). */
    public PrivacyResult withLeakedIds(List<String> more) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(leakedIds);
        all.addAll(more);
        return new PrivacyResult(dcrSynthetic, dcrHoldout, dcrShareCloser, exactCopies, nearCopies, maxKinshipToTrain,
                maxKinshipHoldout, aatsTrain, aatsTest, subsetSize, miaAuc, kinshipWithinTrain, kinshipWithinSynthetic,
                List.copyOf(all));
    }

    /** AATS privacy loss: test minus train adversarial accuracy (near 0: no sign of memorisation). */
    public double privacyLoss() {
        return aatsTest - aatsTrain;
    }

    public double maxKinship() {
        double m = Double.NEGATIVE_INFINITY;
        for (double k : maxKinshipToTrain) {
            m = Math.max(m, k);
        }
        return m;
    }

    /** Synthetic genomes at kinship >= {@code threshold} to some training genome. */
    public int kinshipAtLeast(double threshold) {
        int c = 0;
        for (double k : maxKinshipToTrain) {
            c += k >= threshold ? 1 : 0;
        }
        return c;
    }
}
