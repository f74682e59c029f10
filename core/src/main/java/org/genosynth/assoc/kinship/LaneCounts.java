package org.genosynth.assoc.kinship;

/**
 * Column sums of 64-bit masks: for each bit position {@code k}, how many of the selected masks have bit {@code k}
 * set. Used where one sample's sparse list of missing variants picks rows of a variant-major bit matrix over 64
 * samples. The sums run in SWAR lanes: four accumulators of sixteen 4-bit lanes take up to 15 masks (twelve
 * shift/and/add operations per mask), then move into eight accumulators of eight byte lanes, which take up to 255
 * masks before they are added to the {@code int} counts. So a list of 1,000 variants costs about 13,000 simple
 * operations for 64 samples.
 */
final class LaneCounts {
    private static final long NIBBLE_LOW_BITS = 0x1111_1111_1111_1111L;
    private static final long BYTE_LOW_NIBBLES = 0x0F0F_0F0F_0F0F_0F0FL;
    private static final int MASKS_PER_NIBBLE = 15;
    private static final int MASKS_PER_BYTE = 15 * 17;

    private LaneCounts() {
    }

    /**
     * Adds to {@code counts[at + k]}, for {@code k} in 0..63, the number of indices {@code v} in {@code rows} with
     * bit {@code k} of {@code masks[base + v]} set.
     */
    static void add(long[] masks, int base, int[] rows, int[] counts, int at) {
        int r = 0;
        while (r < rows.length) {
            int byteEnd = Math.min(rows.length, r + MASKS_PER_BYTE);
            // byte lane l of bytes[s] counts bit 8 l + s' with s' = s for s < 4 (low nibble), s + 4 otherwise
            long byte0 = 0;
            long byte1 = 0;
            long byte2 = 0;
            long byte3 = 0;
            long byte4 = 0;
            long byte5 = 0;
            long byte6 = 0;
            long byte7 = 0;
            while (r < byteEnd) {
                int nibbleEnd = Math.min(byteEnd, r + MASKS_PER_NIBBLE);
                // nibble lane l of nibbleS counts bit 4 l + S
                long nibble0 = 0;
                long nibble1 = 0;
                long nibble2 = 0;
                long nibble3 = 0;
                for (; r < nibbleEnd; r++) {
                    long x = masks[base + rows[r]];
                    nibble0 += x & NIBBLE_LOW_BITS;
                    nibble1 += (x >>> 1) & NIBBLE_LOW_BITS;
                    nibble2 += (x >>> 2) & NIBBLE_LOW_BITS;
                    nibble3 += (x >>> 3) & NIBBLE_LOW_BITS;
                }
                byte0 += nibble0 & BYTE_LOW_NIBBLES;
                byte1 += nibble1 & BYTE_LOW_NIBBLES;
                byte2 += nibble2 & BYTE_LOW_NIBBLES;
                byte3 += nibble3 & BYTE_LOW_NIBBLES;
                byte4 += (nibble0 >>> 4) & BYTE_LOW_NIBBLES;
                byte5 += (nibble1 >>> 4) & BYTE_LOW_NIBBLES;
                byte6 += (nibble2 >>> 4) & BYTE_LOW_NIBBLES;
                byte7 += (nibble3 >>> 4) & BYTE_LOW_NIBBLES;
            }
            flush(byte0, counts, at);
            flush(byte1, counts, at + 1);
            flush(byte2, counts, at + 2);
            flush(byte3, counts, at + 3);
            flush(byte4, counts, at + 4);
            flush(byte5, counts, at + 5);
            flush(byte6, counts, at + 6);
            flush(byte7, counts, at + 7);
        }
    }

    /** Byte lane {@code l} of {@code lanes} counts bit {@code 8 l + shift}, added to {@code counts[at + 8 l]}. */
    private static void flush(long lanes, int[] counts, int at) {
        if (lanes == 0) {
            return;
        }
        for (int l = 0; l < 8; l++) {
            counts[at + 8 * l] += (int) (lanes >>> (8 * l)) & 0xFF;
        }
    }
}
