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

    /**
     * Appends {@code value} with {@code digits} significant digits (1..15), trailing zeros dropped, like C's
     * {@code %.<digits>g} but never in exponent form between 1e-5 and 1e15. NaN is written as {@code NA}.
     */
    public static StringBuilder appendSignificant(StringBuilder sb, double value, int digits) {
        if (Double.isNaN(value)) {
            return sb.append("NA");
        }
        if (Double.isInfinite(value)) {
            return sb.append(value > 0 ? "inf" : "-inf");
        }
        if (value == 0) {
            return sb.append('0');
        }
        if (value < 0) {
            sb.append('-');
            value = -value;
        }
        if (value < 1e-300) {
            return appendTiny(sb, value, digits);
        }
        int exp = (int) Math.floor(Math.log10(value));
        long mantissa = Math.round(scale(value, digits - 1 - exp));
        if (mantissa >= (long) POW10[digits]) {
            exp++;
            mantissa = Math.round(scale(value, digits - 1 - exp));
        }
        if (exp < -5 || exp >= 15) {
            return appendExponent(sb, mantissa, digits, exp);
        }
        String m = Long.toString(mantissa);
        int pointAfter = exp + 1;
        if (pointAfter <= 0) {
            sb.append("0.");
            for (int i = 0; i < -pointAfter; i++) {
                sb.append('0');
            }
            return sb.append(stripZeros(m, 0));
        }
        if (pointAfter >= m.length()) {
            sb.append(m);
            for (int i = m.length(); i < pointAfter; i++) {
                sb.append('0');
            }
            return sb;
        }
        sb.append(m, 0, pointAfter);
        String frac = stripZeros(m, pointAfter);
        if (!frac.isEmpty()) {
            sb.append('.').append(frac);
        }
        return sb;
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
