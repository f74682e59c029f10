package org.genosynth.compare;

import java.nio.file.Path;
import java.util.List;

/**
 * Outcome of a comparison.
 *
 * @param rows    summary rows in report order
 * @param outputs files written
 * @param notes   remarks (samples used, filtered calls, ...)
 */
public record CompareResult(List<Row> rows, List<Path> outputs, List<String> notes) {

    /**
     * One summary row. Precision is TP_CALL / (TP_CALL + FP), recall TP / (TP + FN); NaN when undefined.
     *
     * @param type       SNV, INDEL, INDEL_1-5, INDEL_6-15, INDEL_16-49, SV, SV_DEL, SV_DUP, SV_INV, SV_INS
     * @param tp         truth variants found
     * @param fp         calls matching no truth variant
     * @param fn         truth variants not found
     * @param gtCompared true positives with a genotype on both sides
     * @param gtMatch    of those, with equal ALT copies
     */
    public record Row(String type, long tp, long fp, long fn, long tpCall, long gtCompared, long gtMatch) {
        public double precision() {
            return tpCall + fp == 0 ? Double.NaN : (double) tpCall / (tpCall + fp);
        }

        public double recall() {
            return tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return Double.isNaN(p) || Double.isNaN(r) || p + r == 0 ? Double.NaN : 2 * p * r / (p + r);
        }

        public double genotypeConcordance() {
            return gtCompared == 0 ? Double.NaN : (double) gtMatch / gtCompared;
        }
    }

    /** The row of {@code type}. */
    public Row row(String type) {
        return rows.stream().filter(r -> r.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row " + type));
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "NA" : String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-12s %7s %7s %7s %9s %9s %9s %9s%n", "TYPE", "TP", "FP", "FN", "PRECISION",
                "RECALL", "F1", "GT_CONC"));
        for (Row r : rows) {
            sb.append(String.format("%-12s %7d %7d %7d %9s %9s %9s %9s%n", r.type(), r.tp(), r.fp(), r.fn(),
                    fmt(r.precision()), fmt(r.recall()), fmt(r.f1()), fmt(r.genotypeConcordance())));
        }
        for (String n : notes) {
            sb.append("note: ").append(n).append('\n');
        }
        for (Path p : outputs) {
            sb.append("wrote ").append(p).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
