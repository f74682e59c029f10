package org.genosynth.qc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.genosynth.model.GenotypeCodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lane het/missing counters against a per-sample loop, on random genotype rows of varying density. */
class SampleCounterTest {

    @ParameterizedTest
    @CsvSource({"1,1337", "31,1337", "32,1000", "33,70000", "77,3000", "1000,1337"})
    void groupedCountsMatchNaiveCounts(int samples, int variants) {
        Random rnd = new Random(samples * 31L + variants);
        int wpv = GenotypeCodes.wordsPerVariant(samples);
        long[] rows = new long[variants * wpv];
        boolean[] countHets = new boolean[variants];
        int[] naiveHets = new int[samples];
        int[] naiveMissing = new int[samples];
        for (int v = 0; v < variants; v++) {
            int kind = v % 5;
            countHets[v] = rnd.nextInt(4) != 0;
            for (int s = 0; s < samples; s++) {
                int code = switch (kind) {
                    case 0 -> 0;
                    case 1 -> rnd.nextInt(50) == 0 ? 3 : rnd.nextInt(3);
                    case 2 -> rnd.nextInt(4);
                    case 3 -> 1;
                    default -> 3;
                };
                GenotypeCodes.set(rows, v * wpv, s, code);
                naiveHets[s] += code == 1 && countHets[v] ? 1 : 0;
                naiveMissing[s] += code == 3 ? 1 : 0;
            }
        }
        // rows split over two counters and combined, as two workers would
        SampleCounter first = new SampleCounter(samples);
        SampleCounter second = new SampleCounter(samples);
        for (int v = 0; v < variants; v++) {
            (rnd.nextInt(3) == 0 ? second : first).addRow(rows, v * wpv, countHets[v]);
        }
        SampleCounter all = new SampleCounter(samples).add(first).add(second);
        assertThat(all.hets()).containsExactly(naiveHets);
        assertThat(all.missing()).containsExactly(naiveMissing);
    }

    @ParameterizedTest
    @CsvSource({"1,500", "33,2000", "1000,700"})
    void countingWhileAddingThenSettlingMatchesNaiveCounts(int samples, int variants) {
        Random rnd = new Random(samples * 17L + variants);
        int wpv = GenotypeCodes.wordsPerVariant(samples);
        long[] rows = new long[variants * wpv];
        int[] naiveHets = new int[samples];
        int[] naiveMissing = new int[samples];
        SampleCounter counter = new SampleCounter(samples);
        for (int v = 0; v < variants; v++) {
            int[] calls = new int[4];
            for (int s = 0; s < samples; s++) {
                int code = v % 7 == 0 ? 1 : rnd.nextInt(20) == 0 ? 3 : rnd.nextInt(3);
                GenotypeCodes.set(rows, v * wpv, s, code);
                calls[code]++;
            }
            counter.addRowAndCount(rows, v * wpv);
            assertThat(counter.lastHets()).isEqualTo(calls[1]);
            assertThat(counter.lastMissing()).isEqualTo(calls[3]);
            assertThat(counter.lastSetBits()).isEqualTo(calls[1] + calls[2] + 2 * calls[3]);
            boolean keep = rnd.nextInt(4) != 0;
            boolean countHets = rnd.nextInt(3) != 0;
            counter.settleRow(rows, v * wpv, keep, countHets);
            for (int s = 0; s < samples; s++) {
                int code = GenotypeCodes.get(rows, v * wpv, s);
                naiveHets[s] += keep && countHets && code == 1 ? 1 : 0;
                naiveMissing[s] += keep && code == 3 ? 1 : 0;
            }
        }
        assertThat(counter.hets()).containsExactly(naiveHets);
        assertThat(counter.missing()).containsExactly(naiveMissing);
    }
}
