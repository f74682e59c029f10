package org.genosynth.util;

/** Fast, locale-independent number formatting for tables (the hot path of every report writer). */
public final class Numbers {
    private static final double[] POW10 = new double[40];

    static {
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = Math.pow(10, i);
        }
    }

    private Numbers() {
    }

    /** Longest text {@link #formatSignificant} writes (sign, "0.0000" and 15 digits, or an exponent form). */
    public static final int MAX_SIGNIFICANT_LENGTH = 32;

    /**
     * Appends {@code value} with {@code digits} significant digits (1..15), trailing zeros dropped, like C's
     * {@code %.<digits>g} but never in exponent form between 1e-5 and 1e15. NaN is written as {@code NA}.
     */
    public static StringBuilder appendSignificant(StringBuilder sb, double value, int digits) {
        byte[] text = new byte[MAX_SIGNIFICANT_LENGTH];
        int n = formatSignificant(text, 0, value, digits);
        for (int i = 0; i < n; i++) {
            sb.append((char) text[i]);
        }
        return sb;
    }

    /**
     * Writes {@link #appendSignificant}'s text of {@code value} as ASCII into {@code out} from {@code at} (room for
     * {@link #MAX_SIGNIFICANT_LENGTH} bytes needed) and returns the index after it. The table writers' hot path: no
     * strings are made for values between 1e-300 and 1e300.
     */
    public static int formatSignificant(byte[] out, int at, double value, int digits) {
        if (Double.isNaN(value)) {
            out[at] = 'N';
            out[at + 1] = 'A';
            return at + 2;
        }
        if (value == 0) {
            out[at] = '0';
            return at + 1;
        }
        if (Double.isInfinite(value) || Math.abs(value) < 1e-300) {
            return rare(out, at, value, digits);
        }
        if (value < 0) {
            out[at++] = '-';
            value = -value;
        }
        int exp = (int) Math.floor(Math.log10(value));
        long mantissa = Math.round(scale(value, digits - 1 - exp));
        if (mantissa >= (long) POW10[digits]) {
            exp++;
            mantissa = Math.round(scale(value, digits - 1 - exp));
        }
        // the mantissa's decimal digits go where most of them stay: after "0.000" for small values, one place
        // right of the start for the exponent form (its first digit moves left of the point), else at the start
        int length = digitCount(mantissa);
        boolean exponent = exp < -5 || exp >= 15;
        int pointAfter = exp + 1;
        int first = exponent ? at + 1 : pointAfter <= 0 ? at + 2 - pointAfter : at;
        writeDigits(out, first, length, mantissa);
        if (exponent) {
            return exponentForm(out, at, length, exp);
        }
        if (pointAfter <= 0) {
            // 0.000ddd: the digits were written after room for "0." and the zeros
            out[at] = '0';
            out[at + 1] = '.';
            for (int i = 0; i < -pointAfter; i++) {
                out[at + 2 + i] = '0';
            }
            return stripZeros(out, first, first + length);
        }
        if (pointAfter >= length) {
            for (int i = length; i < pointAfter; i++) {
                out[first + i] = '0';
            }
            return first + pointAfter;
        }
        int end = stripZeros(out, first + pointAfter, first + length);
        if (end == first + pointAfter) {
            return end;
        }
        System.arraycopy(out, first + pointAfter, out, first + pointAfter + 1, end - first - pointAfter);
        out[first + pointAfter] = '.';
        return end + 1;
    }

    /** d.ddde-XX from the {@code length} mantissa digits at {@code out[at + 1..)}. */
    private static int exponentForm(byte[] out, int at, int length, int exp) {
        out[at] = out[at + 1];
        int end = stripZeros(out, at + 2, at + 1 + length);
        int i = at + 1;
        if (end > at + 2) {
            out[i] = '.';
            i = end;
        }
        out[i++] = 'e';
        out[i++] = (byte) (exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) {
            out[i++] = '0';
        }
        int len = digitCount(a);
        writeDigits(out, i, len, a);
        return i + len;
    }

    /** Infinities and magnitudes below 1e-300 (BigDecimal rounding), through the string path. */
    private static int rare(byte[] out, int at, double value, int digits) {
        String text;
        if (Double.isInfinite(value)) {
            text = value > 0 ? "inf" : "-inf";
        } else {
            StringBuilder sb = new StringBuilder();
            if (value < 0) {
                sb.append('-');
            }
            text = appendTiny(sb, Math.abs(value), digits).toString();
        }
        for (int i = 0; i < text.length(); i++) {
            out[at + i] = (byte) text.charAt(i);
        }
        return at + text.length();
    }

    /** Number of decimal digits of {@code v >= 0}. */
    private static int digitCount(long v) {
        int n = 1;
        while (n < 19 && v >= (long) POW10[n]) {
            n++;
        }
        return n;
    }

    /** Writes the {@code length} decimal digits of {@code v >= 0} at {@code out[at..at+length)}. */
    private static void writeDigits(byte[] out, int at, int length, long v) {
        for (int i = at + length - 1; i >= at; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    /** The end of {@code out[from..end)} without its trailing zeros. */
    private static int stripZeros(byte[] out, int from, int end) {
        while (end > from && out[end - 1] == '0') {
            end--;
        }
        return end;
    }

    /** {@link #appendSignificant} into a new string. */
    public static String significant(double value, int digits) {
        return appendSignificant(new StringBuilder(24), value, digits).toString();
    }

    /** Values near and below the smallest normal double: round the shortest decimal text (as Java's %g does). */
    private static StringBuilder appendTiny(StringBuilder sb, double value, int digits) {
        java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(value))
                .round(new java.math.MathContext(digits));
        long mantissa = d.unscaledValue().longValueExact();
        while (mantissa != 0 && mantissa % 10 == 0) {
            mantissa /= 10;
        }
        int exp = d.precision() - d.scale() - 1;
        String m = Long.toString(mantissa);
        while (m.length() < digits) {
            m += "0";
        }
        return appendExponent(sb, Long.parseLong(m), digits, exp);
    }

    private static double scale(double value, int power) {
        if (power > 300) {
            // 10^power overflows a double beyond 308: scale in two steps
            return value * 1e300 * Math.pow(10, power - 300);
        }
        if (power >= 0) {
            return power < POW10.length ? value * POW10[power] : value * Math.pow(10, power);
        }
        return -power < POW10.length ? value / POW10[-power] : value / Math.pow(10, -power);
    }

    private static StringBuilder appendExponent(StringBuilder sb, long mantissa, int digits, int exp) {
        String m = Long.toString(mantissa);
        sb.append(m.charAt(0));
        String frac = stripZeros(m, 1);
        if (!frac.isEmpty()) {
            sb.append('.').append(frac);
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) {
            sb.append('0');
        }
        return sb.append(a);
    }

    private static String stripZeros(String digits, int from) {
        int end = digits.length();
        while (end > from && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(from, end);
    }
}
