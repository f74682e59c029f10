package org.genosynth.table.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.genosynth.io.InputException;
import org.genosynth.io.LineReader;

/**
 * Reads delimited text: comma, tab, semicolon or runs of spaces, chosen from the first lines (not from the file name:
 * scikit-learn's diabetes "csv" is space-separated). Double quotes protect delimiters in comma/tab/semicolon files.
 * Whether the first row is a header is guessed unless told (see {@link #looksLikeHeader}).
 */
final class DelimitedParser {
    private static final int SNIFF_LINES = 50;
    private static final char WHITESPACE = ' ';

    private DelimitedParser() {
    }

    static RawTable parse(Path path, TableReadOptions options) {
        List<String> lines = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        try (LineReader reader = new LineReader(path)) {
            String line;
            while ((line = reader.next()) != null) {
                if (lines.isEmpty() && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    lines.add(line);
                    numbers.add(reader.lineNumber());
                }
            }
        }
        if (lines.isEmpty()) {
            throw InputException.inFile(path, "the file is empty: no header and no rows");
        }
        boolean hashHeader = lines.get(0).startsWith("#");
        if (hashHeader) {
            lines.set(0, lines.get(0).substring(1));
        }
        char delimiter = sniff(lines);
        List<String[]> rows = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            rows.add(split(lines.get(i), delimiter, path, numbers.get(i)));
        }
        boolean header = switch (options.header()) {
            case YES -> true;
            case NO -> false;
            case AUTO -> hashHeader || looksLikeHeader(rows, options.missing());
        };
        List<String> names = new ArrayList<>();
        int width = rows.get(0).length;
        if (header) {
            for (int c = 0; c < width; c++) {
                String n = rows.get(0)[c].strip();
                names.add(n.isEmpty() ? "V" + (c + 1) : n);
            }
            rows.remove(0);
            numbers.remove(0);
        } else {
            for (int c = 0; c < width; c++) {
                names.add("V" + (c + 1));
            }
        }
        if (rows.isEmpty()) {
            throw new InputException(path, numbers.isEmpty() ? 1 : numbers.get(0), null,
                    "the file has a header but no data rows");
        }
        long[] lineNumbers = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            lineNumbers[i] = numbers.get(i);
            if (rows.get(i).length != width) {
                throw new InputException(path, lineNumbers[i], null, "this row has " + rows.get(i).length
                        + " fields but " + (header ? "the header has " : "the first row has ") + width
                        + " (delimiter: " + describe(delimiter) + "); every row needs one field per column");
            }
        }
        return new RawTable(path, names, rows, lineNumbers, null);
    }

    /** Tab, comma or semicolon when every sniffed line has the same number (> 1) of fields with it; else spaces. */
    static char sniff(List<String> lines) {
        int n = Math.min(SNIFF_LINES, lines.size());
        for (char d : new char[] {'\t', ',', ';'}) {
            int count = -1;
            boolean consistent = true;
            for (int i = 0; i < n && consistent; i++) {
                int k = countFields(lines.get(i), d);
                consistent = k > 1 && (count < 0 || k == count);
                count = k;
            }
            if (consistent) {
                return d;
            }
        }
        String first = lines.get(0);
        for (char d : new char[] {'\t', ',', ';'}) {
            if (first.indexOf(d) >= 0) {
                return d;
            }
        }
        return WHITESPACE;
    }

    private static int countFields(String line, char d) {
        int k = 1;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == d && !quoted) {
                k++;
            }
        }
        return k;
    }

    static String[] split(String line, char delimiter, Path path, long lineNumber) {
        if (delimiter == WHITESPACE) {
            return LineReader.splitWhitespace(line);
        }
        return splitQuoted(line, delimiter, '"', path, lineNumber);
    }

    /** Splits on {@code delimiter} outside quotes; a doubled quote inside quotes is one quote. Fields are stripped. */
    static String[] splitQuoted(String line, char delimiter, char quote, Path path, long lineNumber) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == quote) {
                    if (i + 1 < line.length() && line.charAt(i + 1) == quote) {
                        field.append(quote);
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == quote && field.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (c == delimiter) {
                out.add(wasQuoted ? field.toString() : field.toString().strip());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new InputException(path, lineNumber, null, "a quoted field is not closed (" + quote
                    + " missing); fields cannot span lines");
        }
        out.add(wasQuoted ? field.toString() : field.toString().strip());
        return out.toArray(new String[0]);
    }

    /**
     * The first row is taken as a header when (a) some column is numeric (or a date) below it while its first cell is
     * not, or (b) no column is numeric and none of the first row's cells occurs again in its column.
     */
    static boolean looksLikeHeader(List<String[]> rows, Set<String> missing) {
        if (rows.size() < 2) {
            return false;
        }
        String[] first = rows.get(0);
        boolean anyNumericColumn = false;
        for (int c = 0; c < first.length; c++) {
            if (missing.contains(first[c].strip())) {
                return false;
            }
            boolean numericBelow = true;
            int seen = 0;
            for (int r = 1; r < rows.size() && numericBelow; r++) {
                if (c >= rows.get(r).length) {
                    continue;
                }
                String s = rows.get(r)[c].strip();
                if (missing.contains(s)) {
                    continue;
                }
                seen++;
                numericBelow = isNumberOrDate(s);
            }
            if (numericBelow && seen > 0) {
                anyNumericColumn = true;
                if (!isNumberOrDate(first[c].strip())) {
                    return true;
                }
            }
        }
        if (anyNumericColumn) {
            return false;
        }
        for (int c = 0; c < first.length; c++) {
            Set<String> below = new HashSet<>();
            for (int r = 1; r < rows.size(); r++) {
                if (c < rows.get(r).length) {
                    below.add(rows.get(r)[c].strip());
                }
            }
            if (below.contains(first[c].strip())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumberOrDate(String s) {
        return !Double.isNaN(TypeInference.number(s)) || TypeInference.datePattern(s) != null;
    }

    private static String describe(char d) {
        return switch (d) {
            case '\t' -> "tab";
            case ',' -> "comma";
            case ';' -> "semicolon";
            default -> "spaces";
        };
    }
}
