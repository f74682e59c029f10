package org.genosynth.table.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.genosynth.report.html.HtmlReport;
import org.genosynth.report.svg.Chart;
import org.genosynth.report.svg.Heatmap;
import org.genosynth.table.Column;
import org.genosynth.table.DataTable;

/** The HTML report of a table evaluation: summary first, then columns, correlations, missing values, privacy. */
final class TableReport {
    private static final int MAX_HISTOGRAMS = 40;
    private static final int HISTOGRAM_BINS = 20;
    private static final int MAX_PATTERNS = 12;

    private TableReport() {
    }

    static HtmlReport build(TableEvaluation.Evaluation e, List<HtmlReport.SummaryRow> summary) {
        HtmlReport r = new HtmlReport("Synthetic table evaluation");
        r.fact("real (training)", e.request.real() + " (" + e.real.rows() + " rows)");
        r.fact("synthetic", e.request.synthetic() + " (" + e.synthetic.rows() + " rows)");
        r.fact("holdout", e.holdout == null ? "none: privacy scores not measured"
                : e.request.holdout() + " (" + e.holdout.rows() + " rows)");
        r.fact("columns scored", e.cols.length + " of " + e.real.columnCount());
        r.fact("compared at", "n = " + e.comparedN + " rows per side, mean of " + e.request.repeats()
                + " subsamples, seed " + e.request.seed());
        summary.forEach(r::summary);
        r.section("How to read this").text("Every fidelity score compares the real training table with n rows of "
                + "another source: synthetic rows, or real rows the generator never saw (the holdout; without one, "
                + "the other half of a random split of the real table). The second is the baseline: the score real "
                + "data itself gets at this n. A synthetic table is as faithful as real data when its score is close "
                + "to the baseline (pass: at most " + TableEvaluation.FIDELITY_PASS_MARGIN + " below it). A score far "
                + "above the baseline is suspicious, not better: it can mean the rows were copied, which the privacy "
                + "scores check.")
                .text("DCR overfitting protection: for each synthetic row, the distance to the closest training row "
                        + "and to the closest holdout row (training rows subsampled to the holdout's size, so that "
                        + "a generator that learnt only the distribution is closer to training half of the time). "
                        + "Score = min(1, 2 x (1 - share closer to training)), as SDMetrics' "
                        + "DCROverfittingProtection but on equal-size sets. Distance: mean over columns of "
                        + "|a - b| / range for numbers and 0/1 for labels and missing cells (SDMetrics' DCR).")
                .text("Membership-inference AUC: an attacker who holds a real row guesses it was in the training set "
                        + "when a synthetic row lies close to it; the AUC over equal numbers of training and holdout "
                        + "rows is the chance of ranking a member above a non-member (0.5: no better than a coin).");
        columns(r, e);
        histograms(r, e);
        correlations(r, e);
        missing(r, e);
        privacy(r, e);
        return r;
    }

