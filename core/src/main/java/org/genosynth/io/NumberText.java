package org.genosynth.io;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Text form of numbers in genosynth's text outputs: plain decimals (never exponent notation), integers without a
 * trailing {@code .0}, and the shortest text that parses back to the same {@code float}/{@code double}; plus a strict
 * parser for plain decimal numbers.
 */
public final class NumberText {
    /** Significant digits above which Java 17's {@code toString} may not be the shortest round-tripping text. */
    private static final int FLOAT_SAFE_DIGITS = 7;
    private static final int DOUBLE_SAFE_DIGITS = 16;

    private NumberText() {
    }

    /** The shortest plain decimal that {@link Float#parseFloat} reads back as {@code v} (finite values only). */
    public static String formatFloat(float v) {
        if (v == 0f) {
            return "0";
        }
        if (v == 1f) {
            return "1";
        }
        if (v == 2f) {
            return "2";
        }
        requireFinite(v);
        String s = Float.toString(v);
        if (significantDigits(s) > FLOAT_SAFE_DIGITS) {
            s = shortest(new BigDecimal(v), 9, t -> t.floatValue() == v);
        }
        return plain(s);
    }

    /** The shortest plain decimal that {@link Double#parseDouble} reads back as {@code v} (finite values only). */
    public static String formatDouble(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        requireFinite(v);
        String s = Double.toString(v);
        if (significantDigits(s) > DOUBLE_SAFE_DIGITS) {
            s = shortest(new BigDecimal(v), 17, t -> t.doubleValue() == v);
        }
        return plain(s);
    }

    /**
     * Parses a plain decimal number ({@code -1.5}, {@code 2e-3}, {@code .5}); rejects what Java would accept but other
     * tools would not ({@code NaN}, {@code Infinity}, hexadecimal, {@code 1d} suffixes).
     *
     * @throws NumberFormatException when {@code s} is not such a number
     */
    public static double parseDecimal(String s) {
        if (!isDecimalSyntax(s, 0, s.length())) {
            throw new NumberFormatException(s);
        }
        return Double.parseDouble(s);
    }

    /** True when {@code s[start, end)} has only the characters of a plain decimal and at least one digit. */
    public static boolean isDecimalSyntax(CharSequence s, int start, int end) {
        boolean digit = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return digit;
    }

    private static void requireFinite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot write " + v + " as a decimal");
        }
    }

    private static String shortest(BigDecimal exact, int maxDigits, java.util.function.Predicate<BigDecimal> same) {
        for (int p = 1; p < maxDigits; p++) {
            BigDecimal t = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (same.test(t)) {
                return t.toString();
            }
        }
        return exact.round(new MathContext(maxDigits, RoundingMode.HALF_EVEN)).toString();
    }

    private static int significantDigits(String s) {
        int count = 0;
        boolean leading = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'E' || c == 'e') {
                break;
            }
            if (c >= '1' && c <= '9' || c == '0' && !leading) {
                count++;
                leading = false;
            }
        }
        return count;
    }

    /** Rewrites exponent notation as a plain decimal and drops trailing fractional zeros. */
    private static String plain(String s) {
        String p = s.indexOf('E') >= 0 || s.indexOf('e') >= 0 ? new BigDecimal(s).toPlainString() : s;
        if (p.indexOf('.') < 0) {
            return p;
        }
        int end = p.length();
        while (p.charAt(end - 1) == '0') {
            end--;
        }
        if (p.charAt(end - 1) == '.') {
            end--;
        }
        return p.substring(0, end);
    }

    /** True when {@code s} parses as a Java double (any syntax {@link Double#parseDouble} takes). */
    public static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
