package org.genosynth.assoc.kinship;

/**
 * The KING counts of every pair {@code (i, j)}, {@code j < i}, whose row {@code i} lies in one block of up to 64
 * samples {@code [first, end)} ({@code first} a multiple of 64).
 *
 * <p>Two terms are dense and come from popcounts over the sample planes: heterozygous in both
 * ({@code HET_i & HET_j}) and opposite homozygotes ({@code HOM_i & HOM_j & (ALT_i ^ ALT_j)}); missing calls are
 * neither HET nor HOM, so they drop out. The popcount kernel takes four pairs at a time (one row against four
 * consecutive columns, so each word of the row is loaded once for four pairs) over chunks of words that keep the four
 * columns in the L1 cache while the block's rows stream from L2.
 *
 * <p>The other terms depend on missing calls, which are sparse, and come from the sorted lists of missing variants
 * through {@link LaneCounts}: the variants missing in both, the heterozygotes of {@code i} where {@code j} is
 * missing and those of {@code j} where {@code i} is missing. Their cost grows with the missing rate, not with the
 * variant count; a sample without missing calls costs nothing there.
 */
final class KingRowBlock {
    /** Words of each plane per pass of the popcount kernel: 4 columns x 128 words x 32 bytes = 16 KiB. */
    private static final int WORD_CHUNK = 128;
    private static final int BLOCK = HetMasks.BLOCK;

    private final SamplePlanes planes;
    final int first;
    final int end;
    /** Columns per row in {@link #hetHet} and {@link #ibs0}: every {@code j < end}. */
    private final int stride;
    private final int[] hetHet;
    private final int[] ibs0;
    /** {@code [j * 64 + (i - first)]}: heterozygotes of i at the variants missing in j. */
    private final int[] hetOfRowAtMissingOfColumn;
    /** {@code [(i - first) * paddedEnd + j]}: heterozygotes of j at the variants missing in i. */
    private final int[] hetOfColumnAtMissingOfRow;
    private final int paddedEnd;
    /** {@code [j * 64 + (i - first)]}: variants missing in both. */
    private final int[] missingInBoth;

    private KingRowBlock(SamplePlanes planes, int first, int end) {
        if (first % BLOCK != 0 || end <= first || end - first > BLOCK) {
            throw new IllegalArgumentException("row block [" + first + ", " + end + ") is not one 64-sample block");
        }
        this.planes = planes;
        this.first = first;
        this.end = end;
        this.stride = end;
        this.hetHet = new int[(end - first) * stride];
        this.ibs0 = new int[(end - first) * stride];
        this.paddedEnd = (end + BLOCK - 1) / BLOCK * BLOCK;
        this.hetOfRowAtMissingOfColumn = new int[end * BLOCK];
        this.hetOfColumnAtMissingOfRow = new int[BLOCK * paddedEnd];
        this.missingInBoth = new int[end * BLOCK];
    }

    /**
     * Counts every pair of the row block {@code [first, end)}; the dense terms from {@code ints} (vectorized loops)
     * when it is not null, else from the 64-bit planes.
     */
    static KingRowBlock count(SamplePlanes planes, IntPlanes ints, HetMasks hets, int first, int end) {
        KingRowBlock b = new KingRowBlock(planes, first, end);
        if (ints != null) {
            b.countDense(ints);
        } else {
            b.countDense();
        }
        b.countMissingTerms(hets);
        return b;
    }

    /** The counts of pair {@code (i, j)}, {@code first <= i < end}, {@code j < i}. */
    KingKinship.PairCounts pair(int i, int j) {
        int k = i - first;
        int hh = hetHet[k * stride + j];
        int nsnp = planes.variantCount - planes.missing[i].length - planes.missing[j].length
                + missingInBoth[j * BLOCK + k];
        int hetIWhereJCalled = planes.hetTotal[i] - hetOfRowAtMissingOfColumn[j * BLOCK + k];
        int hetJWhereICalled = planes.hetTotal[j] - hetOfColumnAtMissingOfRow[k * paddedEnd + j];
        // plink2 names the larger index "1": het1hom2 = hets of i (ID1) where j is homozygous
        return new KingKinship.PairCounts(nsnp, hh, ibs0[k * stride + j], hetIWhereJCalled - hh,
                hetJWhereICalled - hh);
    }

