package org.genosynth.model;

/**
 * Bit-packed genotype codes: two bits per sample, 32 samples per {@code long}, sample {@code i} of a variant in bits
 * {@code 2(i%32)..2(i%32)+1} of word {@code i/32}. Codes count copies of the ALT allele; trailing bits of the last word
 * are always zero.
 *
 * <p>All methods take the word array plus the offset of the variant's first word, so that one {@code long[]} can hold a
 * whole block of variants (variant-major, {@link #wordsPerVariant(int)} words each).
 */
public final class GenotypeCodes {
    /** Homozygous reference. */
    public static final int HOM_REF = 0;
    /** Heterozygous. */
    public static final int HET = 1;
    /** Homozygous alternate. */
    public static final int HOM_ALT = 2;
    /** Missing genotype. */
    public static final int MISSING = 3;

    /** Mask of the low bit of every 2-bit code in a word. */
    public static final long LOW_BITS = 0x5555_5555_5555_5555L;

    private GenotypeCodes() {
    }

    /** Number of 64-bit words holding one variant of {@code sampleCount} samples. */
    public static int wordsPerVariant(int sampleCount) {
        return (sampleCount + 31) >>> 5;
    }

    /** The code of one sample. */
    public static int get(long[] words, int offset, int sample) {
        return (int) (words[offset + (sample >>> 5)] >>> ((sample & 31) << 1)) & 3;
    }

    /** Sets the code of one sample (the slot must hold code 0 or the caller must not care about the old value). */
    public static void set(long[] words, int offset, int sample, int code) {
        int w = offset + (sample >>> 5);
        int shift = (sample & 31) << 1;
        words[w] = (words[w] & ~(3L << shift)) | ((long) code << shift);
    }

    /**
     * Genotype counts of one variant: {@code [homRef, het, homAlt, missing]}, by popcount. The hom-ref count is derived,
     * so trailing zero bits are never counted.
     */
    public static int[] counts(long[] words, int offset, int sampleCount) {
        int het = 0;
        int homAlt = 0;
        int missing = 0;
        int end = offset + wordsPerVariant(sampleCount);
        for (int w = offset; w < end; w++) {
            long word = words[w];
            long lo = word & LOW_BITS;
            long hi = (word >>> 1) & LOW_BITS;
            het += Long.bitCount(lo & ~hi);
            homAlt += Long.bitCount(hi & ~lo);
            missing += Long.bitCount(lo & hi);
        }
        return new int[] {sampleCount - het - homAlt - missing, het, homAlt, missing};
    }

    /**
     * Heterozygous, hom-alt and missing calls, and samples, among the samples of {@code mask} (one bit at the low bit
     * of each one's slot) of the packed row at {@code words[offset..offset + mask.length)}.
     */
    public static int[] maskedCounts(long[] words, int offset, long[] mask) {
        int het = 0;
        int homAlt = 0;
        int missing = 0;
        int samples = 0;
        for (int w = 0; w < mask.length; w++) {
            long word = words[offset + w];
            long m = mask[w];
            long lo = word & LOW_BITS;
            long hi = (word >>> 1) & LOW_BITS;
            het += Long.bitCount(lo & ~hi & m);
            homAlt += Long.bitCount(hi & ~lo & m);
            missing += Long.bitCount(lo & hi & m);
            samples += Long.bitCount(m);
        }
        return new int[] {het, homAlt, missing, samples};
    }

    /** Mask (one bit per sample, at the low bit of its slot) of samples whose code is missing. */
    public static long missingMask(long word) {
        return word & (word >>> 1) & LOW_BITS;
    }

    /** Mask (one bit per sample, at the low bit of its slot) of heterozygous samples. */
    public static long hetMask(long word) {
        return word & ~(word >>> 1) & LOW_BITS;
    }

    /**
     * Copies the codes of the samples {@code keep} (in any order, repeats allowed) from one variant into another packed
     * row, overwriting its words; 32 output codes are assembled in a register per word written.
     */
    public static void select(long[] src, int srcOffset, int[] keep, long[] dst, int dstOffset) {
        long acc = 0;
        int j = 0;
        for (; j < keep.length; j++) {
            int s = keep[j];
            long code = (src[srcOffset + (s >>> 5)] >>> ((s & 31) << 1)) & 3L;
            acc |= code << ((j & 31) << 1);
            if ((j & 31) == 31) {
                dst[dstOffset + (j >>> 5)] = acc;
                acc = 0;
            }
        }
        if ((j & 31) != 0) {
            dst[dstOffset + (j >>> 5)] = acc;
        }
    }

    /**
     * Converts one 64-bit word of PLINK 1 .bed codes (00 hom A1, 01 missing, 10 het, 11 hom A2, A1 = ALT) into
     * genosynth codes. Padding must be masked by the caller.
     */
    public static long fromBedWord(long bed) {
        long lo = bed & LOW_BITS;
        long hi = (bed >>> 1) & LOW_BITS;
        long newLo = hi ^ lo;
        long newHi = ~hi & LOW_BITS;
        return newLo | (newHi << 1);
    }

    /** Inverse of {@link #fromBedWord(long)}. Padding slots (code 0) become 11, which the caller masks away. */
    public static long toBedWord(long codes) {
        long lo = codes & LOW_BITS;
        long hi = (codes >>> 1) & LOW_BITS;
        long bedHi = ~hi & LOW_BITS;
        long bedLo = bedHi ^ lo;
        return bedLo | (bedHi << 1);
    }

    /** Mask of the used bits in the last word of a variant of {@code sampleCount} samples. */
    public static long lastWordMask(int sampleCount) {
        int rem = sampleCount & 31;
        return rem == 0 ? -1L : (1L << (rem << 1)) - 1;
    }
}
