package org.genosynth.table.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.genosynth.io.InputException;
import org.genosynth.report.html.HtmlReport;
import org.genosynth.report.html.Json;
import org.genosynth.report.html.Threshold;
import org.genosynth.report.html.Verdict;
import org.genosynth.table.DataTable;
import org.genosynth.table.io.TableReadOptions;
import org.genosynth.table.io.TableReader;
import org.hipparchus.random.RandomGenerator;
import org.hipparchus.random.Well19937c;

/**
 * {@code genosynth table evaluate}: fidelity of a synthetic table beside a real-vs-real baseline at the same n, and,
 * with a holdout, privacy scores calibrated on it. Writes {@code report.html} and {@code metrics.json}.
 *
 * <p>Same n: every fidelity score compares the real (training) table with {@code m} rows of another source, where
 * {@code m} is the holdout size (or half the real table when there is no holdout, split at random) capped by the
 * synthetic size. The synthetic score is the mean over {@code repeats} random subsamples of {@code m} synthetic rows;
 * the baseline is the real holdout (or the other half) scored the same way. Sampling noise is then the same on both
 * sides, so "synthetic as good as real" reads as "synthetic score close to baseline".
 */
public final class TableEvaluation {
    /** A synthetic score this far below the baseline still passes; twice as far warns. */
    static final double FIDELITY_PASS_MARGIN = 0.02;
    static final double FIDELITY_WARN_MARGIN = 0.05;
    private static final int MAX_SYNTHETIC_FOR_DCR = 5000;

    /**
     * @param real      the table the generator learnt (training set)
     * @param synthetic the synthetic table
     * @param holdout   real rows the generator never saw, or null
     * @param read      how to read the tables (the synthetic one's header is always guessed)
     * @param seed      seed of subsamples and splits
     * @param repeats   subsamples per score
     * @param out       output directory
     */
    public record Request(Path real, Path synthetic, Path holdout, TableReadOptions read, long seed, int repeats,
            Path out) {
        public Request {
            if (repeats < 1) {
                throw InputException.usage("--repeats must be at least 1");
            }
        }
    }

    /** Everything measured (also the content of metrics.json). */
    public record Result(Map<String, Object> metrics, List<HtmlReport.SummaryRow> summary, Path out) {
        public double metric(String key) {
            Object v = metrics.get(key);
            return v instanceof Number n ? n.doubleValue() : Double.NaN;
        }

        public String render() {
            StringBuilder sb = new StringBuilder();
            for (HtmlReport.SummaryRow r : summary) {
                sb.append(String.format(Locale.ROOT, "%-28s %-10s %-5s %s%n", r.metric(), r.value(),
                        r.verdict().label(), r.threshold()));
            }
            sb.append("wrote ").append(out.resolve("report.html")).append('\n');
            sb.append("wrote ").append(out.resolve("metrics.json"));
            return sb.toString();
        }
    }

    private TableEvaluation() {
    }

