package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.genosynth.assoc.lmm.LmmEngine;
import org.genosynth.assoc.lmm.LmmOptions;
import org.genosynth.model.GenotypeMatrix;
import org.junit.jupiter.api.Test;

/**
 * The signal scale of the phenotype calibration on a trait without heritability: a real REML PVE of 0 and a signal
 * set of suggestive SNPs only (chance associations at p < 1e-3), on synthetic genotypes of independent sites (as the
 * HMM draws them from a cohort without LD). The signal alone explains more than the real PVE, so its targets are
 * scaled down; with no real genome-wide hit to keep, below half of them (until session 27 the grid stopped at 0.5:
 * on `plink2 --dummy` 1,500 x 8,000 with its scalar trait the HMM's synthetic PVE stayed at 0.060 against 0.000).
 */
class PhenotypeSignalScaleTest {
    private static final int N = 1_000;
    private static final int M = 600;
    private static final int SIGNAL = 24;

    @Test
    void aTraitWithoutHeritabilityKeepsNoneWhereNoGenomeWideHitIsAtStake() {
        GenotypeMatrix synth = TestCohorts.unrelated(N, M, 0.001, 3);
        int[] window = new int[SIGNAL];
        int[] tier = new int[SIGNAL];
        double[] r = new double[SIGNAL];
        double[] t = new double[SIGNAL];
        for (int j = 0; j < SIGNAL; j++) {
            window[j] = 5 + j * (M / SIGNAL);
            tier[j] = PhenotypeSynthesis.SUGGESTIVE;
            r[j] = j % 2 == 0 ? 0.12 : -0.12;   // |t| about 3.8 at 1,000: p about 1.5e-4, suggestive, not significant
            t[j] = r[j] * Math.sqrt(N - 2) / Math.sqrt(1 - r[j] * r[j]);
        }
        PhenotypeSynthesis.Fit fit = new PhenotypeSynthesis.Fit("y", 0, 1, 0, Double.NaN, window, tier,
                new boolean[1][SIGNAL], true, r, t, N, 1e-6);
        PhenotypeCalibration.Calibrated calibrated = PhenotypeCalibration.generateCalibrated(fit, synth, 0.95, 17, 2,
                1);
        double scaled = pve(synth, calibrated.values());
        // at the former floor the signal alone explains more than evaluate's pass line allows
        double atHalf = pve(synth, PhenotypeSynthesis.generate(fit.withTargets(half(r)), synth, 0.95,
                new SplittableRandom(17)));
        System.out.printf("signal scale %.3f: REML PVE %.4f (at 0.5: %.4f)%n", calibrated.signalScale(), scaled,
                atHalf);
        assertThat(atHalf).isGreaterThan(0.05);
        assertThat(calibrated.signalScale()).isLessThan(PhenotypeCalibration.HIT_SCALE_FLOOR);
        assertThat(scaled).isLessThanOrEqualTo(0.05);
    }

    private static double[] half(double[] r) {
        double[] h = r.clone();
        for (int j = 0; j < h.length; j++) {
            h[j] *= 0.5;
        }
        return h;
    }

    private static double pve(GenotypeMatrix g, double[] y) {
        try (LmmEngine.Prepared prepared = LmmEngine.prepare(g, y, null, LmmOptions.defaults().withThreads(1))) {
            return prepared.fit(y).nullModel().pve();
        }
    }
}
