package org.genosynth.eval.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.genosynth.eval.Metrics;
import org.genosynth.report.html.HtmlReport;
import org.genosynth.report.html.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The shared-segment AUCs are judged with mia_auc's bounds (pass <= 0.55, warn <= 0.6), the warn bound widened to
 * 0.5 + 2 chance SEs where that exceeds 0.6 (few members); segmentAuc() is the larger of the two.
 */
class SegmentVerdictTest {
    private static PrivacyResult result(int members, double identical, double half) {
        return result(members, identical, half, Double.NaN, Double.NaN);
    }

    private static PrivacyResult result(int members, double identical, double half, double floorIdentical,
            double floorHalf) {
        double[] one = {0.3};
        return new PrivacyResult(one, one, 0.5, 0, 0, new double[] {0.01}, new double[] {0.01}, 0.5, 0.5, members,
                0.5, new double[0], new double[0], List.of(), false, new double[] {0}, members,
                new PrivacyResult.Duplicates(0, 0, 0, members, members, Privacy.DUPLICATE_KINSHIP, List.of(),
                        new boolean[1]), 0.5, members, identical, half, null, Double.NaN, Double.NaN, floorIdentical,
                floorHalf, Double.NaN);
    }

    private static Metrics judge(PrivacyResult p) {
        Metrics m = new Metrics(new HtmlReport("t"));
        PrivacySection.run(p, true, new HtmlReport("t"), m);
        return m;
    }

    @Test
    void boundsAreMiaAucsWidenedToTwoChanceSesOnFewMembers() {
        // 300 members: chance SE 0.017, bounds 0.55 / 0.6
        Metrics large = judge(result(300, 0.54, 0.58));
        assertThat(large.verdict("segment_mia_auc_identical")).isEqualTo(Verdict.PASS);
        assertThat(large.verdict("segment_mia_auc_half_identical")).isEqualTo(Verdict.WARN);
        assertThat(judge(result(300, 0.62, 0.5)).verdict("segment_mia_auc_identical")).isEqualTo(Verdict.FAIL);
        // 30 members: chance SE sqrt(61 / 10,800) = 0.075, warn up to 0.650
        Metrics small = judge(result(30, 0.62, 0.66));
        assertThat(small.verdict("segment_mia_auc_identical")).isEqualTo(Verdict.WARN);
        assertThat(small.verdict("segment_mia_auc_half_identical")).isEqualTo(Verdict.FAIL);
    }

    private static PrivacyResult mia(int members, double auc, double floor) {
        double[] one = {0.3};
        return new PrivacyResult(one, one, 0.5, 0, 0, new double[] {0.01}, new double[] {0.01}, 0.5, 0.5, members,
                auc, new double[0], new double[0], List.of(), false, new double[] {0}, members,
                new PrivacyResult.Duplicates(0, 0, 0, members, members, Privacy.DUPLICATE_KINSHIP, List.of(),
                        new boolean[1]), floor, members, 0.5, 0.5, null, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
    }

    /**
     * mia_auc on few members takes the same chance band as the segment AUCs when its frequency floor is below 0.55:
     * 12 members of a 40-person cohort on 200 variants (floor 0.434, mia_auc 0.681) failed, while the same cohort on
     * 5,976 variants (floor 0.726, mia_auc 0.688) warned.
     */
    @Test
    void miaAucOnFewMembersWarnsWithinTwoChanceSesWhateverTheFloor() {
        // 12 members: chance SE sqrt(25 / 1,728) = 0.120, warn up to 0.741
        Metrics low = judge(mia(12, 0.681, 0.434));
        assertThat(low.verdict("mia_auc")).isEqualTo(Verdict.WARN);
        @SuppressWarnings("unchecked")
        String threshold = (String) ((java.util.Map<String, Object>) ((java.util.Map<String, Object>) low.tree()
                .get("verdicts")).get("mia_auc")).get("threshold");
        assertThat(threshold).contains("0.7406").contains("12 members");
        assertThat(judge(mia(12, 0.75, 0.434)).verdict("mia_auc")).isEqualTo(Verdict.FAIL);
        assertThat(judge(mia(12, 0.688, 0.726)).verdict("mia_auc")).isEqualTo(Verdict.WARN);
        assertThat(judge(mia(12, 0.54, 0.434)).verdict("mia_auc")).isEqualTo(Verdict.PASS);
        // 300 members: bounds 0.55 / 0.6 as before
        assertThat(judge(mia(300, 0.58, 0.5)).verdict("mia_auc")).isEqualTo(Verdict.WARN);
        assertThat(judge(mia(300, 0.62, 0.5)).verdict("mia_auc")).isEqualTo(Verdict.FAIL);
    }

    @Test
    void segmentAucIsTheLargerOfTheTwoAndNanOnlyWhenBothAre() {
        assertThat(result(10, 0.7, 0.6).segmentAuc()).isEqualTo(0.7);
        assertThat(result(10, 0.6, 0.9).segmentAuc()).isEqualTo(0.9);
        assertThat(result(10, Double.NaN, 0.6).segmentAuc()).isEqualTo(0.6);
        assertThat(result(10, Double.NaN, Double.NaN).segmentAuc()).isNaN();
        assertThat(result(10, 0.7, 0.6).withLeakedIds(List.of("x")).segmentAuc()).isEqualTo(0.7);
    }

    /**
     * Where the frequency-only genomes' own segment AUC exceeds 0.55 (a small cohort), the warn bound is that floor +
     * 2 chance SEs: 61 members (SE 0.052), floor 0.62, warn up to 0.724.
     */
    @Test
    void segmentAucsOfASmallCohortAreJudgedFromTheirFrequencyOnlyFloor() {
        Metrics m = judge(result(61, 0.57, 0.687, 0.52, 0.62));
        assertThat(m.verdict("segment_mia_auc_half_identical")).isEqualTo(Verdict.WARN);
        assertThat(m.verdict("segment_mia_auc_half_identical_frequency_floor")).isEqualTo(Verdict.INFO);
        // the identical runs' floor is under 0.55: the chance band, 0.5 + 2 x 0.052 = 0.605
        assertThat(m.verdict("segment_mia_auc_identical")).isEqualTo(Verdict.WARN);
        assertThat(judge(result(61, 0.62, 0.5, 0.52, 0.62)).verdict("segment_mia_auc_identical"))
                .isEqualTo(Verdict.FAIL);
        assertThat(judge(result(61, 0.5, 0.73, 0.52, 0.62)).verdict("segment_mia_auc_half_identical"))
                .isEqualTo(Verdict.FAIL);
        // no floor measured (both AUCs at or under 0.55): the absolute lines
        assertThat(judge(result(300, 0.54, 0.55)).verdict("segment_mia_auc_half_identical")).isEqualTo(Verdict.PASS);
    }
}
