package org.genosynth.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.genosynth.model.StrainPanel;
import org.genosynth.report.html.Threshold;
import org.genosynth.report.html.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-founder recombinant-inbred panel (as GEMMA's BXD example: strains coded 0/1, every variant's allele frequency
 * near 0.5, long founder blocks), simulated: 250 strains, 4 chromosomes of 100 cM, a marker every 0.5 cM, founder
 * switches at 4 per Morgan (the map expansion of inbreeding by sib mating). The allele frequencies barely vary between
 * variants, so two samples of the panel correlate in them only by chance and their MAF spectra differ: the absolute
 * limits (r >= 0.99, TV <= 0.05) would fail unseen real strains. Judged against the holdout's own values (the
 * correlation not applicable, the mean absolute difference instead), unseen real strains pass, and a cohort that lost
 * the frequencies still fails.
 */
class StrainPanelEvaluationTest {
    private static final StrainPanel PANEL = new StrainPanel(4, 100, 0.5);

    @TempDir
    static Path dir;
    static Path train;
    static Path unseen;
    static Path holdout;
    static Path flat;

    @BeforeAll
    static void panel() throws java.io.IOException {
        SplittableRandom random = new SplittableRandom(23);
        int[][] strains = PANEL.strains(250, random);
        train = PANEL.writeBimbam(dir, "train", Arrays.copyOfRange(strains, 0, 100));
        unseen = PANEL.writeBimbam(dir, "unseen", Arrays.copyOfRange(strains, 100, 200));
        holdout = PANEL.writeBimbam(dir, "holdout", Arrays.copyOfRange(strains, 200, 250));
        // a cohort that keeps nothing of the panel: founder alleles with frequency 0.2 at every variant
        int[][] other = new int[100][strains[0].length];
        for (int[] o : other) {
            for (int v = 0; v < o.length; v++) {
                o[v] = random.nextDouble() < 0.2 ? 1 : 0;
            }
        }
        flat = PANEL.writeBimbam(dir, "flat", other);
    }

    private static Metrics evaluate(Path synthetic, String out) {
        EvaluationRequest r = EvaluationRequest.of(train, synthetic, holdout, dir.resolve(out));
        return Evaluation.run(r).metrics();
    }

    @Test
    void unseenStrainsPassTheFrequencyMetricsJudgedAgainstTheHoldout() {
        Metrics m = evaluate(unseen, "unseen");
        assertThat(m.get("inputs", "coding")).isEqualTo(Coding.HAPLOID_LIKE);
        // every variant's frequency is 0.5 in the panel: two samples' frequencies correlate only by chance (measured:
        // holdout r -0.063, the unseen strains 0.116), so the correlation is not applicable and the mean absolute
        // difference is judged against the holdout's
        assertThat(m.number("fidelity", "af_correlation_holdout")).isCloseTo(0, within(0.2));
        assertThat(m.verdict("af_correlation")).isEqualTo(Verdict.NA);
        assertThat(m.number("fidelity", "af_mean_absolute_difference"))
                .isLessThan(m.number("fidelity", "af_mean_absolute_difference_holdout"));
        assertThat(m.verdict("af_mean_absolute_difference")).isEqualTo(Verdict.PASS);
        // the MAF spectrum of ~16 independent founder blocks is noisy: measured TV 0.114 (holdout) and 0.216
        assertThat(m.number("fidelity", "maf_spectrum_tv_holdout")).isGreaterThan(0.05);
        assertThat(m.number("fidelity", "maf_spectrum_tv")).isGreaterThan(0.05);
        assertThat(m.verdict("maf_spectrum_tv")).isEqualTo(Verdict.PASS);
    }

    @Test
    void aCohortThatLostTheFrequenciesStillFails() {
        Metrics m = evaluate(flat, "flat");
        // code 1 at 0.2 where the panel has 0.5, read as genotype codes (a 1 is one ALT allele of two): ALT
        // frequencies 0.1 against 0.25, a difference of 0.15 against the holdout's sampling noise
        assertThat(m.number("fidelity", "af_mean_absolute_difference")).isCloseTo(0.15, within(0.02));
        assertThat(m.verdict("af_mean_absolute_difference")).isEqualTo(Verdict.FAIL);
        assertThat(m.verdict("maf_spectrum_tv")).isEqualTo(Verdict.FAIL);
    }

    @Test
    void relativeLimitsNeverAskMoreThanTheAbsoluteOnes() {
        // a large cohort's holdout reaches r 0.999: the absolute 0.99 still applies, not 0.994
        Threshold big = org.genosynth.eval.fidelity.FidelityThresholds.afCorrelation(0.999);
        assertThat(big.pass()).isEqualTo(0.99);
        assertThat(big.warn()).isEqualTo(0.95);
        Threshold small = org.genosynth.eval.fidelity.FidelityThresholds.afCorrelation(0.6);
        assertThat(small.pass()).isCloseTo(0.595, within(1e-12));
        assertThat(small.warn()).isCloseTo(0.555, within(1e-12));
        assertThat(org.genosynth.eval.fidelity.FidelityThresholds.mafSpectrum(0.02).pass()).isEqualTo(0.05);
        Threshold wide = org.genosynth.eval.fidelity.FidelityThresholds.mafSpectrum(0.2);
        assertThat(wide.pass()).isEqualTo(0.4);
        assertThat(wide.warn()).isEqualTo(0.8);
        assertThat(org.genosynth.eval.fidelity.FidelityThresholds.afCorrelation(Double.NaN).pass()).isEqualTo(0.99);
    }
}
