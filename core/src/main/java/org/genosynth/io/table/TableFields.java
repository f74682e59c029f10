package org.genosynth.io.table;

import org.genosynth.io.LineReader;
import org.genosynth.io.NumberText;

/**
 * Fields and values of a phenotype table line. A file whose first line has a tab is tab-separated (so an empty field is
 * a missing value); otherwise fields are separated by runs of whitespace. Missing values are {@code NA}, {@code nan}
 * (any case), {@code .}, {@code -9} and the empty field.
 */
final class TableFields {
    private static final double PLINK_MISSING = -9;

    private final boolean tabSeparated;

    private TableFields(boolean tabSeparated) {
        this.tabSeparated = tabSeparated;
    }

    /** The separator convention of a file, judged from its first line. */
    static TableFields forFirstLine(String line) {
        return new TableFields(line.indexOf('\t') >= 0);
    }

    String[] split(String line) {
        if (!tabSeparated) {
            return LineReader.splitWhitespace(line);
        }
        String[] f = line.split("\t", -1);
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        return f;
    }

    /** The value of a field, {@code NaN} when missing. */
    static double value(String text, LineReader lines, String column, String hint) {
        if (isMissing(text)) {
            return Double.NaN;
        }
        try {
            double v = NumberText.parseDecimal(text);
            return v == PLINK_MISSING ? Double.NaN : v;
        } catch (NumberFormatException e) {
            throw lines.error(column, "not a number: '" + text + "'" + hint);
        }
    }

    /** Whether a field is a plain decimal ({@link NumberText#parseDecimal}), missing codes aside. */
    static boolean isDecimal(String text) {
        try {
            NumberText.parseDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether a field is a missing value: {@code NA}, {@code nan}, {@code .}, empty, or a number equal to -9. */
    static boolean isMissingValue(String text) {
        return isMissing(text) || isDecimal(text) && NumberText.parseDecimal(text) == PLINK_MISSING;
    }

    private static boolean isMissing(String text) {
        return text.isEmpty() || text.equals(".") || text.equalsIgnoreCase("NA") || text.equalsIgnoreCase("nan");
    }
}
