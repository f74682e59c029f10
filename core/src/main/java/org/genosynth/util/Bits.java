package org.genosynth.util;

/** Bit tricks on 64-bit words shared by the bit-packed kernels. */
public final class Bits {
    private Bits() {
    }

    /**
     * The even bits {@code 0, 2, .., 62} of {@code x}, packed into bits {@code 0..31}: one bit per 2-bit genotype
     * code, so that two words of codes make one word of 64 variants.
     */
    public static long evenBits(long x) {
        x &= 0x5555_5555_5555_5555L;
        x = (x | (x >>> 1)) & 0x3333_3333_3333_3333L;
        x = (x | (x >>> 2)) & 0x0F0F_0F0F_0F0F_0F0FL;
        x = (x | (x >>> 4)) & 0x00FF_00FF_00FF_00FFL;
        x = (x | (x >>> 8)) & 0x0000_FFFF_0000_FFFFL;
        return (x | (x >>> 16)) & 0xFFFF_FFFFL;
    }

    /** The longest run of consecutive one bits in {@code x}. */
    public static int longestOnes(long x) {
        int k = 0;
        while (x != 0) {
            x &= x >>> 1;
            k++;
        }
        return k;
    }

    /**
     * Whether {@code x} holds a run of at least {@code length} consecutive one bits: {@code x & x >>> 1 & ... &
     * x >>> (length - 1)} by doubling, about log2(length) steps, where {@link #longestOnes} takes one step per bit of
     * the longest run. A kernel that keeps the longest run seen so far asks this first and measures a word's own run
     * only when it could be longer.
     */
    public static boolean hasRun(long x, int length) {
        if (length <= 0) {
            return true;
        }
        if (length > 64) {
            return false;
        }
        int covered = 1;
        while (x != 0 && covered * 2 <= length) {
            x &= x >>> covered;
            covered *= 2;
        }
        if (covered < length) {
            x &= x >>> (length - covered);
        }
        return x != 0;
    }
}
