package org.genosynth.assoc.kinship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.exec.Backend;
import org.genosynth.exec.LocalBackend;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;

/**
 * The inbred lines' kinship from the KING counts equals the formula evaluated genotype by genotype over the variants
 * called in both ({@code 0.5 (1 - sum |a - b| / 2 / sum 2p(1-p))}), to 1e-12, with missing calls at 0 to 20 % per
 * line and a few residual heterozygotes; a line and its copy (with its own extra missing calls) are at 0.5.
 */
class InbredKinshipTest {
    private static final int LINES = 70;
    private static final int VARIANTS = 500;

    @Test
    void equalsTheFormulaOverJointlyCalledVariants() {
        GenotypeMatrix g = lines(9);
        double[] p = StructureInput.altFrequencies(g);
        try (Backend backend = new LocalBackend(2)) {
            SamplePlanes planes = SamplePlanes.of(g, backend);
            InbredKinship inbred = new InbredKinship(planes, p);
            KingKinship king = new KingKinship(planes);
            for (int i = 1; i < LINES; i++) {
                for (int j = 0; j < i; j++) {
                    double k = inbred.kinship(king.pair(i, j), i, j);
                    assertThat(k).as("pair %d %d", i, j).isCloseTo(naive(g, p, i, j), within(1e-12));
                }
            }
            // line LINES - 1 copies line 0 where both are called
            assertThat(inbred.kinship(king.pair(LINES - 1, 0), LINES - 1, 0)).isCloseTo(0.5, within(1e-12));
        }
    }

    private static double naive(GenotypeMatrix g, double[] p, int i, int j) {
        double d = 0;
        double e = 0;
        for (int v = 0; v < g.variantCount(); v++) {
            int a = g.code(v, i);
            int b = g.code(v, j);
            if (a == GenotypeCodes.MISSING || b == GenotypeCodes.MISSING) {
                continue;
            }
            d += Math.abs(a - b) / 2.0;
            e += p[v] > 0 && p[v] < 1 ? 2 * p[v] * (1 - p[v]) : 0;
        }
        return 0.5 * (1 - d / e);
    }

    /** Inbred lines coded 0/2, 1 % heterozygotes, line s missing at rate (s % 5) x 5 %; the last line copies line 0. */
    private static GenotypeMatrix lines(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int wpv = GenotypeCodes.wordsPerVariant(LINES);
        long[] words = new long[VARIANTS * wpv];
        List<Variant> vs = new ArrayList<>();
        for (int v = 0; v < VARIANTS; v++) {
            double p = 0.05 + 0.9 * r.nextDouble();
            int first = 0;
            for (int s = 0; s < LINES; s++) {
                int code = r.nextDouble() < 0.01 ? 1 : r.nextDouble() < p ? 2 : 0;
                if (s == 0) {
                    first = code;
                } else if (s == LINES - 1) {
                    code = first;
                }
                if (r.nextDouble() < (s % 5) * 0.05) {
                    code = GenotypeCodes.MISSING;
                }
                GenotypeCodes.set(words, v * wpv, s, code);
            }
            vs.add(new Variant("1", v + 1, "v" + v, "A", "G", 0));
        }
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < LINES; s++) {
            samples.add(Sample.of("l" + s));
        }
        return new GenotypeMatrix(SampleSheet.of(samples), vs, words, null);
    }
}
