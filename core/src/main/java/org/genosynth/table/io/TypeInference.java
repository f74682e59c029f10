package org.genosynth.table.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.genosynth.io.InputException;
import org.genosynth.io.NumberText;
import org.genosynth.table.Column;
import org.genosynth.table.ColumnType;

/**
 * Decides the type of a column from its cells (or takes the declared one) and converts the cells to values.
 *
 * <ul>
 * <li>no value at all: {@link ColumnType#EMPTY};</li>
 * <li>every value a number: {@link ColumnType#INTEGER} when written without decimals, {@link ColumnType#NUMERIC}
 * otherwise, but {@link ColumnType#BOOLEAN} when there are only two distinct values (sex coded 1/2, 0/1 traits);</li>
 * <li>every value a date ({@code yyyy-MM-dd}, {@code yyyy/MM/dd}, with or without {@code HH:mm:ss}): DATE;</li>
 * <li>two values from true/false, yes/no, y/n, t/f: BOOLEAN;</li>
 * <li>numbers and words mixed: an error at the first odd cell when most values are numbers (a typo, or a missing-value
 * code we do not know: fix it, or declare the column categorical); categorical otherwise;</li>
 * <li>words: {@link ColumnType#ID} when every value is distinct (at least 20 rows), categorical otherwise.</li>
 * </ul>
 */
