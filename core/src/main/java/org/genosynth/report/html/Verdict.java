package org.genosynth.report.html;

/**
 * The judgement of one metric against its thresholds. {@link #INFO}: not measured (an input it needs was not given, or
 * the value is undefined). {@link #NA}: measured or measurable, but meaningless for this cohort (for example KING
 * kinship on inbred genotypes, GWAS recall when the real GWAS has no hit); counted apart, never as a pass.
 */
public enum Verdict {
    PASS, WARN, FAIL, INFO, NA;

    /** The label used in reports and metrics.json: "pass", "warn", "fail", "info", "n/a". */
    public String label() {
        return this == NA ? "n/a" : name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The CSS class of the verdict's badge in the HTML report. */
    public String cssClass() {
        return this == NA ? "na" : label();
    }
}
