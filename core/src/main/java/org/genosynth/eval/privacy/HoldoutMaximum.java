package org.genosynth.eval.privacy;

import java.util.Arrays;
import org.genosynth.eval.Metrics;

/**
 * Is the synthetic cohort closer to the training genomes than unseen real genomes are, allowing for sampling and for
 * the two cohorts' sizes? Each synthetic genome has its largest relatedness (KING kinship or IBS share) to a training
 * genome, and so has each holdout genome. If the synthetic genomes were drawn like the holdout genomes (the ideal: no
 * closer than an unseen real person), the two sets would be exchangeable, and the number X of synthetic genomes above
 * the holdout's maximum would follow, without any assumption on the distribution,
 * {@code P(X >= k) = prod_{i<k} (ns - i) / (ns + nh - i)} (the top k of the pooled ns + nh values are all synthetic).
 * The rule passes when X is at most {@code allowed}, the 95% upper bound of that count: the smallest k with
 * {@code P(X >= k + 1) <= 0.05} (4 for ns = nh = 582; more when the synthetic cohort is larger than the holdout, 0
 * when it is much smaller). Equivalently, the synthetic cohort's (allowed + 1)-th largest value, its size-adjusted
 * maximum, must not exceed the holdout's maximum.
 *
 * @param holdoutMax   largest value among the holdout genomes
 * @param above        synthetic genomes strictly above it
 * @param allowed      95% upper bound of {@code above} under exchangeability
 * @param pValue       {@code P(X >= above)} under exchangeability
 * @param sizeAdjusted the synthetic cohort's (allowed + 1)-th largest value (its minimum when it has fewer genomes)
 */
public record HoldoutMaximum(double holdoutMax, int above, int allowed, double pValue, double sizeAdjusted) {
    /** Level of the sampling interval of the count above the holdout maximum. */
    public static final double ALPHA = 0.05;

    public static HoldoutMaximum of(double[] synthetic, double[] holdout) {
        double[] h = finite(holdout);
        double[] s = finite(synthetic);
        double hmax = h.length == 0 ? Double.NaN : Arrays.stream(h).max().getAsDouble();
        int above = (int) Arrays.stream(s).filter(x -> x > hmax).count();
        int allowed = allowedAbove(s.length, h.length, ALPHA);
        Arrays.sort(s);
        double adjusted = s.length == 0 ? Double.NaN : s[Math.max(0, s.length - 1 - allowed)];
        return new HoldoutMaximum(hmax, above, allowed, tail(s.length, h.length, above), adjusted);
    }

    /** {@code P(X >= k)}: the k largest of the pooled values are all synthetic, for exchangeable values. */
    public static double tail(int ns, int nh, int k) {
        double p = 1;
        for (int i = 0; i < k; i++) {
            p *= (double) (ns - i) / (ns + nh - i);
        }
        return p;
    }

    /** The smallest k with {@code P(X >= k + 1) <= alpha}. */
    public static int allowedAbove(int ns, int nh, double alpha) {
        double p = 1;
        for (int k = 0; k < ns; k++) {
            p *= (double) (ns - k) / (ns + nh - k);
            if (p <= alpha) {
                return k;
            }
        }
        return ns;
    }

    /** True when the synthetic cohort is no closer to train than the holdout, within sampling. */
    public boolean within() {
        return above <= allowed;
    }

    /** For the report's meaning text. */
    public String describe(String what) {
        return "largest " + what + " of a holdout genome to train (duplicates left out) " + Metrics.format(holdoutMax) + "; synthetic genomes above it: "
                + above + ", 95% sampling interval for an ideal generator at these cohort sizes 0-" + allowed
                + " (exchangeability, P = " + Metrics.format(pValue) + "); size-adjusted synthetic maximum "
                + Metrics.format(sizeAdjusted);
    }

    /** Records the rule's numbers under {@code prefix_...}. */
    public void put(Metrics metrics, String prefix) {
        metrics.put("privacy", prefix + "_holdout_reference_max", holdoutMax);
        metrics.put("privacy", prefix + "_synthetic_above_holdout_max", above);
        metrics.put("privacy", prefix + "_sampling_interval_above", new int[] {0, allowed});
        metrics.put("privacy", prefix + "_exceedance_p", pValue);
        metrics.put("privacy", prefix + "_size_adjusted", sizeAdjusted);
    }

    private static double[] finite(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).toArray();
    }
}
