package org.genosynth.synth;

import org.genosynth.util.Bits;

/**
 * The generator's own privacy check: the largest KING-robust kinship (plink2's formula, over the variants called in
 * both) between a candidate synthetic genome and any real genome of the panel, and whether the candidate is an exact
 * copy of one. Donor rows are pre-split into bit planes of 64 variants a word (het, hom-ref, hom-alt, as
 * {@link org.genosynth.assoc.kinship.SamplePlanes} holds them for {@code genosynth kinship}), so a pair costs about a
 * dozen word operations and four popcounts per 64 variants. For inbred or 0/1-coded cohorts, where KING-robust
 * kinship divides by heterozygote counts near 0, the measure is the identity-by-state share instead (identical
 * genotypes over the variants called in both), as {@code genosynth evaluate} judges them.
 */
final class KinshipGuard {
    private final DonorPanel panel;
    private final boolean ibs;
    /** Words of 64 variants per plane. */
    private final int words;
    /** Interleaved planes: {@code 3 (d words + w) + {0 het, 1 homRef, 2 homAlt}}. */
    private final long[] planes;
    /** Per word: the variants measured (autosomal, or every variant when there is none). */
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
        words = (panel.variantCount() + 63) >>> 6;
        boolean anyAutosome = variants == null
                || variants.stream().anyMatch(v -> org.genosynth.model.Chromosomes.isAutosome(v.chrom()));
        valid = new long[words];
        for (int v = 0; v < panel.variantCount(); v++) {
            if (!anyAutosome || variants == null
                    || org.genosynth.model.Chromosomes.isAutosome(variants.get(v).chrom())) {
                valid[v >>> 6] |= 1L << (v & 63);
            }
        }
        int rw = panel.rowWords();
        planes = new long[3 * panel.donorCount() * words];
        long[] rows = panel.rows();
        for (int d = 0; d < panel.donorCount(); d++) {
            split(rows, d * rw, valid, planes, 3 * d * words);
        }
    }

    /**
     * The het, hom-ref and hom-alt planes of the 2-bit row at {@code rows[from..]} (32 variants a word; a row has an
     * even number of words), 64 variants a word, within {@code valid}: missing calls and padding are in none.
     */
    private static void split(long[] rows, int from, long[] valid, long[] out, int at) {
        for (int w = 0; w < valid.length; w++) {
            long a = rows[from + 2 * w];
            long b = rows[from + 2 * w + 1];
            long v = valid[w];
            out[at + 3 * w] = (Bits.evenBits(a & ~(a >>> 1)) | Bits.evenBits(b & ~(b >>> 1)) << 32) & v;
            out[at + 3 * w + 1] = (Bits.evenBits(~a & ~(a >>> 1)) | Bits.evenBits(~b & ~(b >>> 1)) << 32) & v;
            out[at + 3 * w + 2] = (Bits.evenBits(~a & (a >>> 1)) | Bits.evenBits(~b & (b >>> 1)) << 32) & v;
        }
    }

    /** The closest real genome to a candidate. */
    record Closest(int donor, double kinship, boolean exactCopy) {
    }

    /** Max kinship of {@code row} (a full row as {@link RowBuilder#fullRow}) to any donor. */
    Closest closest(long[] row) {
        long[] cand = new long[3 * words];
        split(row, 0, valid, cand, 0);
        double best = Double.NEGATIVE_INFINITY;
        int bestDonor = -1;
        int len = 3 * words;
        for (int d = 0; d < panel.donorCount(); d++) {
            int base = d * len;
            double k;
            if (ibs) {
                k = identityByState(cand, base);
            } else {
                long hetHet = 0;
                long ibs0 = 0;
                long het1Hom2 = 0;
                long het2Hom1 = 0;
                for (int at = 0; at < len; at += 3) {
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
    private double identityByState(long[] cand, int base) {
        long same = 0;
        long both = 0;
        for (int at = 0, len = 3 * words; at < len; at += 3) {
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
