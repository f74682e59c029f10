package org.genosynth.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;

/**
 * The verdicts the phenotype calibration counts to choose among its measured states: evaluate's REML PVE and SNP
 * recall/precision thresholds (pass <= 0.05 / >= 0.9, warn <= 0.15 / >= 0.7).
 */
class PhenotypeVerdictsTest {
    /** 40 variants on chromosome 1, 100 kb apart: one locus (gaps under 1 Mb). */
    private static final List<Variant> VARIANTS = IntStream.range(0, 40)
            .mapToObj(i -> new Variant("1", 1_000_000L + 100_000L * i, "v" + i, "A", "G", Double.NaN)).toList();

    private static Set<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toSet());
    }

    @Test
    void countsFailAndWarnVerdictsOfThePveAndTheHits() {
        Set<Integer> real = range(0, 13);
        assertArrayEquals(new int[] {0, 0}, PhenotypeCalibration.verdicts(0.01, real, real, VARIANTS));
        assertArrayEquals(new int[] {0, 1}, PhenotypeCalibration.verdicts(0.095, real, real, VARIANTS));
        assertArrayEquals(new int[] {1, 0}, PhenotypeCalibration.verdicts(0.2, real, real, VARIANTS));
        assertArrayEquals(new int[] {1, 0}, PhenotypeCalibration.verdicts(Double.NaN, real, real, VARIANTS));
        // the mouse demo at synth seed 3 before: PVE matched, 6 of 13 hits (recall 0.46, precision 1)
        assertArrayEquals(new int[] {1, 0}, PhenotypeCalibration.verdicts(0, real, range(0, 6), VARIANTS));
        // 13 of 13 hits among 22 synthetic ones: precision 0.59
        assertArrayEquals(new int[] {1, 1}, PhenotypeCalibration.verdicts(0.095, real, range(0, 22), VARIANTS));
        // 11 of 13 (recall 0.85, a warn)
        assertArrayEquals(new int[] {0, 2}, PhenotypeCalibration.verdicts(0.065, real, range(0, 11), VARIANTS));
    }

    @Test
    void recallIsNotJudgedWithoutRealHitsNorPrecisionWithoutSyntheticOnes() {
        // (a real hit and no synthetic one: SNP recall and locus recall fail)
        assertArrayEquals(new int[] {0, 0}, PhenotypeCalibration.verdicts(0.0, Set.of(), Set.of(), VARIANTS));
        assertArrayEquals(new int[] {1, 0}, PhenotypeCalibration.verdicts(0.0, Set.of(), Set.of(5), VARIANTS));
        assertArrayEquals(new int[] {2, 0}, PhenotypeCalibration.verdicts(0.0, Set.of(5), Set.of(), VARIANTS));
    }

    /** Loci as evaluate forms them without a map: hits with gaps of at most 1 Mb, found by a hit within 1 Mb. */
    @Test
    void countsTheRealLociFound() {
        List<Variant> two = List.of(new Variant("1", 1_000_000, "a", "A", "G", Double.NaN),
                new Variant("1", 1_500_000, "b", "A", "G", Double.NaN),
                new Variant("1", 9_000_000, "c", "A", "G", Double.NaN),
                new Variant("2", 1_200_000, "d", "A", "G", Double.NaN),
                new Variant("1", 9_900_000, "e", "A", "G", Double.NaN));
        Set<Integer> real = Set.of(0, 1, 2);
        assertEquals(1.0, PhenotypeCalibration.locusRecall(two, real, Set.of(1, 4)));
        // a hit on another chromosome finds nothing; one within 1 Mb of a locus finds it
        assertEquals(0.5, PhenotypeCalibration.locusRecall(two, real, Set.of(3, 4)));
        assertEquals(0.5, PhenotypeCalibration.locusRecall(two, real, Set.of(0)));
        // 3 of 13 SNP hits all in the one locus: recall fails, the locus passes; no hit: both fail
        assertArrayEquals(new int[] {1, 0}, PhenotypeCalibration.verdicts(0, range(0, 13), range(0, 3), VARIANTS));
        assertArrayEquals(new int[] {2, 0}, PhenotypeCalibration.verdicts(0, range(0, 13), Set.of(), VARIANTS));
    }

    private static PhenotypeCalibration.Measured state(double pveGap, int kept, int found) {
        Set<Integer> real = range(0, 13);
        Set<Integer> hits = range(13 - kept, 13 - kept + found);
        return new PhenotypeCalibration.Measured(null, pveGap,
                PhenotypeCalibration.verdicts(Math.abs(pveGap), real, hits, VARIANTS),
                PhenotypeCalibration.verdicts(0, real, hits, VARIANTS));
    }

    /**
     * The offset rounds of the mouse demo at synth seed 3 (PVE gap real - synthetic, real hits kept of 13, synthetic
     * hits): the bracket runs from the state with every hit and the PVE 0.096 low to the one with the PVE matched.
     */
    @Test
    void bracketsTheStateWithTheHitsAndTheStateWithThePve() {
        List<PhenotypeCalibration.Measured> rounds = List.of(state(0.0, 6, 6), state(-0.056, 3, 3), state(0.096, 13, 13),
                state(-0.065, 11, 11), state(0.096, 13, 22));
        PhenotypeCalibration.Measured[] ends = PhenotypeCalibration.bracketEnds(rounds);
        assertSame(rounds.get(2), ends[0]);
        assertSame(rounds.get(0), ends[1]);
        // without a state whose PVE passes, the best other one: 11 of 13 hits at a gap of -0.065
        ends = PhenotypeCalibration.bracketEnds(List.of(rounds.get(1), rounds.get(2), rounds.get(3)));
        assertSame(rounds.get(3), ends[1]);
    }

    @Test
    void nothingToBracketWhenTheHitsStateAlsoPassesThePveOrThePveStateHasTheHits() {
        assertNull(PhenotypeCalibration.bracketEnds(List.of(state(0.04, 13, 13), state(0.0, 6, 6))));
        assertNull(PhenotypeCalibration.bracketEnds(List.of(state(0.096, 13, 13), state(0.0, 13, 13))));
        assertNull(PhenotypeCalibration.bracketEnds(List.of(state(0.096, 13, 13))));
    }
}
