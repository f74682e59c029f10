package org.genosynth.qc;

import org.genosynth.model.GenotypeCodes;

/**
 * One worker's per-sample counts of heterozygous and of missing calls, added one packed variant row at a time, 32
 * samples per word, in SIMD-within-a-register lanes that widen as they fill: a row's event mask (one bit per
 * sample's 2-bit slot) is added to 2-bit lanes (three rows fit), those spill into 4-bit lanes (fifteen rows), those
 * into 8-bit lanes (255 rows), and those into integer totals. About four word operations per sample word and event
 * per row, in plain loops that the JIT compiles quickly; the counts are exact integers, so any split of the rows over
 * workers gives the same sums.
 */
public final class SampleCounter implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final long PAIRS = 0x3333_3333_3333_3333L;
    private static final long NIBBLES = 0x0F0F_0F0F_0F0F_0F0FL;
    /** Rows a 2-bit lane holds, 4-bit lane spills a 4-bit lane holds, 8-bit lane spills an 8-bit lane holds. */
    private static final int ROWS_PER_2 = 3;
    private static final int SPILLS_PER_4 = 5;
    private static final int SPILLS_PER_8 = 17;

    private final Lanes hets;
    private final Lanes missing;
    private final int sampleCount;
    /** Missing calls at monomorphic variants (null until one is seen). */
    private int[] monoMissing;
    /** Expected homozygosity ({@link SampleTotals#fixed} units) at polymorphic variants a sample is missing at. */
    private long[] polyMissingExpectedHom;
    private int lastHets;
    private int lastMissing;
    private int lastSetBits;

    /** Counters for {@code sampleCount} samples. */
    SampleCounter(int sampleCount) {
        int words = GenotypeCodes.wordsPerVariant(sampleCount);
        this.hets = new Lanes(words, sampleCount);
        this.missing = new Lanes(words, sampleCount);
        this.sampleCount = sampleCount;
    }

    /**
     * One missing call of {@code sample}, counted sparsely: at a monomorphic variant as such, at a polymorphic one by
     * the variant's expected homozygosity ({@code expectedHom}, {@link SampleTotals#fixed} units).
     */
    void addSparseMissing(int sample, boolean polymorphic, long expectedHom) {
        if (polymorphic) {
            if (polyMissingExpectedHom == null) {
                polyMissingExpectedHom = new long[sampleCount];
            }
            polyMissingExpectedHom[sample] += expectedHom;
        } else {
            if (monoMissing == null) {
                monoMissing = new int[sampleCount];
            }
            monoMissing[sample]++;
        }
    }

    /** Missing calls at monomorphic variants per sample, or null when there were none. */
    int[] monomorphicMissing() {
        return monoMissing == null ? null : monoMissing.clone();
    }

    /** Expected homozygosity lost to missing calls at polymorphic variants per sample, or null when none. */
    long[] missingExpectedHom() {
        return polyMissingExpectedHom == null ? null : polyMissingExpectedHom.clone();
    }

    /**
     * Counts the missing calls and, when {@code countHets}, the heterozygous calls of the packed row at
     * {@code genotypes[offset..offset + wordsPerVariant)}.
     */
    void addRow(long[] genotypes, int offset, boolean countHets) {
        addRow(genotypes, offset, countHets, null);
    }

    /** As above, counting only the missing calls of the samples in {@code missingOnly} (null: every sample). */
    void addRow(long[] genotypes, int offset, boolean countHets, long[] missingOnly) {
        long[] h = hets.two;
        long[] m = missing.two;
        long low = GenotypeCodes.LOW_BITS;
        if (countHets) {
            for (int w = 0; w < h.length; w++) {
                long g = genotypes[offset + w];
                long shifted = g >>> 1;
                h[w] += g & ~shifted & low;
                m[w] += g & shifted & low & (missingOnly == null ? -1L : missingOnly[w]);
            }
            hets.rowAdded();
        } else {
            for (int w = 0; w < m.length; w++) {
                long g = genotypes[offset + w];
                m[w] += g & (g >>> 1) & low & (missingOnly == null ? -1L : missingOnly[w]);
            }
        }
        missing.rowAdded();
    }

    /**
     * Adds the missing and heterozygous masks of the packed row at {@code genotypes[offset..)} to the 2-bit lanes
     * and counts its genotypes on the way (one pass over the row for both); the row must then be settled by
     * {@link #settleRow} before the next one is added. The counts are in {@link #lastHets()},
     * {@link #lastMissing()} and {@link #lastSetBits()}.
     */
    void addRowAndCount(long[] genotypes, int offset) {
        long[] h = hets.two;
        long[] m = missing.two;
        long low = GenotypeCodes.LOW_BITS;
        int het = 0;
        int miss = 0;
        int bits = 0;
        for (int w = 0; w < h.length; w++) {
            long g = genotypes[offset + w];
            long shifted = g >>> 1;
            long hetMask = g & ~shifted & low;
            long missMask = g & shifted & low;
            h[w] += hetMask;
            m[w] += missMask;
            het += Long.bitCount(hetMask);
            miss += Long.bitCount(missMask);
            bits += Long.bitCount(g);
        }
        lastHets = het;
        lastMissing = miss;
        lastSetBits = bits;
    }

    /** Heterozygous calls of the row last added by {@link #addRowAndCount}. */
    int lastHets() {
        return lastHets;
    }

    /** Missing calls of the row last added by {@link #addRowAndCount}. */
    int lastMissing() {
        return lastMissing;
    }

    /** Set bits of the row last added (heterozygous + hom-alt + 2 x missing calls). */
    int lastSetBits() {
        return lastSetBits;
    }

    /**
     * Settles the row last added by {@link #addRowAndCount}: its missing calls stay counted when {@code keep}, its
     * heterozygous calls when {@code keep && countHets}; whatever should not count is taken back out of the 2-bit
     * lanes (exactly: it was added last and nothing has spilled since).
     */
    void settleRow(long[] genotypes, int offset, boolean keep, boolean countHets) {
        settleRow(genotypes, offset, keep, countHets, null);
    }

    /**
     * As above; when the row is kept only the missing calls of the samples in {@code missingOnly} stay counted (null:
     * every sample's).
     */
    void settleRow(long[] genotypes, int offset, boolean keep, boolean countHets, long[] missingOnly) {
        boolean removeHets = (!keep || !countHets) && lastHets > 0;
        boolean removeMissing = lastMissing > 0 && (!keep || missingOnly != null);
        if (removeHets || removeMissing) {
            long[] h = hets.two;
            long[] m = missing.two;
            long low = GenotypeCodes.LOW_BITS;
            long hetKeep = removeHets ? -1L : 0L;
            for (int w = 0; w < h.length; w++) {
                long g = genotypes[offset + w];
                long shifted = g >>> 1;
                long missRemoved = !removeMissing ? 0L : !keep ? -1L : ~missingOnly[w];
                h[w] -= g & ~shifted & low & hetKeep;
                m[w] -= g & shifted & low & missRemoved;
            }
        }
        if (keep && countHets) {
            hets.rowAdded();
        }
        if (keep) {
            missing.rowAdded();
        }
    }

    /** Adds another worker's counts into this one. */
    SampleCounter add(SampleCounter other) {
        hets.add(other.hets());
        missing.add(other.missing());
        if (other.monoMissing != null) {
            if (monoMissing == null) {
                monoMissing = new int[sampleCount];
            }
            for (int i = 0; i < sampleCount; i++) {
                monoMissing[i] += other.monoMissing[i];
            }
        }
        if (other.polyMissingExpectedHom != null) {
            if (polyMissingExpectedHom == null) {
                polyMissingExpectedHom = new long[sampleCount];
            }
            for (int i = 0; i < sampleCount; i++) {
                polyMissingExpectedHom[i] += other.polyMissingExpectedHom[i];
            }
        }
        return this;
    }

    /** Puts the counts (combined over workers) into {@code totals}. */
    void into(SampleTotals totals) {
        totals.setCounts(hets(), missing(), monomorphicMissing(), missingExpectedHom());
    }

    /** Per-sample heterozygous counts (a copy; flushes first). */
    int[] hets() {
        return hets.totals();
    }

    /** Per-sample missing counts (a copy; flushes first). */
    int[] missing() {
        return missing.totals();
    }

    /** The widening lanes of one event. */
    private static final class Lanes implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        /** 2-bit lanes: slot j of word w at bits 2j of {@code two[w]}. */
        final long[] two;
        /** 4-bit lanes: slot 2k + e of word w at bits 4k of {@code four[2w + e]}. */
        private final long[] four;
        /** 8-bit lanes: slot 4m + 2f + e of word w at bits 8m of {@code eight[4w + 2e + f]}. */
        private final long[] eight;
        /** Per-sample totals, padded to 32 per word (the padding slots stay 0). */
        private final int[] totals;
        private final int samples;
        private int rowsInTwo;
        private int spillsInFour;
        private int spillsInEight;

        Lanes(int words, int samples) {
            two = new long[words];
            four = new long[2 * words];
            eight = new long[4 * words];
            totals = new int[32 * words];
            this.samples = samples;
        }

        void rowAdded() {
            if (++rowsInTwo == ROWS_PER_2) {
                spillTwo();
            }
        }

        private void spillTwo() {
            for (int w = 0; w < two.length; w++) {
                long x = two[w];
                four[2 * w] += x & PAIRS;
                four[2 * w + 1] += (x >>> 2) & PAIRS;
                two[w] = 0;
            }
            rowsInTwo = 0;
            if (++spillsInFour == SPILLS_PER_4) {
                spillFour();
            }
        }

        private void spillFour() {
            for (int i = 0; i < four.length; i++) {
                long x = four[i];
                eight[2 * i] += x & NIBBLES;
                eight[2 * i + 1] += (x >>> 4) & NIBBLES;
                four[i] = 0;
            }
            spillsInFour = 0;
            if (++spillsInEight == SPILLS_PER_8) {
                spillEight();
            }
        }

        /** Adds the 8-bit lanes to the integer totals (padded to whole words, so no bounds test per lane). */
        private void spillEight() {
            for (int i = 0; i < eight.length; i++) {
                long x = eight[i];
                // i = 4w + 2e + f: byte m holds slot 4m + 2f + e of word w
                int s = ((i >>> 2) << 5) + ((i & 1) << 1) + ((i >>> 1) & 1);
                totals[s] += (int) (x & 0xFF);
                totals[s + 4] += (int) ((x >>> 8) & 0xFF);
                totals[s + 8] += (int) ((x >>> 16) & 0xFF);
                totals[s + 12] += (int) ((x >>> 24) & 0xFF);
                totals[s + 16] += (int) ((x >>> 32) & 0xFF);
                totals[s + 20] += (int) ((x >>> 40) & 0xFF);
                totals[s + 24] += (int) ((x >>> 48) & 0xFF);
                totals[s + 28] += (int) (x >>> 56);
                eight[i] = 0;
            }
            spillsInEight = 0;
        }

        /** Adds counts of the same samples to the totals. */
        void add(int[] counts) {
            for (int i = 0; i < counts.length; i++) {
                totals[i] += counts[i];
            }
        }

        /** A copy of the totals, everything spilled into them first. */
        int[] totals() {
            if (rowsInTwo > 0) {
                spillTwo();
            }
            if (spillsInFour > 0) {
                spillFour();
            }
            if (spillsInEight > 0) {
                spillEight();
            }
            return java.util.Arrays.copyOf(totals, samples);
        }
    }
}