    public static Result run(Request request) {
        DataTable real = TableReader.read(request.real(), request.read());
        TableReadOptions synthRead = new TableReadOptions(TableReadOptions.Header.AUTO, request.read().names(),
                request.read().types(), request.read().missing(), request.read().columnMissing());
        DataTable synthetic = TableReader.readLike(request.synthetic(), synthRead, real);
        DataTable holdout = request.holdout() == null ? null
                : TableReader.readLike(request.holdout(), request.read(), synthetic);
        var columns = holdout != null ? holdout.columns() : synthetic.columns();
        real = real.withColumns(columns);
        synthetic = synthetic.withColumns(columns);
        holdout = holdout == null ? null : holdout.withColumns(columns);
        if (holdout == null && real.rows() < 4) {
            throw InputException.inFile(request.real(), "has " + real.rows() + " rows: a real-vs-real baseline needs "
                    + "at least 4 (two halves of 2)");
        }
        if (real.rows() < 2 || synthetic.rows() < 2 || holdout != null && holdout.rows() < 2) {
            throw InputException.usage("every table needs at least 2 rows to be compared (real " + real.rows()
                    + ", synthetic " + synthetic.rows() + (holdout == null ? "" : ", holdout " + holdout.rows()) + ")");
        }
        int[] cols = real.modelledColumns();
        if (cols.length == 0) {
            throw InputException.inFile(request.real(), "no column to score (only identifiers or empty columns)");
        }
        Evaluation e = new Evaluation(request, real, synthetic, holdout, cols);
        e.fidelity();
        if (holdout != null) {
            e.privacy();
        } else {
            e.exactCopiesOnly();
        }
        List<HtmlReport.SummaryRow> summary = e.summary();
        HtmlReport report = TableReport.build(e, summary);
        Map<String, Object> metrics = e.metrics(summary);
        try {
            HtmlReport.writeText(request.out().resolve("metrics.json"), Json.write(metrics));
            report.write(request.out().resolve("report.html"));
        } catch (IOException ex) {
            throw new UncheckedIOException("writing the report", ex);
        }
        return new Result(metrics, summary, request.out());
    }

    /** The state of one evaluation, shared with {@link TableReport}. */
    static final class Evaluation {
        final Request request;
        final DataTable real;
        final DataTable synthetic;
        final DataTable holdout;
        final int[] cols;
        final RandomGenerator rng;
        int comparedN;
        Fidelity.Scores synthScores;
        Fidelity.Scores baseScores;
        double closerToTrain = Double.NaN;
        double dcrProtection = Double.NaN;
        double miaAuc = Double.NaN;
        double miaDistanceAuc = Double.NaN;
        double[] synthToTrain;
        double[] holdoutToTrain;
        int exactCopies;
        int exactCopiesOfHoldout = -1;
        double chanceCopies = Double.NaN;
        QualityReport.Scores quality;
        QualityReport.Scores qualityBaseline;

        Evaluation(Request request, DataTable real, DataTable synthetic, DataTable holdout, int[] cols) {
            this.request = request;
            this.real = real;
            this.synthetic = synthetic;
            this.holdout = holdout;
            this.cols = cols;
            this.rng = new Well19937c(request.seed());
        }

        void fidelity() {
            int repeats = request.repeats();
            Fidelity.Scores[] syn = new Fidelity.Scores[repeats];
            Fidelity.Scores[] base = new Fidelity.Scores[repeats];
            if (holdout != null) {
                comparedN = Math.min(holdout.rows(), synthetic.rows());
                Fidelity f = new Fidelity(real, cols);
                for (int i = 0; i < repeats; i++) {
                    base[i] = f.compare(real, holdout.selectRows(sample(holdout.rows(), comparedN)));
                    syn[i] = f.compare(real, synthetic.selectRows(sample(synthetic.rows(), comparedN)));
                }
            } else {
                int half = real.rows() / 2;
                comparedN = Math.min(half, synthetic.rows());
                for (int i = 0; i < repeats; i++) {
                    int[] perm = sample(real.rows(), real.rows());
                    DataTable a = real.selectRows(Arrays.copyOfRange(perm, half, real.rows()));
                    DataTable b = real.selectRows(Arrays.copyOfRange(perm, 0, half));
                    Fidelity f = new Fidelity(a, cols);
                    base[i] = f.compare(a, b.selectRows(sample(b.rows(), comparedN)));
                    syn[i] = f.compare(a, synthetic.selectRows(sample(synthetic.rows(), comparedN)));
                }
            }
            synthScores = Fidelity.Scores.average(syn);
            baseScores = Fidelity.Scores.average(base);
            quality = QualityReport.compute(real, synthetic, cols);
            qualityBaseline = holdout == null ? null : QualityReport.compute(real, holdout, cols);
        }

