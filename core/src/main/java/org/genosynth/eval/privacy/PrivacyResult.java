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
 * @param ibs                   true when the relatedness fields (max "kinship" to train, within-set "kinship") hold
 *                              identity-by-state shares instead of KING-robust kinship (inbred or haploid-like
 *                              coding, see {@link org.genosynth.eval.Coding})
 * @param aatsLossDraws         per random subset draw, AATS(holdout) - AATS(train) (empty without a holdout)
 * @param testSubsetSize        samples per set in the holdout-vs-synthetic AATS (0 without a holdout)
 * @param duplicates            real pairs in the duplicate or monozygotic-twin range (within train, within holdout,
 *                              train-holdout)
 * @param miaAucFloor           the same attack's AUC on genomes drawn site by site from the training genotype counts
 *                              (see {@link FrequencyFloor}): what any generator keeping the frequencies shows (NaN
 *                              without a holdout)
 * @param miaMembers            members (and as many non-members) the membership attack compared (0 without a holdout)
 * @param segmentAucIdentical   AUC of the shared-segment attack ({@link SegmentAttack}) on the same members and
 *                              non-members: each scored by its longest run of genotypes identical to some synthetic
 *                              genome's (NaN without a holdout)
 * @param segmentAucHalfIdentical the same with half-identical runs (no opposite homozygotes: one shared haplotype)
 * @param segmentRuns           the attack's per-genome longest runs (null without a holdout)
 * @param dcrShareFloor         {@code dcrShareCloser} of the genomes drawn site by site from the training genotype
 *                              counts (those of {@code miaAucFloor}) in place of the synthetic ones: what any generator
 *                              keeping the frequencies shows (NaN without a holdout)
 * @param aatsFloor             {@code aatsTrain} of those genomes in place of the synthetic ones, measured only where
 *                              {@code aatsTrain} is below its pass line (else NaN)
 * @param segmentFloorIdentical the shared-segment attack's identical-run AUC on those genomes in place of the synthetic
 *                              ones, measured only where one of the synthetic genomes' two AUCs is above 0.55 (else NaN)
 * @param segmentFloorHalfIdentical the same with half-identical runs
 * @param aatsLossFloor         the AATS privacy loss of those genomes in place of the synthetic ones, measured only where
 *                              the synthetic genomes' loss is above {@link PrivacySection#AATS_LOSS_PASS} (else NaN)
 */
public record PrivacyResult(double[] dcrSynthetic, double[] dcrHoldout, double dcrShareCloser, int exactCopies,
        int nearCopies, double[] maxKinshipToTrain, double[] maxKinshipHoldout, double aatsTrain, double aatsTest,
        int subsetSize, double miaAuc, double[] kinshipWithinTrain, double[] kinshipWithinSynthetic,
        List<String> leakedIds, boolean ibs, double[] aatsLossDraws, int testSubsetSize, Duplicates duplicates,
        double miaAucFloor, int miaMembers, double segmentAucIdentical, double segmentAucHalfIdentical,
        SegmentAttack.Result segmentRuns, double dcrShareFloor, double aatsFloor,
        double segmentFloorIdentical, double segmentFloorHalfIdentical, double aatsLossFloor) {

    /** One pair of real samples and its KING-robust kinship (or IBS share with inbred coding). */
    public record RelatedPair(String cohort1, String fid1, String iid1, String cohort2, String fid2, String iid2,
            double value) {
    }

    /**
     * Real pairs in the duplicate / monozygotic-twin range (KING-robust kinship >= {@link #threshold} and genotypes
     * within {@link Privacy#NEAR_COPY_DISTANCE}; with inbred coding, IBS share >= the threshold): counts within the
     * training samples checked (at most {@link Privacy#WITHIN_CAP}), within the holdout samples checked, and between
     * every training and holdout sample; the closest {@link #LIST} pairs (highest value first); per holdout sample,
     * whether it is a duplicate of a training sample ({@code holdoutOfTrain}).
     */
    public record Duplicates(int withinTrain, int withinHoldout, int trainHoldout, int trainChecked,
            int holdoutChecked, double threshold, List<RelatedPair> closest, boolean[] holdoutOfTrain) {
        public static final int LIST = 20;

        public int total() {
            return withinTrain + withinHoldout + trainHoldout;
        }
    }

    /** The same result with {@code more} real IDs added to the leaked ones (no duplicates). */
    public PrivacyResult withLeakedIds(List<String> more) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(leakedIds);
        all.addAll(more);
        return new PrivacyResult(dcrSynthetic, dcrHoldout, dcrShareCloser, exactCopies, nearCopies, maxKinshipToTrain,
                maxKinshipHoldout, aatsTrain, aatsTest, subsetSize, miaAuc, kinshipWithinTrain, kinshipWithinSynthetic,
                List.copyOf(all), ibs, aatsLossDraws, testSubsetSize, duplicates, miaAucFloor, miaMembers,
                segmentAucIdentical, segmentAucHalfIdentical, segmentRuns, dcrShareFloor, aatsFloor,
                segmentFloorIdentical, segmentFloorHalfIdentical, aatsLossFloor);
    }

    /**
     * The shared-segment attack's AUC: the larger of the identical-run and half-identical-run AUCs (NaN when both are
     * NaN, i.e. without a holdout).
     */
    public double segmentAuc() {
        return larger(segmentAucIdentical, segmentAucHalfIdentical);
    }

    /** The larger of two AUCs, one of them NaN: the other. */
    static double larger(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    /** The chance SE of a membership AUC on {@link #miaMembers} members and as many non-members (NaN without). */
    public double miaChanceSe() {
        double m = miaMembers;
        return m == 0 ? Double.NaN : Math.sqrt((2 * m + 1) / (12 * m * m));
    }

    /**
     * The chance SE of {@link #dcrShareCloser} (a probability that one of the synthetic genomes' distances is below one
     * of the holdout's) when both come from the same distribution (NaN without a holdout).
     */
    public double dcrShareChanceSe() {
        double s = dcrSynthetic.length;
        double h = dcrHoldout.length;
        return s == 0 || h == 0 ? Double.NaN : Math.sqrt((s + h + 1) / (12 * s * h));
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
