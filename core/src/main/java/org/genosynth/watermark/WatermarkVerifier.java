package org.genosynth.watermark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code genosynth watermark verify}: checks that every watermark SNP of a truth file is in a GWAS result with the
 * statistics it must have: the same observation count (when reported), the same allele orientation, BETA within a
 * relative tolerance, and {@code log10 P} within the same relative tolerance (at least 0.01 absolute, for printed
 * precision). A server that skipped or altered the watermark SNPs' tests, or reports made-up numbers, fails.
 */
public final class WatermarkVerifier {
    private WatermarkVerifier() {
    }

    /** One watermark SNP's check. */
    public record Check(String id, boolean ok, String reason, double expectedLog10p, double reportedLog10p) {
    }

    /** The verdict. */
    public record Report(List<Check> checks, Path gwas) {
        public boolean verified() {
            return checks.stream().allMatch(Check::ok);
        }

        public long failures() {
            return checks.stream().filter(c -> !c.ok()).count();
        }

        public String render() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "watermark verify %s: %s (%d of %d "
                    + "watermark SNPs as expected)%n", gwas, verified() ? "VERIFIED" : "FAILED",
                    checks.size() - failures(), checks.size()));
            for (Check c : checks) {
                if (!c.ok()) {
                    sb.append(String.format(Locale.ROOT, "  %s: %s (expected log10 p %.4f, reported %.4f)%n", c.id(),
                            c.reason(), c.expectedLog10p(), c.reportedLog10p()));
                }
            }
            return sb.toString();
        }
    }

    /**
     * @param truth     {@code OUT.watermark.tsv} written by {@code watermark add}
     * @param gwas      the GWAS result to check
     * @param tolerance relative tolerance (e.g. 1e-3)
     */
    public static Report verify(Path truth, Path gwas, double tolerance) {
        List<WatermarkTruth.Expected> expected = WatermarkTruth.read(truth);
        Map<String, GwasTable.Row> rows = GwasTable.read(gwas);
        List<Check> checks = new ArrayList<>();
        for (WatermarkTruth.Expected e : expected) {
            checks.add(check(e, rows.get(e.id()), tolerance));
        }
        return new Report(checks, gwas);
    }

    private static Check check(WatermarkTruth.Expected e, GwasTable.Row r, double tol) {
        if (r == null) {
            return new Check(e.id(), false, "absent from the GWAS result", e.log10p(), Double.NaN);
        }
        double beta = r.beta();
        if (r.a1() != null && !r.a1().equals(e.alt())) {
            if (r.a1().equals(e.ref())) {
                beta = -beta;
            } else {
                return new Check(e.id(), false, "tested allele " + r.a1() + " is neither " + e.ref() + " nor "
                        + e.alt(), e.log10p(), r.log10p());
            }
        }
        if (r.obsCount() >= 0 && r.obsCount() != e.obsCount()) {
            return new Check(e.id(), false, "OBS_CT " + r.obsCount() + ", expected " + e.obsCount(), e.log10p(),
                    r.log10p());
        }
        if (!(Math.abs(beta - e.beta()) <= tol * Math.abs(e.beta()) + 1e-6)) {
            return new Check(e.id(), false, String.format(Locale.ROOT, "BETA %.6g, expected %.6g", beta, e.beta()),
                    e.log10p(), r.log10p());
        }
        if (!(Math.abs(r.log10p() - e.log10p()) <= Math.max(0.01, tol * Math.abs(e.log10p())))) {
            return new Check(e.id(), false, "P differs", e.log10p(), r.log10p());
        }
        return new Check(e.id(), true, "ok", e.log10p(), r.log10p());
    }
}
