package org.genosynth.qc;

/**
 * The Hardy–Weinberg exact test of Wigginton, Cutler &amp; Abecasis (2005): the probability, under HWE given the allele
 * counts, of a heterozygote count no more likely than the one observed. Probabilities are computed relative to the
 * most likely heterozygote count, so nothing underflows until the p-value itself does, and walks stop once the
 * remaining terms cannot change the result in double precision. O(n) in the worst case, allocation-free.
 */
public final class HardyWeinberg {
    /** Relative tolerance under which two configuration probabilities count as tied (floating-point noise). */
    private static final double TIE_TOLERANCE = 1e-9;
    /** Terms this much smaller than both the running total and the observed probability are negligible. */
    private static final double NEGLIGIBLE = 1e-20;

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
        double observed = relativeProbability(hets, mid, midHomR, midHomC);
        double limit = observed * (1 + TIE_TOLERANCE);
        double[] sums = {1.0, 1.0 <= limit ? 1.0 : 0.0};
        walk(sums, limit, mid, midHomR, midHomC, false);
        walk(sums, limit, mid, midHomR, midHomC, true);
        return Math.min(1.0, sums[1] / sums[0]);
    }

    /** Probability of {@code hets} relative to the mode. */
    private static double relativeProbability(int hets, int mid, int homR, int homC) {
        double prob = 1.0;
        int h = mid;
        while (h > hets) {
            prob *= h * (h - 1.0) / (4.0 * (homR + 1.0) * (homC + 1.0));
            h -= 2;
            homR++;
            homC++;
        }
        while (h < hets) {
            prob *= 4.0 * homR * homC / ((h + 2.0) * (h + 1.0));
            h += 2;
            homR--;
            homC--;
        }
        return prob;
    }

    /** Adds the relative probabilities away from the mode to {@code sums = [total, tail]} (Wigginton's recurrences). */
    private static void walk(double[] sums, double limit, int hets, int homR, int homC, boolean up) {
        double prob = 1.0;
        while (up ? homR > 0 && homC > 0 : hets >= 2) {
            if (up) {
                prob *= 4.0 * homR * homC / ((hets + 2.0) * (hets + 1.0));
                hets += 2;
                homR--;
                homC--;
            } else {
                prob *= hets * (hets - 1.0) / (4.0 * (homR + 1.0) * (homC + 1.0));
                hets -= 2;
                homR++;
                homC++;
            }
            sums[0] += prob;
            if (prob <= limit) {
                sums[1] += prob;
                if (prob < NEGLIGIBLE * sums[0] && prob < NEGLIGIBLE * sums[1]) {
                    return;
                }
            }
        }
    }
}
