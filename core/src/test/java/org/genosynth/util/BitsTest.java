package org.genosynth.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BitsTest {
    @Test
    void longestRunOfOnes() {
        assertThat(Bits.longestOnes(0L)).isZero();
        assertThat(Bits.longestOnes(-1L)).isEqualTo(64);
        assertThat(Bits.longestOnes(0b1110_1111_0110L)).isEqualTo(4);
        assertThat(Bits.longestOnes(1L << 63)).isEqualTo(1);
        assertThat(Bits.longestOnes(0xF0F0_FFFF_0000_00FFL)).isEqualTo(16);
    }

    @Test
    void aRunOfAtLeastALengthIsFoundExactlyWhereTheLongestRunReachesIt() {
        assertThat(Bits.hasRun(0L, 1)).isFalse();
        assertThat(Bits.hasRun(0L, 0)).isTrue();
        assertThat(Bits.hasRun(-1L, 64)).isTrue();
        assertThat(Bits.hasRun(-1L >>> 1, 64)).isFalse();
        assertThat(Bits.hasRun(-1L, 65)).isFalse();
        assertThat(Bits.hasRun(0b1110_1111_0110L, 4)).isTrue();
        assertThat(Bits.hasRun(0b1110_1111_0110L, 5)).isFalse();
        // against the one-step-per-bit count on seeded words of every density
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            long x = r.nextLong() | r.nextLong() | (i % 3 == 0 ? r.nextLong() : 0);
            x = i % 5 == 0 ? x & r.nextLong() : x;
            int longest = Bits.longestOnes(x);
            for (int length = 1; length <= 64; length++) {
                assertThat(Bits.hasRun(x, length)).as("%x, %d", x, length).isEqualTo(longest >= length);
            }
        }
    }
}
