package org.genosynth.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.genosynth.io.SharedData;
import org.genosynth.table.eval.TableEvaluation;
import org.genosynth.table.io.TableReadOptions;
import org.genosynth.table.io.TableSplit;
import org.genosynth.table.synth.TableSynthesis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Shown by" on scikit-learn's diabetes table (442 patients, 70/30 split). The privacy scores of one split
 * move by several hundredths with the split (a generator fitted on all 442 rows, so with no preference for either
 * side, scores 0.89-0.93 DCR protection and 0.51-0.55 membership AUC on split 1 alone, over three seeds), so the
 * thresholds are asserted on the mean over five splits, and every single run must have no exact copy.
 */
class DiabetesTableTest {
    private static final Path DIABETES = SharedData.path("clinical/diabetes_data_raw.csv.gz");
    private static final TableReadOptions NAMES = new TableReadOptions(TableReadOptions.Header.NO,
            List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"), Map.of(), null);
    private static final int SPLITS = 5;

    @TempDir
    static Path dir;

    private static final List<TableEvaluation.Result> COPULA = new ArrayList<>();
    private static final List<TableEvaluation.Result> CART = new ArrayList<>();
    private static final List<TableEvaluation.Result> AIM1 = new ArrayList<>();
    private static final List<TableEvaluation.Result> AIM4 = new ArrayList<>();
    private static final List<TableEvaluation.Result> DPC1 = new ArrayList<>();
    private static final List<TableEvaluation.Result> DPC4 = new ArrayList<>();

    @BeforeAll
    static void synthesizeAndEvaluate() {
        for (int split = 1; split <= SPLITS; split++) {
            TableSplit.Result parts = TableSplit.run(DIABETES, NAMES, 0.7, split, dir.resolve("d" + split).toString());
            assertThat(parts.trainRows()).isEqualTo(309);
            assertThat(parts.holdoutRows()).isEqualTo(133);
            COPULA.add(run(parts, TableSynthesis.Method.COPULA, null, "copula" + split));
            CART.add(run(parts, TableSynthesis.Method.CART, null, "cart" + split));
            AIM1.add(run(parts, TableSynthesis.Method.AIM, 1.0, "aim1_" + split));
            AIM4.add(run(parts, TableSynthesis.Method.AIM, 4.0, "aim4_" + split));
            DPC1.add(run(parts, TableSynthesis.Method.DPCOPULA, 1.0, "dpc1_" + split));
            DPC4.add(run(parts, TableSynthesis.Method.DPCOPULA, 4.0, "dpc4_" + split));
        }
    }

    /**
     * AIM's public schema, as bench/table_scores.sh gives it: round, clinically plausible ranges for adults, written by
     * hand (not computed from the table; they contain its range).
     */
    static final Map<String, double[]> BOUNDS = Map.of("age", new double[] {18, 90}, "bmi", new double[] {15, 50},
            "bp", new double[] {50, 150}, "s1", new double[] {80, 350}, "s2", new double[] {30, 260},
            "s3", new double[] {15, 110}, "s4", new double[] {1, 10}, "s5", new double[] {3, 6.5},
            "s6", new double[] {50, 200});

    static TableEvaluation.Result run(TableSplit.Result parts, TableSynthesis.Method method, Double epsilon,
            String name) {
        Path syn = dir.resolve(name + ".csv");
        TableSynthesis.run(new TableSynthesis.Request(parts.train(), NAMES, 0, method, epsilon, 1, syn, 5, 2, 8,
                method == TableSynthesis.Method.AIM || method == TableSynthesis.Method.DPCOPULA ? BOUNDS : null));
        return TableEvaluation.run(new TableEvaluation.Request(parts.train(), syn, parts.holdout(), NAMES, 1, 10,
                dir.resolve(name)));
    }

    private static double mean(List<TableEvaluation.Result> runs, String key) {
        return runs.stream().mapToDouble(r -> r.metric(key)).average().orElseThrow();
    }

    @Test
    void copulaIsAsFaithfulAsRealDataAtTheSameN() {
        double ks = mean(COPULA, "ks_complement");
        double baseKs = mean(COPULA, "baseline_ks_complement");
        double corr = mean(COPULA, "correlation_similarity");
        double baseCorr = mean(COPULA, "baseline_correlation_similarity");
        // measured: KS 0.916 vs baseline 0.922; correlation 0.970 vs 0.964
        assertThat(ks).isGreaterThanOrEqualTo(baseKs - 0.02).isLessThanOrEqualTo(baseKs + 0.02);
        assertThat(corr).isGreaterThanOrEqualTo(baseCorr - 0.02).isLessThanOrEqualTo(baseCorr + 0.02);
        for (TableEvaluation.Result r : COPULA) {
            assertThat(r.metric("ks_complement")).isGreaterThan(r.metric("baseline_ks_complement") - 0.03);
            assertThat(r.metric("correlation_similarity"))
                    .isGreaterThan(r.metric("baseline_correlation_similarity") - 0.02);
        }
    }

    @Test
    void copulaDoesNotMemorise() {
        // measured: DCR protection mean 0.951 (0.903-0.989), membership AUC mean 0.533 (0.496-0.557)
        assertThat(mean(COPULA, "dcr_overfitting_protection")).isGreaterThanOrEqualTo(0.9);
        assertThat(mean(COPULA, "mia_auc")).isLessThanOrEqualTo(0.55);
        for (TableEvaluation.Result r : COPULA) {
            assertThat(r.metric("exact_copies")).isZero();
            assertThat(r.metric("dcr_overfitting_protection")).isGreaterThan(0.85);
            assertThat(r.metric("mia_auc")).isLessThan(0.6);
        }
    }

    /**
     * The targets (five splits, seed 1; the numbers are those of bench/table_scores.sh, the same runs), with
     * the public domain only (bounds given, nothing else read from the data outside the budget). At epsilon 1 neither
     * private method reaches KS complement >= 0.88 or correlation similarity >= 0.90: AIM measures KS 0.829 and
     * correlation 0.827, the DP copula 0.836 and 0.856. At epsilon 4 the DP copula is within 0.03 of the non-private
     * copula on both (KS 0.906 vs 0.916, correlation 0.947 vs 0.970); AIM only on KS (0.911; correlation 0.848).
     * DCR protection >= 0.9 and no copy throughout. Measured values are asserted within 0.015, so a change that loses
     * (or gains) fidelity fails here and must update docs/tables.md.
     */
    @Test
    void aimMeasured() {
        assertThat(mean(AIM1, "ks_complement")).isCloseTo(0.829, within(0.015));
        assertThat(mean(AIM1, "correlation_similarity")).isCloseTo(0.827, within(0.015));
        assertThat(mean(AIM1, "dcr_overfitting_protection")).isGreaterThanOrEqualTo(0.9);
        assertThat(mean(AIM4, "ks_complement")).isCloseTo(0.911, within(0.015))
                .isGreaterThan(mean(COPULA, "ks_complement") - 0.03);
        assertThat(mean(AIM4, "correlation_similarity")).isCloseTo(0.848, within(0.015));
        assertThat(mean(AIM4, "dcr_overfitting_protection")).isGreaterThanOrEqualTo(0.9);
        noCopies(AIM1, AIM4);
        // more budget, better scores
        assertThat(mean(AIM4, "sdmetrics_overall")).isGreaterThan(mean(AIM1, "sdmetrics_overall"));
    }

    @Test
    void dpCopulaMeasuredAndWithinTheTargetAtEpsilonFour() {
        assertThat(mean(DPC1, "ks_complement")).isCloseTo(0.836, within(0.015));
        assertThat(mean(DPC1, "correlation_similarity")).isCloseTo(0.856, within(0.015));
        assertThat(mean(DPC1, "dcr_overfitting_protection")).isGreaterThanOrEqualTo(0.9);
        assertThat(mean(DPC4, "ks_complement")).isCloseTo(0.906, within(0.015))
                .isGreaterThanOrEqualTo(mean(COPULA, "ks_complement") - 0.03);
        assertThat(mean(DPC4, "correlation_similarity")).isCloseTo(0.947, within(0.015))
                .isGreaterThanOrEqualTo(mean(COPULA, "correlation_similarity") - 0.03);
        assertThat(mean(DPC4, "dcr_overfitting_protection")).isGreaterThanOrEqualTo(0.9);
        noCopies(DPC1, DPC4);
        // the copula's one number per pair keeps more correlation than AIM's few tables
        assertThat(mean(DPC1, "correlation_similarity")).isGreaterThan(mean(AIM1, "correlation_similarity"));
        assertThat(mean(DPC4, "correlation_similarity")).isGreaterThan(mean(AIM4, "correlation_similarity"));
    }

    @SafeVarargs
    private static void noCopies(List<TableEvaluation.Result>... groups) {
        for (List<TableEvaluation.Result> runs : groups) {
            for (TableEvaluation.Result r : runs) {
                assertThat(r.metric("exact_copies")).isZero();
            }
        }
    }

    @Test
    void cartIsTheLessPrivateMethodHere() {
        // synthpop-style CART copies real values from leaves of >= 5 rows: measured DCR 0.80, AUC 0.61 on average
        assertThat(mean(CART, "dcr_overfitting_protection")).isLessThan(mean(COPULA, "dcr_overfitting_protection"));
        assertThat(mean(CART, "mia_auc")).isGreaterThan(mean(COPULA, "mia_auc"));
        assertThat(mean(CART, "correlation_similarity")).isGreaterThan(mean(CART,
                "baseline_correlation_similarity") - 0.02);
    }

    @Test
    void epsilonOneReportsItsLowerScores() throws IOException {
        TableSplit.Result parts = TableSplit.run(DIABETES, NAMES, 0.7, 1, dir.resolve("dp").toString());
        TableEvaluation.Result dp = run(parts, null, 1.0, "dp1");
        // measured: KS 0.854, correlation 0.831 (columns drawn independently: no parent fits the budget)
        assertThat(dp.metric("ks_complement")).isLessThan(COPULA.get(0).metric("ks_complement") - 0.03);
        assertThat(dp.metric("correlation_similarity"))
                .isLessThan(COPULA.get(0).metric("correlation_similarity") - 0.05);
        String json = Files.readString(dir.resolve("dp1/metrics.json"));
        java.util.regex.Matcher ks = java.util.regex.Pattern.compile("\"ks_complement\": ([0-9.eE-]+)").matcher(json);
        assertThat(ks.find()).isTrue();
        // metrics.json holds doubles to Json.DIGITS (12) significant digits
        assertThat(Double.parseDouble(ks.group(1))).isCloseTo(dp.metric("ks_complement"),
                org.assertj.core.api.Assertions.within(1e-11));
        assertThat(dp.summary().stream().filter(r -> r.metric().equals("correlation similarity")).findFirst()
                .orElseThrow().verdict().label()).isEqualTo("fail");
        String html = Files.readString(dir.resolve("dp1/report.html"));
        assertThat(html.indexOf("id=\"summary\"")).isPositive().isLessThan(html.indexOf("<h2>Columns"));
        assertThat(html).contains("<span class=\"v fail\">fail</span>");
    }

    @Test
    void sameSeedSameBytes() throws IOException {
        for (String method : new String[] {"COPULA", "CART", "DP", "AIM"}) {
            String[] texts = new String[3];
            for (String side : new String[] {"a", "b"}) {
                Path sub = dir.resolve("same-" + side);
                Files.createDirectories(sub);
                TableSplit.Result parts = TableSplit.run(DIABETES, NAMES, 0.7, 1, sub.resolve("d").toString());
                Path syn = sub.resolve(method + ".csv");
                TableSynthesis.run(new TableSynthesis.Request(parts.train(), NAMES, 0, method.equals("DP") ? null
                        : TableSynthesis.Method.valueOf(method), method.equals("DP") || method.equals("AIM") ? 1.0
                        : null, 1, syn, 5, 2, 8, method.equals("AIM") ? BOUNDS : null));
                TableEvaluation.run(new TableEvaluation.Request(parts.train(), syn, parts.holdout(), NAMES, 1, 10,
                        sub.resolve(method)));
                String[] now = {Files.readString(syn), Files.readString(sub.resolve(method + "/metrics.json")),
                    Files.readString(sub.resolve(method + "/report.html")).replace(sub.toString(), "DIR")};
                if (side.equals("a")) {
                    texts = now;
                } else {
                    assertThat(now).as(method).containsExactly(texts);
                }
            }
        }
    }
}
