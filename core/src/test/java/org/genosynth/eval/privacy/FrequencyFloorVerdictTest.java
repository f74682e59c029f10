package org.genosynth.eval.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.genosynth.eval.Metrics;
import org.genosynth.report.html.HtmlReport;
import org.genosynth.report.html.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Where even genomes drawn from the training frequencies alone miss the absolute line (a small cohort), dcr_share_closer
 * and aats are judged from that floor, as mia_auc is. dcr_share_closer takes mia_auc's bounds: pass <= 0.55, warn <= 0.6, fail above, except that the warn bound is the
 * frequency-only floor + 2 chance SEs where that floor exceeds 0.55 (a small cohort), or 0.5 + 2 chance SEs where that
 * exceeds 0.6 (few synthetic or holdout genomes).
 */
class FrequencyFloorVerdictTest {
    private static PrivacyResult result(int synthetic, int holdout, double share, double floor) {
        return result(synthetic, holdout, share, floor, 0.5, Double.NaN, 100);
    }

    private static PrivacyResult result(int synthetic, int holdout, double share, double floor, double aats,
            double aatsFloor, int subset) {
        double[] s = new double[synthetic];
        double[] h = new double[holdout];
        java.util.Arrays.fill(s, 0.3);
        java.util.Arrays.fill(h, 0.3);
        return new PrivacyResult(s, h, share, 0, 0, new double[] {0.01}, new double[] {0.01}, aats, aats, subset, 0.5,
                new double[0], new double[0], List.of(), false, new double[] {0}, subset,
                new PrivacyResult.Duplicates(0, 0, 0, 100, 100, Privacy.DUPLICATE_KINSHIP, List.of(),
                        new boolean[1]), 0.5, 100, 0.5, 0.5, null, floor, aatsFloor, Double.NaN, Double.NaN,
                Double.NaN);
    }

    /**
     * An AATS privacy loss of {@code test - train} on subsets of 420 training and 180 holdout genomes (draws
     * scattering by 0.009), and the frequency-only genomes' loss {@code lossFloor}.
     */
    private static PrivacyResult loss(double train, double test, double lossFloor) {
        double[] one = {0.3};
        double d = test - train;
        return new PrivacyResult(one, one, 0.5, 0, 0, new double[] {0.01}, new double[] {0.01}, train, test, 420, 0.5,
                new double[0], new double[0], List.of(), false, new double[] {d - 0.01, d, d + 0.01, d - 0.005,
                    d + 0.005}, 180, new PrivacyResult.Duplicates(0, 0, 0, 100, 100, Privacy.DUPLICATE_KINSHIP,
                        List.of(), new boolean[1]), 0.5, 100, 0.5, 0.5, null, 0.5, Double.NaN, Double.NaN,
                Double.NaN, lossFloor);
    }

