package org.genosynth.assoc.kinship;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SWAR column sums equal bit-by-bit counts, across the nibble (15) and byte (255) flush boundaries. */
class LaneCountsTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 14, 15, 16, 254, 255, 256, 1000, 5000})
    void equalsBitByBitCounts(int rowCount) {
        SplittableRandom r = new SplittableRandom(rowCount);
        long[] masks = new long[300];
        for (int v = 0; v < masks.length; v++) {
            masks[v] = v % 7 == 0 ? -1L : r.nextLong() & r.nextLong();
        }
        int[] rows = new int[rowCount];
        for (int k = 0; k < rowCount; k++) {
            rows[k] = r.nextInt(masks.length - 10);
        }
        int[] counts = new int[70];
        counts[3] = 5;
        LaneCounts.add(masks, 10, rows, counts, 3);
        int[] expected = new int[70];
        expected[3] = 5;
        for (int v : rows) {
            for (int bit = 0; bit < 64; bit++) {
                expected[3 + bit] += (int) (masks[10 + v] >>> bit) & 1;
            }
        }
        assertThat(counts).containsExactly(expected);
    }
}