final class TypeInference {
    private static final int MIN_ID_ROWS = 20;
    private static final Pattern DATE = Pattern.compile("\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}([ T]\\d{1,2}:\\d{2}(:\\d{2})?)?");
    private static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "yes", "no", "y", "n", "t", "f");

    /** A column and its values. */
    record Result(Column column, double[] values) {
    }

    private TypeInference() {
    }

    /** The number a cell holds, or NaN when it is not a plain decimal number. */
    static double number(String s) {
        if (s.isEmpty() || !NumberText.isDecimalSyntax(s, 0, s.length())) {
            return Double.NaN;
        }
        try {
            return NumberText.parseDecimal(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The date pattern a cell matches, or null. */
    static String datePattern(String s) {
        if (!DATE.matcher(s).matches()) {
            return null;
        }
        char sep = s.charAt(4);
        String date = sep == '-' ? "yyyy-MM-dd" : "yyyy/MM/dd";
        String[] candidates = s.length() <= 10 ? new String[] {date}
                : new String[] {date + "'T'HH:mm:ss", date + " HH:mm:ss", date + "'T'HH:mm", date + " HH:mm"};
        for (String p : candidates) {
            for (String form : new String[] {p, p.replace("MM", "M").replace("dd", "d").replace("HH", "H")}) {
                Column probe = new Column("probe", ColumnType.DATE, List.of(), -1, form);
                if (!Double.isNaN(probe.parseDate(s))) {
                    return form;
                }
            }
        }
        return null;
    }

    /**
     * @param declared a declared type ({@code numeric}, {@code date:yyyy-MM-dd}, ARFF {@code {a,b}} ...) or null
     */
    static Result infer(Path path, String name, String[] cells, long[] lines, String declared, Set<String> missing) {
        int n = cells.length;
        boolean[] isMissing = new boolean[n];
        int present = 0;
        for (int r = 0; r < n; r++) {
            isMissing[r] = missing.contains(cells[r]);
            present += isMissing[r] ? 0 : 1;
        }
        if (present == 0) {
            return new Result(Column.of(name, ColumnType.EMPTY), nan(n));
        }
        if (declared != null) {
            return declared(path, name, cells, lines, isMissing, declared.strip(), missing);
        }
        int numbers = 0;
        int firstWord = -1;
        for (int r = 0; r < n; r++) {
            if (!isMissing[r]) {
                if (!Double.isNaN(number(cells[r]))) {
                    numbers++;
                } else if (firstWord < 0) {
                    firstWord = r;
                }
            }
        }
        if (numbers == present) {
            return numeric(path, name, cells, lines, isMissing, null);
        }
        if (numbers * 2 > present) {
            throw new InputException(path, lines[firstWord], name, "'" + cells[firstWord] + "' is not a number, but "
                    + numbers + " of the column's " + present + " values are: fix the cell, write it as NA if it is "
                    + "missing, or declare the column with --type '" + name + "=categorical'");
        }
        String pattern = datePattern(cells[firstWord]);
        if (pattern != null && numbers == 0) {
            Result dates = dates(path, name, cells, lines, isMissing, pattern, false);
            if (dates != null) {
                return dates;
            }
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int r = 0; r < n; r++) {
            if (!isMissing[r]) {
                distinct.add(cells[r]);
            }
        }
        if (distinct.size() <= 2 && distinct.stream().allMatch(s -> BOOLEAN_WORDS.contains(s.toLowerCase(Locale.ROOT)))) {
            return labels(name, ColumnType.BOOLEAN, cells, isMissing, null);
        }
        if (distinct.size() == present && present >= MIN_ID_ROWS && numbers == 0) {
            return new Result(Column.of(name, ColumnType.ID), nan(n));
        }
        return labels(name, ColumnType.CATEGORICAL, cells, isMissing, null);
    }

    private static Result declared(Path path, String name, String[] cells, long[] lines, boolean[] isMissing,
            String declared, Set<String> missing) {
        String lower = declared.toLowerCase(Locale.ROOT);
        if (lower.startsWith("{")) {
            List<String> levels = new ArrayList<>();
            for (String l : DelimitedParser.splitQuoted(declared.substring(1, declared.lastIndexOf('}')), ',', '\'',
                    path, 0)) {
                levels.add(unquote(l));
            }
            return labels(name, ColumnType.CATEGORICAL, cells, isMissing, levels);
        }
        if (lower.startsWith("date")) {
            int colon = declared.indexOf(':');
            String pattern = colon > 0 ? declared.substring(colon + 1) : null;
            if (pattern == null) {
                for (int r = 0; r < cells.length && pattern == null; r++) {
                    pattern = isMissing[r] ? null : datePattern(cells[r]);
                }
                if (pattern == null) {
                    int r = firstPresent(isMissing);
                    throw new InputException(path, lines[r], name, "'" + cells[r] + "' is not a date like 2024-01-31;"
                            + " give the pattern with --type '" + name + "=date:dd.MM.yyyy'");
                }
            }
            return dates(path, name, cells, lines, isMissing, pattern, true);
        }
        return switch (lower) {
            case "numeric", "real", "integer" -> numeric(path, name, cells, lines, isMissing, ColumnType.parse(
                    lower.equals("real") ? "numeric" : lower));
            case "categorical", "string" -> lower.equals("string")
                    ? infer(path, name, cells, lines, null, missing) : labels(name, ColumnType.CATEGORICAL, cells,
                            isMissing, null);
            case "boolean" -> {
                Result r = labels(name, ColumnType.BOOLEAN, cells, isMissing, null);
                if (r.column().levels().size() > 2) {
                    throw new InputException(path, 0, name, "declared boolean but has "
                            + r.column().levels().size() + " distinct values " + r.column().levels());
                }
                yield r;
            }
            case "id" -> new Result(Column.of(name, ColumnType.ID), nan(cells.length));
            default -> throw InputException.usage("unknown type '" + declared + "' for column '" + name
                    + "' (numeric, integer, categorical, boolean, date, date:PATTERN, id, skip)");
        };
    }

    private static Result numeric(Path path, String name, String[] cells, long[] lines, boolean[] isMissing,
            ColumnType forced) {
        int n = cells.length;
        double[] v = new double[n];
        int decimals = 0;
        int minWritten = Integer.MAX_VALUE;
        boolean exponent = false;
        Set<Double> distinct = new HashSet<>();
        for (int r = 0; r < n; r++) {
            if (isMissing[r]) {
                v[r] = Double.NaN;
                continue;
            }
            String s = cells[r];
            v[r] = number(s);
            if (Double.isNaN(v[r])) {
                throw new InputException(path, lines[r], name, "'" + s + "' is not a number (the column is "
                        + (forced == null ? "numeric" : "declared " + forced.label()) + ")");
            }
            if (forced == ColumnType.INTEGER && v[r] != Math.rint(v[r])) {
                throw new InputException(path, lines[r], name, "'" + s + "' is not a whole number (the column is "
                        + "declared integer)");
            }
            int dot = s.indexOf('.');
            if (s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
                exponent = true;
            } else if (dot >= 0) {
                decimals = Math.max(decimals, effectiveDecimals(v[r], s.length() - dot - 1));
                minWritten = Math.min(minWritten, s.length() - dot - 1);
            }
            distinct.add(v[r]);
        }
        if (forced == null && distinct.size() <= 2) {
            return labels(name, ColumnType.BOOLEAN, cells, isMissing, null);
        }
        boolean written = minWritten != Integer.MAX_VALUE;
        ColumnType type = forced != null ? forced : !written && !exponent ? ColumnType.INTEGER : ColumnType.NUMERIC;
        int d = type == ColumnType.INTEGER ? 0 : exponent ? -1 : Math.max(decimals, written ? minWritten : 0);
        return new Result(new Column(name, type, List.of(), d, null), v);
    }

    /**
     * The decimals a number really has: {@code 4.803999999999999} (a float printed in full) has 3. The fewest decimals
     * that give the value back to 12 significant digits, at most {@code written}.
     */
    static int effectiveDecimals(double v, int written) {
        for (int d = 0; d < Math.min(written, 15); d++) {
            double scale = Math.pow(10, d);
            if (Math.abs(Math.rint(v * scale) / scale - v) <= 1e-12 * Math.max(1, Math.abs(v))) {
                return d;
            }
        }
        return written;
    }

    private static Result dates(Path path, String name, String[] cells, long[] lines, boolean[] isMissing,
            String pattern, boolean declared) {
        Column c = new Column(name, ColumnType.DATE, List.of(), -1, pattern);
        double[] v = new double[cells.length];
        for (int r = 0; r < cells.length; r++) {
            v[r] = isMissing[r] ? Double.NaN : c.parseDate(cells[r]);
            if (!isMissing[r] && Double.isNaN(v[r])) {
                if (!declared) {
                    return null;
                }
                throw new InputException(path, lines[r], name, "'" + cells[r] + "' is not a date of the form "
                        + pattern);
            }
        }
        return new Result(c, v);
    }

    /** Labels coded by level: declared levels first, the others sorted (numerically when all are numbers). */
    private static Result labels(String name, ColumnType type, String[] cells, boolean[] isMissing,
            List<String> declaredLevels) {
        List<String> levels = new ArrayList<>(declaredLevels == null ? List.of() : declaredLevels);
        Set<String> seen = new HashSet<>(levels);
        List<String> extra = new ArrayList<>();
        for (int r = 0; r < cells.length; r++) {
            if (!isMissing[r] && seen.add(cells[r])) {
                extra.add(cells[r]);
            }
        }
        boolean allNumbers = extra.stream().allMatch(s -> !Double.isNaN(number(s)));
        extra.sort(allNumbers ? Comparator.comparingDouble(TypeInference::number).thenComparing(s -> s)
                : Comparator.naturalOrder());
        levels.addAll(extra);
        Map<String, Integer> code = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            code.put(levels.get(i), i);
        }
        double[] v = new double[cells.length];
        for (int r = 0; r < cells.length; r++) {
            v[r] = isMissing[r] ? Double.NaN : code.get(cells[r]);
        }
        return new Result(new Column(name, type, levels, -1, null), v);
    }

    private static int firstPresent(boolean[] isMissing) {
        for (int r = 0; r < isMissing.length; r++) {
            if (!isMissing[r]) {
                return r;
            }
        }
        return 0;
    }

    static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.startsWith("'") && t.endsWith("'") || t.startsWith("\"") && t.endsWith("\""))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    private static double[] nan(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, Double.NaN);
        return v;
    }
}
