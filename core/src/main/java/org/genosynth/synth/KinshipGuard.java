package org.genosynth.synth;

/**
 * The generator's own privacy check: the largest KING-robust kinship (plink2's formula, over the variants called in
 * both) between a candidate synthetic genome and any real genome of the panel, and whether the candidate is an exact
 * copy of one. Donor rows are pre-split into bit planes (het, hom-ref, hom-alt) so a pair costs about a dozen word
 * operations and four popcounts per 32 variants. For inbred or 0/1-coded cohorts, where KING-robust kinship divides by
 * heterozygote counts near 0, the measure is the identity-by-state share instead (identical genotypes over the
 * variants called in both), as {@code genosynth evaluate} judges them.
 */
final class KinshipGuard {
    private final DonorPanel panel;
    private final boolean ibs;
    /** Interleaved planes: {@code 3 (d rowWords + w) + {0 het, 1 homRef, 2 homAlt}}. */
    private final long[] planes;
    private final long[] valid;

    KinshipGuard(DonorPanel panel) {
        this(panel, false);
    }

    /** With {@code ibs}, {@link #closest} measures the identity-by-state share instead of KING kinship. */
    KinshipGuard(DonorPanel panel, boolean ibs) {
        this(panel, ibs, null);
    }

    /**
     * As above, on the autosomes of {@code variants} (the panel's) when it has any, as {@code genosynth evaluate} and
     * plink2 measure KING ({@link org.genosynth.model.Chromosomes#isAutosome}); null: every variant.
     */
    KinshipGuard(DonorPanel panel, boolean ibs, java.util.List<org.genosynth.model.Variant> variants) {
        this.panel = panel;
        this.ibs = ibs;
        int rw = panel.rowWords();
        boolean anyAutosome = variants == null
                || variants.stream().anyMatch(v -> org.genosynth.model.Chromosomes.isAutosome(v.chrom()));
        valid = new long[rw];
        for (int v = 0; v < panel.variantCount(); v++) {
            if (!anyAutosome || variants == null
                    || org.genosynth.model.Chromosomes.isAutosome(variants.get(v).chrom())) {
                valid[v >>> 5] |= 1L << ((v & 31) << 1);
            }
        }
        planes = new long[3 * panel.donorCount() * rw];
        long[] rows = panel.rows();
        for (int d = 0; d < panel.donorCount(); d++) {
            for (int w = 0; w < rw; w++) {
                split(rows[d * rw + w], valid[w], planes, 3 * (d * rw + w));
            }
        }
    }

    private static void split(long word, long valid, long[] out, int at) {
        long lo = word & valid;
        long hi = (word >>> 1) & valid;
        out[at] = lo & ~hi;
        out[at + 1] = valid & ~lo & ~hi;
        out[at + 2] = hi & ~lo;
    }

    /** The closest real genome to a candidate. */
    record Closest(int donor, double kinship, boolean exactCopy) {
    }

    /** Max kinship of {@code row} (a full row as {@link RowBuilder#fullRow}) to any donor. */
    Closest closest(long[] row) {
        int rw = panel.rowWords();
        long[] cand = new long[3 * rw];
        for (int w = 0; w < rw; w++) {
            split(row[w], valid[w], cand, 3 * w);
        }
        double best = Double.NEGATIVE_INFINITY;
        int bestDonor = -1;
        for (int d = 0; d < panel.donorCount(); d++) {
            int base = 3 * d * rw;
            long hetHet = 0;
            long ibs0 = 0;
            long het1Hom2 = 0;
            long het2Hom1 = 0;
            for (int w = 0, at = 0; w < rw; w++, at += 3) {
                long xh = cand[at];
                long x0 = cand[at + 1];
                long x2 = cand[at + 2];
                long yh = planes[base + at];
                long y0 = planes[base + at + 1];
                long y2 = planes[base + at + 2];
                hetHet += Long.bitCount(xh & yh);
                ibs0 += Long.bitCount((x0 & y2) | (x2 & y0));
                het1Hom2 += Long.bitCount(xh & (y0 | y2));
                het2Hom1 += Long.bitCount(yh & (x0 | x2));
            }
            double k;
            if (ibs) {
                k = identityByState(cand, base, rw);
            } else {
                long smallerHet = hetHet + Math.min(het1Hom2, het2Hom1);
                k = smallerHet == 0 ? Double.NEGATIVE_INFINITY
                        : 0.5 - (double) (4 * ibs0 + het1Hom2 + het2Hom1) / (4.0 * smallerHet);
            }
            if (k > best) {
                best = k;
                bestDonor = d;
            }
        }
        return new Closest(bestDonor, best, bestDonor >= 0 && isCopy(row, bestDonor));
    }

    /** Share of the variants called in both with the same genotype. */
    private double identityByState(long[] cand, int base, int rw) {
        long same = 0;
        long both = 0;
        for (int w = 0, at = 0; w < rw; w++, at += 3) {
            long x = cand[at] | cand[at + 1] | cand[at + 2];
            long y = planes[base + at] | planes[base + at + 1] | planes[base + at + 2];
            both += Long.bitCount(x & y);
            same += Long.bitCount((cand[at] & planes[base + at]) | (cand[at + 1] & planes[base + at + 1])
                    | (cand[at + 2] & planes[base + at + 2]));
        }
        return both == 0 ? Double.NEGATIVE_INFINITY : (double) same / both;
    }

    private boolean isCopy(long[] row, int donor) {
        int rw = panel.rowWords();
        long[] rows = panel.rows();
        for (int w = 0; w < rw; w++) {
            if (rows[donor * rw + w] != row[w]) {
                return false;
            }
        }
        return true;
    }
}