    private void countDense() {
        for (int w0 = 0; w0 < planes.words; w0 += WORD_CHUNK) {
            int w1 = Math.min(planes.words, w0 + WORD_CHUNK);
            for (int j = 0; j + 4 < end; j += 4) {
                for (int i = Math.max(first, j + 4); i < end; i++) {
                    fourPairs(i, j, w0, w1);
                }
            }
            for (int i = first; i < end; i++) {
                for (int j = i & ~3; j < i; j++) {
                    onePair(i, j, w0, w1);
                }
            }
        }
    }

    /** Adds the dense counts over words {@code [w0, w1)} of the pairs {@code (i, j..j+3)}. */
    private void fourPairs(int i, int j, int w0, int w1) {
        long[] bits = planes.bits;
        int p = SamplePlanes.PLANES;
        int sampleStride = p * planes.words;
        int oi = p * (i * planes.words + w0);
        int o0 = p * (j * planes.words + w0);
        int o1 = o0 + sampleStride;
        int o2 = o1 + sampleStride;
        int o3 = o2 + sampleStride;
        int hh0 = 0;
        int hh1 = 0;
        int hh2 = 0;
        int hh3 = 0;
        int ib0 = 0;
        int ib1 = 0;
        int ib2 = 0;
        int ib3 = 0;
        for (int x = 0, len = p * (w1 - w0); x < len; x += p) {
            long het = bits[oi + x];
            long hom = bits[oi + x + 1];
            long alt = bits[oi + x + 2];
            hh0 += Long.bitCount(het & bits[o0 + x]);
            ib0 += Long.bitCount(hom & bits[o0 + x + 1] & (alt ^ bits[o0 + x + 2]));
            hh1 += Long.bitCount(het & bits[o1 + x]);
            ib1 += Long.bitCount(hom & bits[o1 + x + 1] & (alt ^ bits[o1 + x + 2]));
            hh2 += Long.bitCount(het & bits[o2 + x]);
            ib2 += Long.bitCount(hom & bits[o2 + x + 1] & (alt ^ bits[o2 + x + 2]));
            hh3 += Long.bitCount(het & bits[o3 + x]);
            ib3 += Long.bitCount(hom & bits[o3 + x + 1] & (alt ^ bits[o3 + x + 2]));
        }
        int at = (i - first) * stride + j;
        hetHet[at] += hh0;
        hetHet[at + 1] += hh1;
        hetHet[at + 2] += hh2;
        hetHet[at + 3] += hh3;
        ibs0[at] += ib0;
        ibs0[at + 1] += ib1;
        ibs0[at + 2] += ib2;
        ibs0[at + 3] += ib3;
    }

    private void onePair(int i, int j, int w0, int w1) {
        long[] bits = planes.bits;
        int p = SamplePlanes.PLANES;
        int oi = p * (i * planes.words + w0);
        int oj = p * (j * planes.words + w0);
        int hh = 0;
        int ib = 0;
        for (int x = 0, len = p * (w1 - w0); x < len; x += p) {
            hh += Long.bitCount(bits[oi + x] & bits[oj + x]);
            ib += Long.bitCount(bits[oi + x + 1] & bits[oj + x + 1] & (bits[oi + x + 2] ^ bits[oj + x + 2]));
        }
        int at = (i - first) * stride + j;
        hetHet[at] += hh;
        ibs0[at] += ib;
    }

    /** Ints of each plane per pass of the vectorized kernel: 4 columns x 3 planes x 4 KiB stay in L1/L2. */
    private static final int INT_CHUNK = 1024;

    private void countDense(IntPlanes ints) {
        for (int k0 = 0; k0 < ints.length; k0 += INT_CHUNK) {
            int len = Math.min(INT_CHUNK, ints.length - k0);
            for (int j = 0; j + 4 < end; j += 4) {
                for (int i = Math.max(first, j + 4); i < end; i++) {
                    int at = (i - first) * stride + j;
                    hetHetFour(ints, i, j, k0, len, at);
                    ibs0Four(ints, i, j, k0, len, at);
                }
            }
            for (int i = first; i < end; i++) {
                for (int j = i & ~3; j < i; j++) {
                    int at = (i - first) * stride + j;
                    hetHet[at] += hetHetOne(ints.ints, ints.at(i, 0) + k0, ints.at(j, 0) + k0, len);
                    ibs0[at] += ibs0One(ints.ints, ints.at(i, 1) + k0, ints.at(j, 1) + k0, ints.at(i, 2) + k0,
                            ints.at(j, 2) + k0, len);
                }
            }
        }
    }

