package org.genosynth.eval.privacy;

/**
 * The sampling noise of the AATS privacy loss when nothing is memorised: the loss AATS(holdout) - AATS(train) then
 * scatters around 0 by the choice of the equal-size subsets and by the finite number of nearest-neighbour comparisons.
 * The half-width of its 95% interval is {@code 1.96 x max(SD of the per-draw losses, binomial SE)}, where the binomial
 * SE is {@code sqrt(AA_h (1 - AA_h) / (2 n_h) + AA_t (1 - AA_t) / (2 n_t))} (each accuracy is a mean of 2n
 * indicators). The binomial floor matters when the subsets are whole cohorts and the draws cannot vary.
 */
public record AatsNoise(double sdDraws, double seBinomial, double halfWidth) {

    public static AatsNoise of(PrivacyResult p) {
        double[] d = p.aatsLossDraws();
        double mean = 0;
        for (double x : d) {
            mean += x;
        }
        mean /= Math.max(1, d.length);
        double ss = 0;
        for (double x : d) {
            ss += (x - mean) * (x - mean);
        }
        double sd = d.length < 2 ? 0 : Math.sqrt(ss / (d.length - 1));
        double se = Math.sqrt(binomialVariance(p.aatsTest(), p.testSubsetSize())
                + binomialVariance(p.aatsTrain(), p.subsetSize()));
        return new AatsNoise(sd, se, 1.96 * Math.max(sd, se));
    }

    private static double binomialVariance(double aa, int n) {
        double a = Math.min(1, Math.max(0, aa));
        return n == 0 ? 0 : a * (1 - a) / (2.0 * n);
    }
}