        void privacy() {
            Privacy p = new Privacy(real, cols);
            int m = Math.min(real.rows(), holdout.rows());
            double[][] synRows = p.rows(synthetic.rows() > MAX_SYNTHETIC_FOR_DCR
                    ? synthetic.selectRows(sample(synthetic.rows(), MAX_SYNTHETIC_FOR_DCR)) : synthetic);
            double[][] trainAll = p.rows(real);
            double[][] holdAll = p.rows(holdout);
            double closer = 0;
            double auc = 0;
            double ratioAuc = 0;
            for (int i = 0; i < request.repeats(); i++) {
                double[][] train = pick(trainAll, sample(trainAll.length, m));
                double[][] hold = pick(holdAll, sample(holdAll.length, m));
                closer += Privacy.shareCloserToTrain(p.closest(synRows, train), p.closest(synRows, hold));
                double[] trainToSyn = p.closest(train, synRows);
                double[] holdToSyn = p.closest(hold, synRows);
                auc += Privacy.membershipAuc(trainToSyn, holdToSyn);
                double[][] pool = new double[2 * m][];
                System.arraycopy(train, 0, pool, 0, m);
                System.arraycopy(hold, 0, pool, m, m);
                double[] toOthers = p.closestOther(pool);
                double[] memberRatio = new double[m];
                double[] nonMemberRatio = new double[m];
                for (int j = 0; j < m; j++) {
                    memberRatio[j] = Privacy.ratio(trainToSyn[j], toOthers[j]);
                    nonMemberRatio[j] = Privacy.ratio(holdToSyn[j], toOthers[m + j]);
                }
                ratioAuc += Privacy.membershipAuc(memberRatio, nonMemberRatio);
            }
            closerToTrain = closer / request.repeats();
            dcrProtection = Math.min(1, 2 * (1 - closerToTrain));
            miaDistanceAuc = auc / request.repeats();
            miaAuc = ratioAuc / request.repeats();
            synthToTrain = p.closest(synRows, trainAll);
            holdoutToTrain = p.closest(holdAll, trainAll);
            Set<String> trainKeys = p.keys(real);
            exactCopies = p.copies(synthetic, trainKeys);
            exactCopiesOfHoldout = p.copies(synthetic, p.keys(holdout));
            chanceCopies = exactCopiesOfHoldout * (double) real.rows() / holdout.rows();
        }

        void exactCopiesOnly() {
            Privacy p = new Privacy(real, cols);
            exactCopies = p.copies(synthetic, p.keys(real));
        }

        private static double[][] pick(double[][] rows, int[] index) {
            double[][] out = new double[index.length][];
            for (int i = 0; i < index.length; i++) {
                out[i] = rows[index[i]];
            }
            return out;
        }

