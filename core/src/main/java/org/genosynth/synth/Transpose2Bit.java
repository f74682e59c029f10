package org.genosynth.synth;

/**
 * Transposition of 32 x 32 tiles of 2-bit codes held in 32 longs (element {@code k} of row {@code i} in bits
 * {@code 2k..2k+1} of {@code a[i]}): five rounds of masked block swaps (16, 8, 4, 2, 1 elements), so a tile of 1,024
 * genotypes moves in 80 word swaps. Converts between the sample-major rows the generator builds (one row per sample,
 * 32 variants per word) and the variant-major layout of {@link org.genosynth.model.GenotypeCodes}.
 */
final class Transpose2Bit {
    private static final long[] MASKS = {0x0000_0000_FFFF_FFFFL, 0x0000_FFFF_0000_FFFFL, 0x00FF_00FF_00FF_00FFL,
        0x0F0F_0F0F_0F0F_0F0FL, 0x3333_3333_3333_3333L};

    private Transpose2Bit() {
    }

    /** Transposes the tile {@code a[off..off+31]} in place. */
    static void transpose(long[] a, int off) {
        int j = 16;
        for (int round = 0; round < 5; round++, j >>>= 1) {
            long m = MASKS[round];
            int shift = 2 * j;
            for (int i = 0; i < 32; i = (i + j + 1) & ~j) {
                long lo = a[off + i];
                long hi = a[off + i + j];
                long t = ((lo >>> shift) ^ hi) & m;
                a[off + i + j] = hi ^ t;
                a[off + i] = lo ^ (t << shift);
            }
        }
    }
}
