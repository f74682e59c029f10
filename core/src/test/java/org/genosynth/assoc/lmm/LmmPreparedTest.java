package org.genosynth.assoc.lmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.SharedData;
import org.genosynth.model.GenotypeMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link LmmEngine#prepare}: one decomposition kept for many phenotypes over the same samples (the synthetic trait's
 * calibration) gives exactly what a fresh {@link LmmEngine#fit} gives, and a phenotype over other samples is fitted
 * afresh, not on the kept decomposition.
 */
class LmmPreparedTest {
    private static GenotypeMatrix mouse;

    @BeforeAll
    static void load() {
        // the first 500 mice: enough for hits, and each decomposition stays cheap
        mouse = GenotypeLoader.load(SharedData.mouse(".bed.gz"), null,
                java.util.stream.IntStream.range(0, 500).toArray());
    }

    /** A trait on two SNPs plus noise; every 10th sample missing when {@code holes}. */
    private static double[] trait(long seed, boolean holes) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] y = new double[mouse.sampleCount()];
        for (int s = 0; s < y.length; s++) {
            double a = mouse.dosage(100, s);
            double b = mouse.dosage(5000, s);
            y[s] = (Double.isNaN(a) ? 1 : a) - (Double.isNaN(b) ? 1 : b) * 0.8 + random.nextGaussian();
            if (holes && s % 10 == 3) {
                y[s] = Double.NaN;
            }
        }
        return y;
    }

    private static void assertSameResult(LmmResult kept, LmmResult fresh) {
        assertThat(kept.nullModel()).usingRecursiveComparison().isEqualTo(fresh.nullModel());
        assertThat(kept.sampleRows()).isEqualTo(fresh.sampleRows());
        assertThat(kept.snps()).hasSameSizeAs(fresh.snps()).isEqualTo(fresh.snps());
    }

    @Test
    void keptDecompositionGivesTheFreshFitsResults() {
        LmmOptions options = LmmOptions.defaults().withThreads(2);
        double[] first = trait(1, false);
        double[] second = trait(2, false);
        double[] other = trait(3, true);
        try (LmmEngine.Prepared prepared = LmmEngine.prepare(mouse, first, null, options)) {
            assertThat(prepared.fit(first).snps()).isNotEmpty();
            // a second phenotype over the same samples, on the kept decomposition
            LmmResult fresh = LmmEngine.fit(mouse, second, null, options);
            assertSameResult(prepared.fit(second), fresh);
            assertThat(fresh.snps().stream().filter(s -> s.pWald() < 5e-8).count()).isPositive();
            assertThat(prepared.nullModels(new double[][] {second}).get(0)).usingRecursiveComparison()
                    .isEqualTo(fresh.nullModel());
            // other samples: fitted afresh over them, not on the kept decomposition
            LmmResult holes = prepared.fit(other);
            assertThat(holes.sampleRows()).hasSize(mouse.sampleCount() - mouse.sampleCount() / 10);
            assertThat(holes.nullModel().sampleCount()).isEqualTo(holes.sampleRows().length);
        }
    }
}