        /** {@code k} distinct indices of {@code [0, n)}, in random order (partial Fisher-Yates). */
        int[] sample(int n, int k) {
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            for (int i = 0; i < k; i++) {
                int j = i + rng.nextInt(n - i);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            return Arrays.copyOf(idx, k);
        }

        List<HtmlReport.SummaryRow> summary() {
            List<HtmlReport.SummaryRow> rows = new ArrayList<>();
            fidelityRow(rows, "KS complement", synthScores.ks(), baseScores.ks(),
                    "numeric columns: 1 - Kolmogorov-Smirnov distance, mean over columns");
            fidelityRow(rows, "TV complement", synthScores.tv(), baseScores.tv(),
                    "label columns: 1 - total variation distance, mean over columns");
            fidelityRow(rows, "correlation similarity", synthScores.correlation(), baseScores.correlation(),
                    "pairs of numeric columns: 1 - |r_real - r_other| / 2");
            fidelityRow(rows, "contingency similarity", synthScores.contingency(), baseScores.contingency(),
                    "pairs of columns (numbers in quintiles): 1 - TV distance of joint frequencies");
            fidelityRow(rows, "missing-pattern similarity", synthScores.missingness(), baseScores.missingness(),
                    "1 - TV distance of the rows' patterns of missing cells");
            String noHoldout = "needs --holdout (real rows the generator never saw)";
            qualityRow(rows, "SDMetrics column shapes", quality.columnShapes(),
                    qualityBaseline == null ? Double.NaN : qualityBaseline.columnShapes(),
                    "SDMetrics Quality Report, full tables: mean KSComplement / TVComplement over columns");
            qualityRow(rows, "SDMetrics column pair trends", quality.columnPairTrends(),
                    qualityBaseline == null ? Double.NaN : qualityBaseline.columnPairTrends(),
                    "SDMetrics Quality Report, full tables: mean CorrelationSimilarity (Pearson) / "
                            + "ContingencySimilarity (numbers in SDMetrics' 10 equal-width bins) over pairs");
            qualityRow(rows, "SDMetrics overall quality", quality.overall(),
                    qualityBaseline == null ? Double.NaN : qualityBaseline.overall(),
                    "SDMetrics Quality Report score: mean of column shapes and column pair trends");
            rows.add(row("privacy", "DCR overfitting protection", dcrProtection, Threshold.atLeast(0.9, 0.75),
                    holdout == null ? noHoldout : String.format(Locale.ROOT, "%.1f%% of synthetic rows are closer to "
                            + "training than to holdout rows (equal-size sets; 50%% when nothing is memorised); "
                            + "score = min(1, 2 (1 - share))", 100 * closerToTrain)));
            double chance = Double.isNaN(chanceCopies) ? 0 : chanceCopies;
            rows.add(row("privacy", "exact copies", exactCopies, Threshold.atMost(chance, chance),
                    holdout == null ? "synthetic rows identical to a real row"
                            : String.format(Locale.ROOT, "synthetic rows identical to a training row; identical to a "
                                    + "holdout row: %d (chance level %.1f)", exactCopiesOfHoldout, chance)));
            rows.add(row("privacy", "membership-inference AUC", miaAuc, Threshold.atMost(0.55, 0.6),
                    holdout == null ? noHoldout : String.format(Locale.ROOT, "attacker calls a real row a member "
                            + "when the synthetic rows come closer to it than the other real rows do (distance ratio, "
                            + "calibrated for atypical rows); 0.5 = cannot tell training rows from holdout rows; "
                            + "plain distance attack: %.3f", miaDistanceAuc)));
            return rows;
        }

        private void fidelityRow(List<HtmlReport.SummaryRow> rows, String metric, double value, double baseline,
                String meaning) {
            Threshold t = Double.isNaN(baseline) ? Threshold.atLeast(1, 1)
                    : Threshold.atLeast(baseline - FIDELITY_PASS_MARGIN, baseline - FIDELITY_WARN_MARGIN);
            String full = meaning + (Double.isNaN(baseline) ? "; not applicable to this table"
                    : String.format(Locale.ROOT, "; real-vs-real baseline %.3f at n = %d", baseline, comparedN));
            HtmlReport.SummaryRow r = row("fidelity", metric, value, t, full);
            if (Double.isNaN(baseline)) {
                r = new HtmlReport.SummaryRow(r.section(), r.metric(), r.value(), "n/a", Verdict.INFO, r.meaning());
            } else {
                r = new HtmlReport.SummaryRow(r.section(), r.metric(), r.value(), String.format(Locale.ROOT,
                        "baseline %.3f: pass ≥ %.3f, warn ≥ %.3f", baseline, baseline - FIDELITY_PASS_MARGIN,
                        baseline - FIDELITY_WARN_MARGIN), r.verdict(), r.meaning());
            }
            rows.add(r);
        }

        /** A Quality Report figure: informative, beside the same figure for the holdout against the training rows. */
        private static void qualityRow(List<HtmlReport.SummaryRow> rows, String metric, double value,
                double baseline, String meaning) {
            String text = Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
            String base = Double.isNaN(baseline) ? "no holdout: no real-vs-real baseline"
                    : String.format(Locale.ROOT, "real-vs-real (holdout vs training) %.3f", baseline);
            rows.add(new HtmlReport.SummaryRow("SDMetrics quality", metric, text, base, Verdict.INFO, meaning
                    + "; comparable with SDV's QualityReport, which scores the full tables (not same-n)"));
        }

        private static HtmlReport.SummaryRow row(String section, String metric, double value, Threshold t,
                String meaning) {
            String text = Double.isNaN(value) ? "n/a" : metric.equals("exact copies")
                    ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
            return new HtmlReport.SummaryRow(section, metric, text, Double.isNaN(value) ? "n/a" : t.describe(),
                    t.judge(value), meaning);
        }

        Map<String, Object> metrics(List<HtmlReport.SummaryRow> summary) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ks_complement", synthScores.ks());
            m.put("tv_complement", synthScores.tv());
            m.put("correlation_similarity", synthScores.correlation());
            m.put("contingency_similarity", synthScores.contingency());
            m.put("missingness_similarity", synthScores.missingness());
            m.put("baseline_ks_complement", baseScores.ks());
            m.put("baseline_tv_complement", baseScores.tv());
            m.put("baseline_correlation_similarity", baseScores.correlation());
            m.put("baseline_contingency_similarity", baseScores.contingency());
            m.put("baseline_missingness_similarity", baseScores.missingness());
            m.put("sdmetrics_column_shapes", quality.columnShapes());
            m.put("sdmetrics_column_pair_trends", quality.columnPairTrends());
            m.put("sdmetrics_overall", quality.overall());
            m.put("baseline_sdmetrics_column_shapes", qualityBaseline == null ? null : qualityBaseline.columnShapes());
            m.put("baseline_sdmetrics_column_pair_trends", qualityBaseline == null ? null
                    : qualityBaseline.columnPairTrends());
            m.put("baseline_sdmetrics_overall", qualityBaseline == null ? null : qualityBaseline.overall());
            m.put("dcr_overfitting_protection", dcrProtection);
            m.put("dcr_closer_to_training", closerToTrain);
            m.put("dcr_synthetic_to_training_median", synthToTrain == null ? Double.NaN : median(synthToTrain));
            m.put("dcr_holdout_to_training_median", holdoutToTrain == null ? Double.NaN : median(holdoutToTrain));
            m.put("exact_copies", exactCopies);
            m.put("exact_copies_of_holdout", exactCopiesOfHoldout < 0 ? null : exactCopiesOfHoldout);
            m.put("mia_auc", miaAuc);
            m.put("mia_auc_distance_only", miaDistanceAuc);
            m.put("rows_real", real.rows());
            m.put("rows_synthetic", synthetic.rows());
            m.put("rows_holdout", holdout == null ? null : holdout.rows());
            m.put("compared_n", comparedN);
            m.put("repeats", request.repeats());
            m.put("seed", request.seed());
            Map<String, Object> verdicts = new LinkedHashMap<>();
            for (HtmlReport.SummaryRow r : summary) {
                verdicts.put(r.metric().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_'),
                        r.verdict().label());
            }
            m.put("verdicts", verdicts);
            List<Object> perColumn = new ArrayList<>();
            for (int i = 0; i < cols.length; i++) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", real.column(cols[i]).name());
                c.put("type", real.column(cols[i]).type().label());
                c.put(real.column(cols[i]).type().isNumeric() ? "ks_complement" : "tv_complement",
                        synthScores.column()[i]);
                c.put("baseline", baseScores.column()[i]);
                perColumn.add(c);
            }
            m.put("columns", perColumn);
            return m;
        }

        static double median(double[] v) {
            double[] s = v.clone();
            Arrays.sort(s);
            return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2]
                    : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }
    }
}
