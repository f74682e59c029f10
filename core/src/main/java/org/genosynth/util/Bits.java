package org.genosynth.util;

/** Bit tricks on 64-bit words shared by the bit-packed kernels. */
public final class Bits {
    private Bits() {
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
}
