package org.genosynth.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The verdicts the phenotype calibration counts to choose among its measured states: evaluate's REML PVE and SNP
 * recall/precision thresholds (pass <= 0.05 / >= 0.9, warn <= 0.15 / >= 0.7).
 */
class PhenotypeVerdictsTest {
    private static Set<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toSet());
    }

    @Test
    void countsFailAndWarnVerdictsOfThePveAndTheHits() {
        Set<Integer> real = range(0, 13);
        assertArrayEquals(new int[] {0, 0}, PhenotypeSynthesis.verdicts(0.01, real, real));
        assertArrayEquals(new int[] {0, 1}, PhenotypeSynthesis.verdicts(0.095, real, real));
        assertArrayEquals(new int[] {1, 0}, PhenotypeSynthesis.verdicts(0.2, real, real));
        assertArrayEquals(new int[] {1, 0}, PhenotypeSynthesis.verdicts(Double.NaN, real, real));
        // the mouse demo at synth seed 3 before: PVE matched, 6 of 13 hits (recall 0.46, precision 1)
        assertArrayEquals(new int[] {1, 0}, PhenotypeSynthesis.verdicts(0, real, range(0, 6)));
        // 13 of 13 hits among 22 synthetic ones: precision 0.59
        assertArrayEquals(new int[] {1, 1}, PhenotypeSynthesis.verdicts(0.095, real, range(0, 22)));
        // 11 of 13 (recall 0.85, a warn)
        assertArrayEquals(new int[] {0, 2}, PhenotypeSynthesis.verdicts(0.065, real, range(0, 11)));
    }

    @Test
    void recallIsNotJudgedWithoutRealHitsNorPrecisionWithoutSyntheticOnes() {
        assertArrayEquals(new int[] {0, 0}, PhenotypeSynthesis.verdicts(0.0, Set.of(), Set.of()));
        assertArrayEquals(new int[] {1, 0}, PhenotypeSynthesis.verdicts(0.0, Set.of(), Set.of(5)));
        assertArrayEquals(new int[] {1, 0}, PhenotypeSynthesis.verdicts(0.0, Set.of(5), Set.of()));
    }
}
