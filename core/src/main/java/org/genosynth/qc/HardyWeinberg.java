package org.genosynth.qc;

/**
 * The Hardy–Weinberg exact test of Wigginton, Cutler &amp; Abecasis (2005): the probability, under HWE given the allele
 * counts, of a heterozygote count no more likely than the one observed.
 *
 * <p>Probabilities are computed relative to the most likely heterozygote count (the mode), so nothing underflows until
 * the p-value itself does. The distribution is unimodal and log-concave, so walking away from the mode the terms
 * shrink by ever smaller ratios {@code r}: once a term {@code t} is in the tail and {@code t r / (1 - r)} (a bound on
 * everything beyond it) is below 1e-13 of the tail sum, the walk stops. Allocation-free, O(sqrt(n)) steps for typical
 * variants.
 */
public final class HardyWeinberg {
    /** Relative tolerance under which two configuration probabilities count as tied (floating-point noise). */
    private static final double TIE_TOLERANCE = 1e-9;
    /** Relative error allowed for the neglected remainder of a walk. */
    private static final double NEGLIGIBLE = 1e-13;

    private HardyWeinberg() {
    }

    /** Exact HWE p-value for the given genotype counts; 1 when no genotype is observed. */
    public static double exactP(int hets, int homs1, int homs2) {
        if (hets < 0 || homs1 < 0 || homs2 < 0) {
            throw new IllegalArgumentException("negative genotype count");
        }
        int homRare = Math.min(homs1, homs2);
        int homCommon = Math.max(homs1, homs2);
        int rare = 2 * homRare + hets;
        int genotypes = hets + homCommon + homRare;
        if (genotypes == 0) {
            return 1.0;
        }
        int mid = (int) ((long) rare * (2L * genotypes - rare) / (2L * genotypes));
        if ((mid & 1) != (rare & 1)) {
            mid++;
        }
        int midHomR = (rare - mid) / 2;
        int midHomC = genotypes - mid - midHomR;
        Walk walk = new Walk();
        if (hets == mid) {
            walk.limit = 1 + TIE_TOLERANCE;
            walk.total = 1;
            walk.tail = 1;
            walk.run(mid, midHomR, midHomC, true, Integer.MIN_VALUE);
            walk.run(mid, midHomR, midHomC, false, Integer.MIN_VALUE);
        } else {
            boolean up = hets > mid;
            walk.total = 1;
            walk.limit = Double.NaN;
            walk.run(mid, midHomR, midHomC, up, hets);
            walk.tail += 1 <= walk.limit ? 1 : 0;
            walk.run(mid, midHomR, midHomC, !up, Integer.MIN_VALUE);
        }
        return Math.min(1.0, walk.tail / walk.total);
    }

    /** Running sums of one test. */
    private static final class Walk {
        double total;
        double tail;
        double limit;

        /**
         * Walks away from the mode in steps of two heterozygotes, adding terms to the total and, once at or below the
         * limit, to the tail. When {@code observed} lies on this side the limit is set on reaching it; by
         * log-concavity only the term just before it (if not the mode) can tie with it.
         */
        void run(int hets, int homR, int homC, boolean up, int observed) {
            double prob = 1.0;
            boolean first = true;
            while (up ? homR > 0 && homC > 0 : hets >= 2) {
                double ratio = up ? 4.0 * homR * homC / ((hets + 2.0) * (hets + 1.0))
                        : hets * (hets - 1.0) / (4.0 * (homR + 1.0) * (homC + 1.0));
                double prev = prob;
                prob *= ratio;
                hets += up ? 2 : -2;
                homR += up ? -1 : 1;
                homC += up ? -1 : 1;
                total += prob;
                if (hets == observed) {
                    limit = prob * (1 + TIE_TOLERANCE);
                    tail += prob + (!first && prev <= limit ? prev : 0);
                } else if (prob <= limit) {
                    tail += prob;
                    if (ratio < 1 && prob * ratio / (1 - ratio) < NEGLIGIBLE * tail) {
                        return;
                    }
                }
                first = false;
            }
        }
    }
}
