package org.genosynth.qc;

import org.genosynth.model.GenotypeCodes;

/**
 * One worker's per-sample counts of heterozygous and of missing calls, added 32 samples per word and up to eight variants at a
 * time: the event masks of a group are summed into 4-bit counts per sample in registers, which are then added to
 * twelve stored bit planes per event, flushed into integer totals before they can overflow. About a dozen word
 * operations per variant per 32 samples instead of 64 increments.
 */
public final class BitSlicedCounter implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Rows summed in registers before touching the stored planes. */
    static final int GROUP = 8;
    private static final int PLANES = 12;
    private static final int CAPACITY = (1 << PLANES) - 1;

    private final int words;
    private final long[] hetPlanes;
    private final long[] missingPlanes;
    private final int[] hets;
    private final int[] missing;
    private int pending;

    /** Counters for {@code sampleCount} samples. */
    BitSlicedCounter(int sampleCount) {
        this.words = GenotypeCodes.wordsPerVariant(sampleCount);
        this.hetPlanes = new long[words * PLANES];
        this.missingPlanes = new long[words * PLANES];
        this.hets = new int[sampleCount];
        this.missing = new int[sampleCount];
    }

    /**
     * Counts the calls of up to {@link #GROUP} variants whose packed rows start at {@code offsets[0..rows)} in
     * {@code genotypes}: missing calls always, heterozygous calls where {@code hetMasks[k]} is all ones (it is zero for
     * variants left out of the heterozygosity count). The arrays must have {@link #GROUP} entries.
     */
    void addRows(long[] genotypes, int[] offsets, long[] hetMasks, int rows) {
        if (rows == 0) {
            return;
        }
        if (pending + rows > CAPACITY) {
            flush();
        }
        pending += rows;
        long[] rowMasks = new long[GROUP];
        int[] at = new int[GROUP];
        long[] het = new long[GROUP];
        for (int k = 0; k < GROUP; k++) {
            rowMasks[k] = k < rows ? -1L : 0L;
            at[k] = offsets[k < rows ? k : 0];
            het[k] = k < rows ? hetMasks[k] & GenotypeCodes.LOW_BITS : 0L;
        }
        long lowBits = GenotypeCodes.LOW_BITS;
        for (int w = 0; w < words; w++) {
            long g0 = genotypes[at[0] + w];
            long g1 = genotypes[at[1] + w];
            long g2 = genotypes[at[2] + w];
            long g3 = genotypes[at[3] + w];
            long g4 = genotypes[at[4] + w];
            long g5 = genotypes[at[5] + w];
            long g6 = genotypes[at[6] + w];
            long g7 = genotypes[at[7] + w];
            sum8(hetPlanes, w * PLANES, g0 & ~(g0 >>> 1) & het[0], g1 & ~(g1 >>> 1) & het[1],
                    g2 & ~(g2 >>> 1) & het[2], g3 & ~(g3 >>> 1) & het[3], g4 & ~(g4 >>> 1) & het[4],
                    g5 & ~(g5 >>> 1) & het[5], g6 & ~(g6 >>> 1) & het[6], g7 & ~(g7 >>> 1) & het[7]);
            long m0 = g0 & (g0 >>> 1) & lowBits & rowMasks[0];
            long m1 = g1 & (g1 >>> 1) & lowBits & rowMasks[1];
            long m2 = g2 & (g2 >>> 1) & lowBits & rowMasks[2];
            long m3 = g3 & (g3 >>> 1) & lowBits & rowMasks[3];
            long m4 = g4 & (g4 >>> 1) & lowBits & rowMasks[4];
            long m5 = g5 & (g5 >>> 1) & lowBits & rowMasks[5];
            long m6 = g6 & (g6 >>> 1) & lowBits & rowMasks[6];
            long m7 = g7 & (g7 >>> 1) & lowBits & rowMasks[7];
            if ((m0 | m1 | m2 | m3 | m4 | m5 | m6 | m7) != 0) {
                sum8(missingPlanes, w * PLANES, m0, m1, m2, m3, m4, m5, m6, m7);
            }
        }
    }

    /**
     * Adds eight one-bit-per-lane masks to the planes at {@code base}: a carry-save adder tree (Harley–Seal) gives each
     * lane's 4-bit sum with independent operations instead of eight serial ripple carries.
     */
    private static void sum8(long[] planes, int base, long a0, long a1, long a2, long a3, long a4, long a5, long a6,
                             long a7) {
        long u = a0 ^ a1;
        long ones1 = u ^ a2;
        long twos1 = (a0 & a1) | (u & a2);
        u = a3 ^ a4;
        long ones2 = u ^ a5;
        long twos2 = (a3 & a4) | (u & a5);
        u = ones1 ^ ones2;
        long ones3 = u ^ a6;
        long twos3 = (ones1 & ones2) | (u & a6);
        long ones = ones3 ^ a7;
        long twos4 = ones3 & a7;
        u = twos1 ^ twos2;
        long twosA = u ^ twos3;
        long foursA = (twos1 & twos2) | (u & twos3);
        long twos = twosA ^ twos4;
        long foursB = twosA & twos4;
        long fours = foursA ^ foursB;
        long eights = foursA & foursB;
        addToPlanes(planes, base, ones, twos, fours, eights);
    }

    /** Adds the 4-bit numbers (r3 r2 r1 r0) to the stored planes of one word. */
    private static void addToPlanes(long[] planes, int base, long r0, long r1, long r2, long r3) {
        long p = planes[base];
        long carry = p & r0;
        planes[base] = p ^ r0;
        p = planes[base + 1];
        long x = p ^ r1;
        planes[base + 1] = x ^ carry;
        carry = (p & r1) | (carry & x);
        p = planes[base + 2];
        x = p ^ r2;
        planes[base + 2] = x ^ carry;
        carry = (p & r2) | (carry & x);
        p = planes[base + 3];
        x = p ^ r3;
        planes[base + 3] = x ^ carry;
        carry = (p & r3) | (carry & x);
        // branch-free: a data-dependent exit mispredicts whenever some lane crosses a multiple of 16
        for (int i = 4; i < PLANES; i++) {
            p = planes[base + i];
            planes[base + i] = p ^ carry;
            carry &= p;
        }
    }

    /** Adds another worker's counts into this one. */
    BitSlicedCounter add(BitSlicedCounter other) {
        int[] h = other.hets();
        int[] m = other.missing();
        flush();
        for (int i = 0; i < hets.length; i++) {
            hets[i] += h[i];
            missing[i] += m[i];
        }
        return this;
    }

    /** Per-sample heterozygous counts (flushes first). */
    int[] hets() {
        flush();
        return hets;
    }

    /** Per-sample missing counts (flushes first). */
    int[] missing() {
        flush();
        return missing;
    }

    private void flush() {
        flush(hetPlanes, hets);
        flush(missingPlanes, missing);
        pending = 0;
    }

    /** Adds the plane counts to the totals, branch-free (a set-bit loop mispredicts on dense counts). */
    private void flush(long[] planes, int[] totals) {
        int n = totals.length;
        for (int w = 0; w < words; w++) {
            int base = w * PLANES;
            int top = PLANES;
            while (top > 0 && planes[base + top - 1] == 0) {
                top--;
            }
            if (top == 0) {
                continue;
            }
            int first = w << 5;
            int limit = Math.min(32, n - first);
            for (int j = 0; j < limit; j++) {
                int shift = j << 1;
                int count = 0;
                for (int p = 0; p < top; p++) {
                    count |= (int) ((planes[base + p] >>> shift) & 1L) << p;
                }
                totals[first + j] += count;
            }
            java.util.Arrays.fill(planes, base, base + top, 0L);
        }
    }
}
