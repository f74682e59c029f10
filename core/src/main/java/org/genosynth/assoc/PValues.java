package org.genosynth.assoc;

import org.hipparchus.special.Beta;
import org.hipparchus.special.Erf;

/**
 * Two-sided p-values of t and z statistics computed as {@code log10(p)}, accurate far below the smallest double
 * (the regularized incomplete beta function by its continued fraction in log space; the normal tail by erfc or its
 * asymptotic series). Returns NaN for a NaN statistic.
 */
public final class PValues {
    private static final double LN10 = Math.log(10);
    private static final double LOG_SQRT_PI = 0.5 * Math.log(Math.PI);

    private PValues() {
    }

    /** {@code log10} of the two-sided p-value of Student's t with {@code df} degrees of freedom. */
    public static double log10TwoSidedT(double t, double df) {
        if (Double.isNaN(t) || !(df > 0)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return Double.NEGATIVE_INFINITY;
        }
        double t2 = t * t;
        // p = I_x(df/2, 1/2) with x = df / (df + t^2); 1 - x computed without cancellation
        double x = df / (df + t2);
        double oneMinusX = t2 / (df + t2);
        double a = df / 2;
        double b = 0.5;
        if (x < (a + 1) / (a + b + 2)) {
            return lnIncompleteBetaSmallX(x, oneMinusX, a, b) / LN10;
        }
        // x near 1: p = 1 - I_{1-x}(b, a), not small
        double q = Math.exp(lnIncompleteBetaSmallX(oneMinusX, x, b, a));
        return Math.log10(Math.max(0, 1 - q));
    }

    /** {@code log10} of the two-sided p-value of a standard normal statistic. */
    public static double log10TwoSidedZ(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        double x = Math.abs(z) / Math.sqrt(2);
        if (Double.isInfinite(x)) {
            return Double.NEGATIVE_INFINITY;
        }
        if (x < 20) {
            return Math.log10(Erf.erfc(x));
        }
        double x2 = x * x;
        double inv = 1 / (2 * x2);
        // erfc(x) ~ exp(-x^2) / (x sqrt(pi)) * (1 - 1/(2x^2) + 3/(2x^2)^2 - 15/(2x^2)^3 + 105/(2x^2)^4)
        double series = 1 - inv + 3 * inv * inv - 15 * inv * inv * inv + 105 * inv * inv * inv * inv;
        return (-x2 - Math.log(x) - LOG_SQRT_PI + Math.log(series)) / LN10;
    }

    /** p from its log10, 0 when it underflows. */
    public static double fromLog10(double log10p) {
        return Math.pow(10, log10p);
    }

    /**
     * Appends a p-value given as log10 with {@code digits} significant digits: as a plain number down to 1e-300, in
     * exponent form ({@code 1.2345e-412}) below, where a double cannot hold it.
     */
    public static StringBuilder appendP(StringBuilder sb, double log10p, int digits) {
        if (Double.isNaN(log10p)) {
            return sb.append("NA");
        }
        if (log10p >= -300) {
            return org.genosynth.util.Numbers.appendSignificant(sb, Math.min(1, fromLog10(log10p)), digits);
        }
        if (Double.isInfinite(log10p)) {
            return sb.append('0');
        }
        double e = Math.floor(log10p);
        double mantissa = Math.pow(10, log10p - e);
        String m = org.genosynth.util.Numbers.significant(mantissa, digits);
        if (m.startsWith("10")) {
            e += 1;
            m = org.genosynth.util.Numbers.significant(mantissa / 10, digits);
        }
        return sb.append(m).append('e').append((long) e);
    }

    /** ln I_x(a, b) for x below the mean (a+1)/(a+b+2), where the continued fraction converges quickly. */
    private static double lnIncompleteBetaSmallX(double x, double oneMinusX, double a, double b) {
        if (x <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double lnFront = a * Math.log(x) + b * Math.log(oneMinusX) - Beta.logBeta(a, b) - Math.log(a);
        return lnFront + Math.log(continuedFraction(x, a, b));
    }

    /** Lentz's evaluation of the continued fraction of the incomplete beta function (Numerical Recipes' betacf). */
    private static double continuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-16) {
                break;
            }
        }
        return h;
    }
}
