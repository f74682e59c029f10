package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.RandomGenotypes;
import org.junit.jupiter.api.Test;

/**
 * Case/control columns are synthesized as case/control in their own coding: GEMMA's 0/1 and PLINK's 1 = control,
 * 2 = case (what `gwas --model logistic` reads). A 1/2 column used to be taken for a quantitative trait and came out as
 * real numbers around 1.3.
 */
class PhenotypeBinaryTest {
    /** 400 people, 300 variants; 30 % cases by a liability on variant 0; 10 % missing; codes control/control+1. */
    private static double[] caseControl(GenotypeMatrix g, double control) {
        SplittableRandom r = new SplittableRandom(2);
        int n = g.sampleCount();
        double[] liability = new double[n];
        for (int s = 0; s < n; s++) {
            liability[s] = 0.8 * g.code(0, s) + r.nextGaussian();
        }
        double[] sorted = liability.clone();
        Arrays.sort(sorted);
        double cut = sorted[(int) Math.round(0.7 * n)];
        double[] y = new double[n];
        for (int s = 0; s < n; s++) {
            y[s] = s % 10 == 3 ? Double.NaN : liability[s] >= cut ? control + 1 : control;
        }
        return y;
    }

    @Test
    void plinkAndGemmaCodingsStayCaseControl() {
        GenotypeMatrix real = RandomGenotypes.unrelated(400, 300, 0, 11);
        GenotypeMatrix synth = RandomGenotypes.unrelated(300, 300, 0, 12);
        for (double control : new double[] {0, 1}) {
            double[] y = caseControl(real, control);
            double[] obs = Arrays.stream(y).filter(Double::isFinite).toArray();
            double realPrevalence = Arrays.stream(obs).filter(v -> v == control + 1).count() / (double) obs.length;
            PhenotypeSynthesis.Fit fit = PhenotypeSynthesis.fit("T", real, y, Double.NaN, true, 1);
            assertThat(fit.binary()).as("coding %s/%s", control, control + 1).isTrue();
            assertThat(fit.prevalence()).isCloseTo(realPrevalence, within(1e-12));
            assertThat(fit.controlCode()).isEqualTo(control);
            double[] out = PhenotypeSynthesis.generate(fit, synth, 0.95, new SplittableRandom(5));
            double[] synObs = Arrays.stream(out).filter(Double::isFinite).toArray();
            assertThat(synObs).hasSize(270);   // 10 % missing, as the real column
            assertThat(Arrays.stream(synObs).allMatch(v -> v == control || v == control + 1)).isTrue();
            long cases = Arrays.stream(synObs).filter(v -> v == control + 1).count();
            assertThat(cases).isEqualTo(Math.round(fit.prevalence() * 270));
        }
    }

    /**
     * The causal SNP keeps its real correlation with the case/control column: the liability's targets are lifted by
     * what thresholding takes away again (sqrt(p (1 - p)) / phi(t), 1.318 at p = 0.3, for a normal variable; less for
     * a SNP's three genotypes, {@code liabilityR}). Without the lift the synthetic correlation was about 0.8 of the
     * real one, and on human_1kg_chr20's 210 training people with a 1/2 trait
     * (30 % cases) the synthetic LMM found none of the 8 real hits at 5e-8; with it, all 8.
     */
    @Test
    void thresholdingKeepsTheRealCorrelation() {
        GenotypeMatrix real = RandomGenotypes.unrelated(400, 300, 0, 11);
        double[] y = caseControl(real, 1);
        PhenotypeSynthesis.Fit fit = PhenotypeSynthesis.fit("T", real, y, Double.NaN, false, 1);
        assertThat(PhenotypeSynthesis.liabilityLift(0.3)).isCloseTo(1.3180, within(1e-4));
        assertThat(PhenotypeSynthesis.liabilityLift(0.5)).isCloseTo(Math.sqrt(Math.PI / 2), within(1e-12));
        // a SNP of allele frequency 0.1 in Hardy-Weinberg proportions: a liability correlated 0.4 gives the top 30 % an
        // indicator correlated 0.3452 with it (simulation of 2,000,000 people, Monte Carlo SE 0.0007)
        double[] hwe = new double[10_000];
        Arrays.fill(hwe, 8100, 9900, 1);
        Arrays.fill(hwe, 9900, 10_000, 2);
        assertThat(PhenotypeSynthesis.liabilityR(hwe, 0.3452, 0.3)).isCloseTo(0.4, within(0.004));
        assertThat(PhenotypeSynthesis.liabilityR(hwe, -0.3452, 0.3)).isCloseTo(-0.4, within(0.004));
        double realR = correlation(real, y);
        double sum = 0;
        int draws = 20;
        for (int d = 0; d < draws; d++) {
            GenotypeMatrix synth = RandomGenotypes.unrelated(400, 300, 0, 100 + d);
            sum += correlation(synth, PhenotypeSynthesis.generate(fit, synth, 0.95, new SplittableRandom(d)));
        }
        System.out.printf("binary: real r %.4f, synthetic mean r %.4f%n", realR, sum / draws);
        assertThat(sum / draws).isCloseTo(realR, within(0.02));
    }

    /** Correlation of variant 0 with the observed values of {@code y}. */
    private static double correlation(GenotypeMatrix g, double[] y) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = 0;
        for (int s = 0; s < g.sampleCount(); s++) {
            if (Double.isFinite(y[s])) {
                double x = g.code(0, s);
                sx += x;
                sy += y[s];
                sxx += x * x;
                syy += y[s] * y[s];
                sxy += x * y[s];
                n++;
            }
        }
        return (sxy - sx * sy / n) / Math.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
    }

    @Test
    void aQuantitativeColumnStaysQuantitative() {
        GenotypeMatrix real = RandomGenotypes.unrelated(400, 300, 0, 11);
        double[] y = caseControl(real, 1);
        y[0] = 3;   // 1, 2 and 3: not a case/control coding
        assertThat(PhenotypeSynthesis.fit("T", real, y, Double.NaN, true, 1).binary()).isFalse();
    }
}
