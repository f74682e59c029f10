package org.genosynth.report.html;

/** The judgement of one metric against its thresholds. */
public enum Verdict {
    PASS, WARN, FAIL, INFO;

    /** The lower-case label used in reports and metrics.json. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
