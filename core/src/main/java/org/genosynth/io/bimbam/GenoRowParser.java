package org.genosynth.io.bimbam;

import java.nio.file.Path;
import org.genosynth.io.InputException;
import org.genosynth.io.NumberText;
import org.genosynth.model.GenotypeCodes;

/**
 * Parses BIMBAM genotype rows {@code rs, A1, A2, v1, v2, ...} (fields separated by runs of commas and/or whitespace)
 * without regular expressions: {@code 0}, {@code 1}, {@code 2} and {@code NA} take a fast path, other values go through
 * {@link Float#parseFloat}, which rounds the decimal text exactly.
 */
final class GenoRowParser {
    private static final int HEADER_FIELDS = 3;

    private final Path path;
    private String line;
    private int pos;
    private String rs;
    private String a1;
    private String a2;
    private boolean strain;

    GenoRowParser(Path path) {
        this.path = path;
    }

    /** Values are inbred strains coded 0/1: each is doubled (1 = homozygous ALT); a value above 1 is an error. */
    void strainCoding() {
        strain = true;
    }

    /** The number of value fields of a row (fields after rs, A1, A2); negative when the row has fewer than 3 fields. */
    static int valueCount(String line) {
        return fieldCount(line, 0) - HEADER_FIELDS;
    }

    private static int fieldCount(String line, int from) {
        int fields = 0;
        int n = line.length();
        int i = from;
        while (i < n) {
            while (i < n && isSeparator(line.charAt(i))) {
                i++;
            }
            if (i < n) {
                fields++;
                while (i < n && !isSeparator(line.charAt(i))) {
                    i++;
                }
            }
        }
        return fields;
    }

    /**
     * Parses one row: its dosages into {@code dosages} (one per sample) and the rounded codes into the zeroed packed row
     * at {@code words[offset...]}.
     *
     * @param countSource where the expected number of values comes from, for the error message
     */
    void parse(String text, long lineNumber, float[] dosages, long[] words, int offset, String countSource) {
        line = text;
        pos = 0;
        rs = nextToken(lineNumber, "rs");
        a1 = nextToken(lineNumber, "A1");
        a2 = nextToken(lineNumber, "A2");
        int n = dosages.length;
        int len = line.length();
        for (int s = 0; s < n; s++) {
            while (pos < len && isSeparator(line.charAt(pos))) {
                pos++;
            }
            if (pos == len) {
                throw countError(lineNumber, n, s, countSource);
            }
            int start = pos;
            while (pos < len && !isSeparator(line.charAt(pos))) {
                pos++;
            }
            float v = value(start, pos, lineNumber, s);
            dosages[s] = v;
            int code = Float.isNaN(v) ? GenotypeCodes.MISSING : Math.min(2, Math.max(0, Math.round(v)));
            if (code != 0) {
                words[offset + (s >>> 5)] |= (long) code << ((s & 31) << 1);
            }
        }
        int extra = fieldCount(line, pos);
        if (extra > 0) {
            throw countError(lineNumber, n, n + extra, countSource);
        }
    }

    /** Reads only a row's rs, A1 and A2 (its values are parsed later, by {@link #parse}). */
    void parseIds(String text, long lineNumber) {
        line = text;
        pos = 0;
        rs = nextToken(lineNumber, "rs");
        a1 = nextToken(lineNumber, "A1");
        a2 = nextToken(lineNumber, "A2");
    }

    String rs() {
        return rs;
    }

    String a1() {
        return a1;
    }

    String a2() {
        return a2;
    }

    private float value(int start, int end, long lineNumber, int sample) {
        char c = line.charAt(start);
        int len = end - start;
        if (len == 1 && c >= '0' && c <= '2') {
            return scaled(c - '0', lineNumber, sample);
        }
        if (len == 2 && c == 'N' && line.charAt(start + 1) == 'A') {
            return Float.NaN;
        }
        String text = line.substring(start, end);
        float v;
        try {
            if (!NumberText.isDecimalSyntax(line, start, end)) {
                throw new NumberFormatException(text);
            }
            v = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new InputException(path, lineNumber, field(sample), "not a number: '" + text
                    + "' (use NA for a missing genotype)");
        }
        if (!(v >= 0f && v <= 2f)) {
            throw new InputException(path, lineNumber, field(sample), "mean genotype " + text
                    + " is outside 0..2");
        }
        return scaled(v, lineNumber, sample);
    }

    private float scaled(float v, long lineNumber, int sample) {
        if (!strain || Float.isNaN(v)) {
            return v;
        }
        if (v > 1f) {
            throw new InputException(path, lineNumber, field(sample), "value " + v + " is above 1, but --coding "
                    + "strain reads 0/1 strain alleles");
        }
        return 2f * v;
    }

    private String nextToken(long lineNumber, String name) {
        int len = line.length();
        while (pos < len && isSeparator(line.charAt(pos))) {
            pos++;
        }
        if (pos == len) {
            throw new InputException(path, lineNumber, name, "row ends early: expected rs, A1, A2 and one value "
                    + "per sample");
        }
        int start = pos;
        while (pos < len && !isSeparator(line.charAt(pos))) {
            pos++;
        }
        return line.substring(start, pos);
    }

    private InputException countError(long lineNumber, int expected, int found, String countSource) {
        return new InputException(path, lineNumber, null, "expected " + expected + " values (" + countSource
                + "), found " + found);
    }

    private static String field(int sample) {
        return "sample " + (sample + 1) + " (column " + (sample + 1 + HEADER_FIELDS) + ")";
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == ' ' || c == '\t' || c == '\r';
    }
}