    private static void columns(HtmlReport r, TableEvaluation.Evaluation e) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < e.cols.length; i++) {
            int c = e.cols[i];
            Column col = e.real.column(c);
            rows.add(new String[] {col.name(), col.type().label(), missingShare(e.real.values(c)),
                missingShare(e.synthetic.values(c)), describe(col, e.real.values(c)),
                describe(col, e.synthetic.values(c)), (col.type().isNumeric() ? "KS " : "TV ")
                    + f3(e.synthScores.column()[i]), f3(e.baseScores.column()[i])});
        }
        for (Column col : e.real.columns()) {
            if (!col.type().isModelled()) {
                rows.add(new String[] {col.name(), col.type().label(), "", "", "not scored", "", "", ""});
            }
        }
        r.section("Columns").table(new String[] {"column", "type", "missing real", "missing synthetic", "real",
            "synthetic", "score", "baseline"}, rows);
    }

    private static void histograms(HtmlReport r, TableEvaluation.Evaluation e) {
        List<String> figs = new ArrayList<>();
        for (int c : e.cols) {
            Column col = e.real.column(c);
            if (!col.type().isNumeric() || figs.size() >= MAX_HISTOGRAMS) {
                continue;
            }
            double[] real = Fidelity.present(e.real.values(c));
            double[] syn = Fidelity.present(e.synthetic.values(c));
            if (real.length == 0) {
                continue;
            }
            double lo = Arrays.stream(real).min().orElse(0);
            double hi = Arrays.stream(real).max().orElse(1);
            if (hi <= lo) {
                hi = lo + 1;
            }
            double[] edges = new double[HISTOGRAM_BINS + 1];
            for (int b = 0; b <= HISTOGRAM_BINS; b++) {
                edges[b] = lo + (hi - lo) * b / HISTOGRAM_BINS;
            }
            figs.add(new Chart(col.name(), col.name(), "share of rows", 330, 220)
                    .bars("real", edges, shares(real, edges), Chart.REAL)
                    .bars("synthetic", edges, shares(syn, edges), Chart.SYNTHETIC).render());
        }
        if (!figs.isEmpty()) {
            r.section("Distributions of numeric columns").figures(figs.toArray(new String[0]));
        }
        List<String[]> rows = new ArrayList<>();
        for (int c : e.cols) {
            Column col = e.real.column(c);
            if (col.type().isNumeric()) {
                continue;
            }
            double[] pr = counts(e.real.values(c), col.levels().size());
            double[] ps = counts(e.synthetic.values(c), col.levels().size());
            Integer[] order = new Integer[col.levels().size()];
            for (int l = 0; l < order.length; l++) {
                order[l] = l;
            }
            Arrays.sort(order, (a, b) -> Double.compare(pr[b], pr[a]));
            for (int k = 0; k < Math.min(8, order.length); k++) {
                rows.add(new String[] {k == 0 ? col.name() : "", col.levels().get(order[k]), pct(pr[order[k]]),
                    pct(ps[order[k]])});
            }
        }
        if (!rows.isEmpty()) {
            r.section("Labels (most frequent 8 per column)").table(new String[] {"column", "label", "real",
                "synthetic"}, rows);
        }
    }

    private static void correlations(HtmlReport r, TableEvaluation.Evaluation e) {
        int[] num = Arrays.stream(e.cols).filter(c -> e.real.column(c).type().isNumeric()).toArray();
        if (num.length < 2) {
            return;
        }
        double[][] real = new double[num.length][num.length];
        double[][] syn = new double[num.length][num.length];
        List<Double> xr = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < num.length; i++) {
            for (int j = 0; j < num.length; j++) {
                real[i][j] = i == j ? 1 : Math.abs(org.genosynth.eval.Ranks.pearson(e.real.values(num[i]), e.real.values(num[j])));
                syn[i][j] = i == j ? 1 : Math.abs(org.genosynth.eval.Ranks.pearson(e.synthetic.values(num[i]),
                        e.synthetic.values(num[j])));
                if (j > i) {
                    xr.add(org.genosynth.eval.Ranks.pearson(e.real.values(num[i]), e.real.values(num[j])));
                    ys.add(org.genosynth.eval.Ranks.pearson(e.synthetic.values(num[i]), e.synthetic.values(num[j])));
                }
            }
        }
        String heat = Heatmap.render("|Pearson r| of numeric columns (" + num.length + ")", real, syn, "real",
                "synthetic", 420);
        String scatter = new Chart("Correlation of each pair", "r in real", "r in synthetic", 420, 420)
                .xRange(-1, 1).yRange(-1, 1).diagonal()
                .scatter("pairs", xr.stream().mapToDouble(Double::doubleValue).toArray(),
                        ys.stream().mapToDouble(Double::doubleValue).toArray(), Chart.SYNTHETIC, 3).render();
        StringBuilder names = new StringBuilder("Column order: ");
        for (int i = 0; i < num.length; i++) {
            names.append(i == 0 ? "" : ", ").append(e.real.column(num[i]).name());
        }
        r.section("Correlations").figures(heat, scatter).text(names.toString());
    }

    private static void missing(HtmlReport r, TableEvaluation.Evaluation e) {
        List<Integer> withMissing = new ArrayList<>();
        for (int c : e.cols) {
            if (Arrays.stream(e.real.values(c)).anyMatch(Double::isNaN)
                    || Arrays.stream(e.synthetic.values(c)).anyMatch(Double::isNaN)) {
                withMissing.add(c);
            }
        }
        if (withMissing.isEmpty()) {
            r.section("Missing values").text("No cell is missing in the real or the synthetic table.");
            return;
        }
        Map<String, double[]> patterns = new TreeMap<>();
        tally(e.real, withMissing, patterns, 0);
        tally(e.synthetic, withMissing, patterns, 1);
        List<Map.Entry<String, double[]>> sorted = new ArrayList<>(patterns.entrySet());
        sorted.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, double[]> p : sorted.subList(0, Math.min(MAX_PATTERNS, sorted.size()))) {
            rows.add(new String[] {p.getKey(), pct(p.getValue()[0] / e.real.rows()),
                pct(p.getValue()[1] / e.synthetic.rows())});
        }
        StringBuilder legend = new StringBuilder("Pattern: one character per column with missing cells (x = missing, "
                + ". = present), in this order: ");
        for (int i = 0; i < withMissing.size(); i++) {
            legend.append(i == 0 ? "" : ", ").append(e.real.column(withMissing.get(i)).name());
        }
        r.section("Missing values").text(legend.toString()).table(new String[] {"pattern", "real", "synthetic"},
                rows);
    }

    private static void tally(DataTable t, List<Integer> cols, Map<String, double[]> patterns, int slot) {
        for (int row = 0; row < t.rows(); row++) {
            StringBuilder sb = new StringBuilder();
            for (int c : cols) {
                sb.append(Double.isNaN(t.value(c, row)) ? 'x' : '.');
            }
            patterns.computeIfAbsent(sb.toString(), k -> new double[2])[slot]++;
        }
    }

    private static void privacy(HtmlReport r, TableEvaluation.Evaluation e) {
        HtmlReport.Section s = r.section("Privacy");
        if (e.holdout == null) {
            s.text("No holdout was given, so distances cannot be calibrated: only exact copies of real rows were "
                    + "counted (" + e.exactCopies + "). Split the real table first (train/holdout), learn from the "
                    + "training part, and pass the holdout with --holdout.");
            return;
        }
        double max = Math.max(Arrays.stream(e.synthToTrain).max().orElse(1),
                Arrays.stream(e.holdoutToTrain).max().orElse(1));
        double[] edges = new double[26];
        for (int b = 0; b <= 25; b++) {
            edges[b] = max * b / 25;
        }
        String hist = new Chart("Distance to the closest training row", "distance (mean per-column, 0..1)",
                "share of rows", 520, 260)
                .bars("holdout (real, unseen)", edges, shares(e.holdoutToTrain, edges), Chart.REAL)
                .bars("synthetic", edges, shares(e.synthToTrain, edges), Chart.SYNTHETIC).render();
        s.figures(hist).table(new String[] {"measure", "value"}, List.of(
                new String[] {"synthetic rows closer to training than to holdout", pct(e.closerToTrain)},
                new String[] {"DCR overfitting protection", f3(e.dcrProtection)},
                new String[] {"median distance synthetic -> training",
                    f3(TableEvaluation.Evaluation.median(e.synthToTrain))},
                new String[] {"median distance holdout -> training (real baseline)",
                    f3(TableEvaluation.Evaluation.median(e.holdoutToTrain))},
                new String[] {"synthetic rows identical to a training row", Integer.toString(e.exactCopies)},
                new String[] {"synthetic rows identical to a holdout row", Integer.toString(e.exactCopiesOfHoldout)},
                new String[] {"membership-inference AUC", f3(e.miaAuc)}))
                .text("If synthetic rows sit much closer to training rows than unseen real rows do, the generator "
                        + "has memorised people; the histogram shows both distances to the training rows.");
    }

    private static double[] shares(double[] v, double[] edges) {
        double[] h = new double[edges.length - 1];
        int n = 0;
        for (double x : v) {
            if (Double.isNaN(x)) {
                continue;
            }
            int b = (int) Math.floor((x - edges[0]) / (edges[edges.length - 1] - edges[0]) * h.length);
            h[Math.max(0, Math.min(h.length - 1, b))]++;
            n++;
        }
        for (int i = 0; i < h.length && n > 0; i++) {
            h[i] /= n;
        }
        return h;
    }

    private static double[] counts(double[] v, int levels) {
        double[] p = new double[levels];
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x) && (int) x < levels) {
                p[(int) x]++;
                n++;
            }
        }
        for (int i = 0; i < levels && n > 0; i++) {
            p[i] /= n;
        }
        return p;
    }

    private static String describe(Column col, double[] values) {
        double[] v = Fidelity.present(values);
        if (v.length == 0) {
            return "no values";
        }
        if (col.type().isNumeric()) {
            double mean = Arrays.stream(v).average().orElse(0);
            double sd = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.length - 1));
            double min = Arrays.stream(v).min().orElse(0);
            double max = Arrays.stream(v).max().orElse(0);
            return String.format(Locale.ROOT, "mean %s, sd %s, range %s to %s", g(mean), g(sd), col.format(min, ""),
                    col.format(max, ""));
        }
        double[] p = counts(values, col.levels().size());
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            best = p[i] > p[best] ? i : best;
        }
        return col.levels().size() + " labels; most frequent " + col.levels().get(best) + " (" + pct(p[best]) + ")";
    }

    private static String missingShare(double[] v) {
        return pct(Arrays.stream(v).filter(Double::isNaN).count() / (double) v.length);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String g(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