    /** HETHET of pairs {@code (i, j..j+3)} over ints {@code [k0, k0 + len)}: one loop, four sum reductions. */
    private void hetHetFour(IntPlanes ints, int i, int j, int k0, int len, int at) {
        int[] b = ints.ints;
        int oi = ints.at(i, 0) + k0;
        int o0 = ints.at(j, 0) + k0;
        int o1 = ints.at(j + 1, 0) + k0;
        int o2 = ints.at(j + 2, 0) + k0;
        int o3 = ints.at(j + 3, 0) + k0;
        int s0 = 0;
        int s1 = 0;
        int s2 = 0;
        int s3 = 0;
        for (int k = 0; k < len; k++) {
            int het = b[oi + k];
            s0 += Integer.bitCount(het & b[o0 + k]);
            s1 += Integer.bitCount(het & b[o1 + k]);
            s2 += Integer.bitCount(het & b[o2 + k]);
            s3 += Integer.bitCount(het & b[o3 + k]);
        }
        hetHet[at] += s0;
        hetHet[at + 1] += s1;
        hetHet[at + 2] += s2;
        hetHet[at + 3] += s3;
    }

    /** IBS0 of pairs {@code (i, j..j+3)} over ints {@code [k0, k0 + len)}. */
    private void ibs0Four(IntPlanes ints, int i, int j, int k0, int len, int at) {
        int[] b = ints.ints;
        int mi = ints.at(i, 1) + k0;
        int ai = ints.at(i, 2) + k0;
        int m0 = ints.at(j, 1) + k0;
        int m1 = ints.at(j + 1, 1) + k0;
        int m2 = ints.at(j + 2, 1) + k0;
        int m3 = ints.at(j + 3, 1) + k0;
        int a0 = ints.at(j, 2) + k0;
        int a1 = ints.at(j + 1, 2) + k0;
        int a2 = ints.at(j + 2, 2) + k0;
        int a3 = ints.at(j + 3, 2) + k0;
        int s0 = 0;
        int s1 = 0;
        int s2 = 0;
        int s3 = 0;
        for (int k = 0; k < len; k++) {
            int hom = b[mi + k];
            int alt = b[ai + k];
            s0 += Integer.bitCount(hom & b[m0 + k] & (alt ^ b[a0 + k]));
            s1 += Integer.bitCount(hom & b[m1 + k] & (alt ^ b[a1 + k]));
            s2 += Integer.bitCount(hom & b[m2 + k] & (alt ^ b[a2 + k]));
            s3 += Integer.bitCount(hom & b[m3 + k] & (alt ^ b[a3 + k]));
        }
        ibs0[at] += s0;
        ibs0[at + 1] += s1;
        ibs0[at + 2] += s2;
        ibs0[at + 3] += s3;
    }

    private static int hetHetOne(int[] b, int oi, int oj, int len) {
        int s = 0;
        for (int k = 0; k < len; k++) {
            s += Integer.bitCount(b[oi + k] & b[oj + k]);
        }
        return s;
    }

    private static int ibs0One(int[] b, int mi, int mj, int ai, int aj, int len) {
        int s = 0;
        for (int k = 0; k < len; k++) {
            s += Integer.bitCount(b[mi + k] & b[mj + k] & (b[ai + k] ^ b[aj + k]));
        }
        return s;
    }

    private void countMissingTerms(HetMasks hets) {
        boolean rowsMissing = false;
        for (int i = first; i < end; i++) {
            rowsMissing |= planes.missing[i].length > 0;
        }
        int rowBase = hets.base(first);
        for (int j = 0; j < end; j++) {
            LaneCounts.add(hets.masks, rowBase, planes.missing[j], hetOfRowAtMissingOfColumn, j * BLOCK);
        }
        if (!rowsMissing) {
            return;
        }
        long[] rowMissing = HetMasks.missingMasks(planes, first);
        for (int j = 0; j < end; j++) {
            LaneCounts.add(rowMissing, 0, planes.missing[j], missingInBoth, j * BLOCK);
        }
        for (int columns = 0; columns < end; columns += BLOCK) {
            int columnBase = hets.base(columns);
            for (int i = first; i < end; i++) {
                LaneCounts.add(hets.masks, columnBase, planes.missing[i], hetOfColumnAtMissingOfRow,
                        (i - first) * paddedEnd + columns);
            }
        }
    }
}
