package org.genosynth.qc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.genosynth.model.GenotypeCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BitSlicedCounterTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 31, 32, 33, 77, 1000})
    void randomEventsOverManyVariantsMatchNaiveCounts(int samples) {
        Random rnd = new Random(samples);
        int words = GenotypeCodes.wordsPerVariant(samples);
        long last = GenotypeCodes.lastWordMask(samples) & GenotypeCodes.LOW_BITS;
        BitSlicedCounter counter = new BitSlicedCounter(samples);
        int[] naive = new int[samples];
        int variants = 1_337;
        for (int v = 0; v < variants; v++) {
            // density varies by variant: empty, sparse, dense, all events
            int kind = v % 7;
            for (int w = 0; w < words; w++) {
                long events = switch (kind) {
                    case 0 -> 0L;
                    case 1 -> rnd.nextLong() & rnd.nextLong() & rnd.nextLong();
                    case 2, 3 -> rnd.nextLong();
                    case 4 -> rnd.nextLong() | rnd.nextLong();
                    default -> -1L;
                } & GenotypeCodes.LOW_BITS;
                if (w == words - 1) {
                    events &= last;
                }
                counter.add(w, events);
                for (int b = 0; b < 32; b++) {
                    if ((events >>> (2 * b) & 1L) != 0) {
                        naive[32 * w + b]++;
                    }
                }
            }
            counter.endVariant();
            if (v == 254 || v == 255 || v == 600) {
                // an early look flushes and must not disturb later counting
                assertThat(counter.totals().clone()).containsExactly(naive);
            }
        }
        assertThat(counter.totals()).containsExactly(naive);
    }

    @Test
    void everyEventOnEveryVariantCountsAllVariants() {
        int samples = 70;
        int words = GenotypeCodes.wordsPerVariant(samples);
        BitSlicedCounter counter = new BitSlicedCounter(samples);
        int variants = 255 * 4 + 3;
        for (int v = 0; v < variants; v++) {
            for (int w = 0; w < words; w++) {
                long events = GenotypeCodes.LOW_BITS;
                if (w == words - 1) {
                    events &= GenotypeCodes.lastWordMask(samples);
                }
                counter.add(w, events);
            }
            counter.endVariant();
        }
        assertThat(counter.totals()).hasSize(samples).containsOnly(variants);
    }

    @Test
    void noEventsCountZero() {
        BitSlicedCounter counter = new BitSlicedCounter(33);
        for (int v = 0; v < 300; v++) {
            counter.add(0, 0L);
            counter.add(1, 0L);
            counter.endVariant();
        }
        assertThat(counter.totals()).containsOnly(0);
    }
}
