package org.genosynth.eval;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.genosynth.report.html.HtmlReport;
import org.genosynth.report.html.Threshold;
import org.genosynth.report.html.Verdict;

/**
 * The numbers of an evaluation, grouped by area ({@code fidelity}, {@code utility}, {@code privacy}), as written to
 * {@code metrics.json}; judged metrics also get a verdict there and a line in the report's summary.
 */
public final class Metrics {
    private final Map<String, Object> tree = new LinkedHashMap<>();
    private final Map<String, Object> verdicts = new LinkedHashMap<>();
    private final HtmlReport report;

    public Metrics(HtmlReport report) {
        this.report = report;
    }

    /** Records a value under {@code area.key}. */
    @SuppressWarnings("unchecked")
    public void put(String area, String key, Object value) {
        ((Map<String, Object>) tree.computeIfAbsent(area, a -> new LinkedHashMap<String, Object>())).put(key, value);
    }

    /** Records a value, judges it and adds a summary line. Returns the verdict. */
    public Verdict judge(String area, String label, String key, double value, Threshold threshold, String meaning) {
        return record(area, label, key, value, threshold.judge(value), threshold.describe(), meaning);
    }

    /**
     * Records a value with a verdict decided by the caller (thresholds relative to the holdout, rules with several
     * conditions), described by {@code thresholds} in the summary and in metrics.json.
     */
    public Verdict record(String area, String label, String key, double value, Verdict v, String thresholds,
            String meaning) {
        put(area, key, value);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("area", area);
        entry.put("value", value);
        entry.put("verdict", v);
        entry.put("threshold", thresholds);
        verdicts.put(key, entry);
        report.summary(new HtmlReport.SummaryRow(area, label, format(value), thresholds, v, meaning));
        return v;
    }

    /**
     * Records a metric that is meaningless for this cohort: verdict {@link Verdict#NA} (never counted as a pass),
     * with the reason in the summary and in metrics.json ({@code verdicts.KEY.reason}).
     */
    @SuppressWarnings("unchecked")
    public Verdict notApplicable(String area, String label, String key, double value, String reason) {
        record(area, label, key, value, Verdict.NA, "not applicable", reason);
        ((Map<String, Object>) verdicts.get(key)).put("reason", reason);
        return Verdict.NA;
    }

    /** The verdict recorded for {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public Verdict verdict(String key) {
        Object e = verdicts.get(key);
        return e == null ? null : (Verdict) ((Map<String, Object>) e).get("verdict");
    }

    /** The value recorded under {@code area.key}, or null. */
    @SuppressWarnings("unchecked")
    public Object get(String area, String key) {
        Object a = tree.get(area);
        return a == null ? null : ((Map<String, Object>) a).get(key);
    }

    /** A numeric value recorded under {@code area.key} (NaN when absent). */
    public double number(String area, String key) {
        Object o = get(area, key);
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The JSON tree: areas, then the verdicts. */
    public Map<String, Object> tree() {
        Map<String, Object> out = new LinkedHashMap<>(tree);
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v.label(), verdicts.values().stream()
                    .filter(e -> ((Map<?, ?>) e).get("verdict") == v).count());
        }
        out.put("verdict_counts", counts);
        out.put("verdicts", verdicts);
        return out;
    }

    /** A value for the report: 4 significant digits, integers plain, NaN as "n/a". */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
