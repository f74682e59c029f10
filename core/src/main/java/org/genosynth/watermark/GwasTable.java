package org.genosynth.watermark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.io.InputException;
import org.genosynth.io.LineReader;

/**
 * A GWAS result table read by its header: genosynth's {@code OUT.gwas.tsv}, plink2's {@code .glm.logistic},
 * {@code .glm.logistic.hybrid}, {@code .glm.firth} and {@code .glm.linear} (only the {@code ADD} rows when there is a
 * TEST column), GEMMA's {@code .assoc.txt}. Columns used: ID ({@code rs}), A1 ({@code allele1}), REF/ALT, OBS_CT,
 * BETA or OR ({@code beta}), SE or LOG(OR)_SE ({@code se}), P, LOG10_P or {@code p_wald}.
 */
final class GwasTable {
    /** One reported variant (beta on the log-odds or trait scale, per copy of {@code a1}). */
    record Row(String id, String a1, String ref, String alt, int obsCount, double beta, double se, double log10p) {
    }

    private GwasTable() {
    }

    static Map<String, Row> read(Path file) {
        Map<String, Row> rows = new HashMap<>();
        try (LineReader in = new LineReader(file)) {
            String first = in.nextNonBlank();
            if (first == null) {
                throw InputException.inFile(file, "empty GWAS file");
            }
            List<String> h = Arrays.asList(first.replaceFirst("^#", "").split("\t"));
            int id = col(h, "ID", "rs");
            int a1 = col(h, "A1", "allele1");
            int ref = col(h, "REF", "allele0");
            int alt = col(h, "ALT", null);
            int obs = col(h, "OBS_CT", null);
            int test = col(h, "TEST", null);
            int beta = col(h, "BETA", "beta");
            int or = col(h, "OR", null);
            int se = Math.max(col(h, "SE", "se"), col(h, "LOG(OR)_SE", null));
            int p = Math.max(col(h, "P", "p_wald"), -1);
            int log10p = col(h, "LOG10_P", null);
            if (id < 0 || beta < 0 && or < 0 || p < 0 && log10p < 0) {
                throw new InputException(file, 1, null, "not a GWAS table: needs ID, BETA or OR, and P or LOG10_P "
                        + "columns (genosynth .gwas.tsv, plink2 .glm.*, GEMMA .assoc.txt)");
            }
            for (String line = in.next(); line != null; line = in.next()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                if (test >= 0 && !f[test].equals("ADD")) {
                    continue;
                }
                double b = beta >= 0 ? number(f[beta]) : Math.log(number(f[or]));
                double lp = log10p >= 0 ? -number(f[log10p]) : log10(f[p]);
                rows.put(f[id], new Row(f[id], a1 >= 0 ? f[a1] : null, ref >= 0 ? f[ref] : null,
                        alt >= 0 ? f[alt] : null, obs >= 0 ? (int) number(f[obs]) : -1, b,
                        se >= 0 ? number(f[se]) : Double.NaN, lp));
            }
        }
        return rows;
    }

    private static int col(List<String> header, String name, String alternative) {
        int i = header.indexOf(name);
        return i >= 0 || alternative == null ? i : header.indexOf(alternative);
    }

    private static double number(String s) {
        if (s.equals("NA") || s.equals("nan") || s.equals(".")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** log10 of a printed p-value, also below the double range ("1.2e-400"). */
    static double log10(String s) {
        int e = s.toLowerCase(java.util.Locale.ROOT).indexOf('e');
        if (e > 0) {
            double mant = number(s.substring(0, e));
            double exp = number(s.substring(e + 1));
            return mant > 0 ? Math.log10(mant) + exp : Double.NaN;
        }
        double v = number(s);
        return v > 0 ? Math.log10(v) : v == 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
    }
}
