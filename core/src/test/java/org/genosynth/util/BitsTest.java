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
}
