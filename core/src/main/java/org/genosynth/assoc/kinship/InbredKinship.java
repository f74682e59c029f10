package org.genosynth.assoc.kinship;

/**
 * Kinship of inbred lines (strains coded 0/2, or 0/1 read with {@code --coding strain}), on the KING scale. KING-robust
 * divides by the pair's heterozygote counts, which inbred lines do not have (it gives {@code -inf}); here each line is
 * one haploid genome and the pair's allele mismatches are compared with those expected between unrelated lines:
 *
 * <pre>  KINSHIP = 0.5 (1 - D / E),   D = IBS0 + (het1hom2 + het2hom1) / 2,   E = sum of 2 p (1 - p)</pre>
 *
 * over the variants called in both, {@code p} the ALT frequency of the variant over the cohort (a residual
 * heterozygote counts as half a mismatch against a homozygote). Identical lines give 0.5 (duplicates, as KING), lines
 * sharing half their genome identical by descent 0.25, unrelated lines 0 on average. The scale is KING's, so its
 * degree cut-offs apply; in the strict sense a fully inbred line's kinship coefficient is twice this (the IBD share).
 * {@code E} is exact per pair: the total over every variant minus the terms of each sample's missing calls, plus
 * those missing in both.
 */
final class InbredKinship implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** {@code 2 p (1 - p)} of every variant. */
    private final double[] expected;
    private final double total;
    /** Per sample, the sum of {@link #expected} over its missing calls. */
    private final double[] missingSum;
    private final int[][] missing;

    InbredKinship(SamplePlanes planes, double[] altFreq) {
        expected = new double[altFreq.length];
        double sum = 0;
        for (int v = 0; v < altFreq.length; v++) {
            double p = altFreq[v];
            expected[v] = p > 0 && p < 1 ? 2 * p * (1 - p) : 0;
            sum += expected[v];
        }
        total = sum;
        missing = planes.missing;
        missingSum = new double[missing.length];
        for (int s = 0; s < missing.length; s++) {
            double m = 0;
            for (int v : missing[s]) {
                m += expected[v];
            }
            missingSum[s] = m;
        }
    }

    /** The kinship of samples {@code i} and {@code j} from their KING counts; NaN when nothing varies between them. */
    double kinship(KingKinship.PairCounts pc, int i, int j) {
        double e = total - missingSum[i] - missingSum[j] + missingInBoth(i, j);
        if (!(e > 0)) {
            return Double.NaN;
        }
        double d = pc.ibs0() + 0.5 * (pc.het1Hom2() + pc.het2Hom1());
        return 0.5 * (1 - d / e);
    }

    private double missingInBoth(int i, int j) {
        int[] a = missing[i];
        int[] b = missing[j];
        double sum = 0;
        for (int x = 0, y = 0; x < a.length && y < b.length; ) {
            if (a[x] < b[y]) {
                x++;
            } else if (a[x] > b[y]) {
                y++;
            } else {
                sum += expected[a[x]];
                x++;
                y++;
            }
        }
        return sum;
    }
}