    private static Metrics judge(PrivacyResult p) {
        Metrics m = new Metrics(new HtmlReport("t"));
        PrivacySection.run(p, true, new HtmlReport("t"), m);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static String threshold(Metrics m) {
        return (String) ((java.util.Map<String, Object>) ((java.util.Map<String, Object>) m.tree().get("verdicts"))
                .get("dcr_share_closer")).get("threshold");
    }

    @Test
    void largeSetsKeepTheAbsoluteBounds() {
        // 352 synthetic and 151 holdout genomes: chance SE 0.028, 0.5 + 2 SE = 0.556 < 0.6
        assertThat(judge(result(352, 151, 0.54, 0.1)).verdict("dcr_share_closer")).isEqualTo(Verdict.PASS);
        assertThat(judge(result(352, 151, 0.58, 0.1)).verdict("dcr_share_closer")).isEqualTo(Verdict.WARN);
        assertThat(judge(result(352, 151, 0.62, 0.1)).verdict("dcr_share_closer")).isEqualTo(Verdict.FAIL);
    }

    /**
     * 28 synthetic and 12 holdout genomes (plink2 --dummy 40 x 3,000 split 70/30): genomes drawn from the 28
     * training people's genotype counts measured a share of 0.854, the HMM's output 0.872.
     */
    @Test
    void aSmallCohortIsJudgedFromItsFrequencyOnlyFloor() {
        double se = Math.sqrt((28 + 12 + 1) / (12.0 * 28 * 12));
        assertThat(se).isCloseTo(0.1008, org.assertj.core.data.Offset.offset(1e-4));
        Metrics m = judge(result(28, 12, 0.872, 0.854));
        assertThat(m.verdict("dcr_share_closer")).isEqualTo(Verdict.WARN);
        assertThat(threshold(m)).contains("frequency-only floor 0.8540");
        assertThat(m.verdict("dcr_share_frequency_floor")).isEqualTo(Verdict.INFO);
        // above the floor + 2 SE (0.6 + 0.2016): a fail
        assertThat(judge(result(28, 12, 0.85, 0.6)).verdict("dcr_share_closer")).isEqualTo(Verdict.FAIL);
        // a floor below 0.55: the chance band, 0.5 + 2 SE = 0.7016
        assertThat(judge(result(28, 12, 0.69, 0.3)).verdict("dcr_share_closer")).isEqualTo(Verdict.WARN);
        assertThat(judge(result(28, 12, 0.71, 0.3)).verdict("dcr_share_closer")).isEqualTo(Verdict.FAIL);
        assertThat(judge(result(28, 12, 0.5, 0.854)).verdict("dcr_share_closer")).isEqualTo(Verdict.PASS);
    }

    /**
     * The same 28 training people: AATS of the frequency-only genomes 0.25, the HMM's 0.143 (subsets of 28): within
     * the floor - 2 binomial SE (0.25 - 2 x 0.058 = 0.134), a warn.
     */
    @Test
    void aatsOfASmallCohortIsJudgedFromItsFrequencyOnlyFloor() {
        Metrics m = judge(result(28, 12, 0.5, 0.3, 0.143, 0.25, 28));
        assertThat(m.verdict("aats")).isEqualTo(Verdict.WARN);
        assertThat(m.verdict("aats_frequency_floor")).isEqualTo(Verdict.INFO);
        assertThat(judge(result(28, 12, 0.5, 0.3, 0.12, 0.25, 28)).verdict("aats")).isEqualTo(Verdict.FAIL);
        // a floor at the pass line or no floor measured: the absolute lines
        assertThat(judge(result(28, 12, 0.5, 0.3, 0.143, 0.47, 28)).verdict("aats")).isEqualTo(Verdict.FAIL);
        assertThat(judge(result(300, 120, 0.5, 0.3, 0.42, Double.NaN, 300)).verdict("aats")).isEqualTo(Verdict.WARN);
        assertThat(judge(result(300, 120, 0.5, 0.3, 0.46, Double.NaN, 300)).verdict("aats")).isEqualTo(Verdict.PASS);
    }

    /**
     * 420 x 300,000 genome-wide plink2 --dummy genotypes: the HMM's AATS privacy loss 0.2365 (AATS 0.727 against the
     * holdout's 0.964); where the frequency-only genomes lose as much, a warn (the floor + its sampling interval),
     * else the absolute lines (fail above 0.05 or twice the interval).
     */
    @Test
    void aatsLossOfManyVariantsIsJudgedFromItsFrequencyOnlyFloor() {
        Metrics m = judge(loss(0.727, 0.9635, 0.23));
        assertThat(m.verdict("aats_privacy_loss")).isEqualTo(Verdict.WARN);
        assertThat(m.verdict("aats_privacy_loss_frequency_floor")).isEqualTo(Verdict.INFO);
        assertThat(m.tree().toString()).contains("frequency-only floor 0.2300");
        // far above the floor: a fail
        assertThat(judge(loss(0.6, 0.9635, 0.23)).verdict("aats_privacy_loss")).isEqualTo(Verdict.FAIL);
        // a floor within the pass line, or none measured: the absolute lines
        assertThat(judge(loss(0.727, 0.9635, 0.01)).verdict("aats_privacy_loss")).isEqualTo(Verdict.FAIL);
        assertThat(judge(loss(0.727, 0.9635, Double.NaN)).verdict("aats_privacy_loss")).isEqualTo(Verdict.FAIL);
        assertThat(judge(loss(0.95, 0.9635, Double.NaN)).verdict("aats_privacy_loss")).isEqualTo(Verdict.PASS);
    }
}
