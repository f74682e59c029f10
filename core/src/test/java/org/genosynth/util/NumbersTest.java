package org.genosynth.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumbersTest {

    /** |a - b| / |b| of two decimal texts, exactly. */
    private static double relativeDifference(String a, String b) {
        BigDecimal x = new BigDecimal(a);
        BigDecimal y = new BigDecimal(b);
        return x.subtract(y).abs().divide(y.abs(), MathContext.DECIMAL64).doubleValue();
    }

    private static void assertLikePrintf(double v) {
        String ours = Numbers.significant(v, 8);
        String printf = String.format(Locale.ROOT, "%.8g", v);
        String what = v + " (" + Double.toHexString(v) + "): ours '" + ours + "', %.8g '" + printf + "'";
        assertThat(ours).as(what).matches("-?[0-9]+(\\.[0-9]+)?(e[-+][0-9]{2,3})?");
        assertThat(relativeDifference(ours, printf)).as(what).isLessThanOrEqualTo(5e-8);
        if (Math.abs(v) >= Double.MIN_NORMAL) {
            // a subnormal double carries fewer than 8 significant digits: its exact binary value and its shortest
            // decimal text (what %g and we print) legitimately differ beyond the 8th digit
            assertThat(relativeDifference(ours, new BigDecimal(v).toString())).as(what).isLessThanOrEqualTo(5e-8);
        }
        assertThat(Double.parseDouble(ours) < 0).as(what).isEqualTo(v < 0);
        String mantissa = ours.replaceFirst("^-", "").replaceFirst("e.*$", "").replace(".", "")
                .replaceFirst("^0+", "").replaceFirst("0+$", "");
        assertThat(mantissa.length()).as(what + " significant digits").isLessThanOrEqualTo(8);
    }

    @Test
    void appendSignificantAgreesWithPrintfAcrossAllMagnitudes() {
        Random rnd = new Random(8);
        for (int i = 0; i < 20_000; i++) {
            double exponent = -320 + rnd.nextDouble() * 620;
            double v = Math.pow(10, exponent);
            if (v == 0 || Double.isInfinite(v)) {
                continue;
            }
            assertLikePrintf(rnd.nextBoolean() ? v : -v);
        }
    }

    @Test
    void appendSignificantAgreesWithPrintfBetweenOneInATenToThe300AndTheSmallestDouble() {
        // p-values of extreme Hardy-Weinberg departures reach these magnitudes
        for (double v : new double[] {1e-299, 1e-300, 3.1e-301, 1e-302, 1e-305, 1.2345678e-308, 2.2250738585072014E-308,
            1e-310, 1e-320, Double.MIN_VALUE}) {
            assertLikePrintf(v);
        }
    }

    @Test
    void appendSignificantAgreesWithPrintfOnRandomBitPatterns() {
        Random rnd = new Random(9);
        for (int i = 0; i < 20_000; i++) {
            double v = Double.longBitsToDouble(rnd.nextLong());
            if (Double.isNaN(v) || Double.isInfinite(v) || v == 0 || Math.abs(v) < 1e-300) {
                continue;
            }
            assertLikePrintf(v);
        }
    }

    @Test
    void decimalFormBetweenOneInTenThousandAndTenToTheFourteen() {
        Random rnd = new Random(10);
        for (int i = 0; i < 20_000; i++) {
            double v = Math.pow(10, -4.5 + rnd.nextDouble() * 18.5);
            assertThat(Numbers.significant(v, 8)).as("%s", v).doesNotContain("e");
        }
        assertThat(Numbers.significant(0.5, 8)).isEqualTo("0.5");
        assertThat(Numbers.significant(123456789, 8)).isEqualTo("123456790");
        assertThat(Numbers.significant(0.000123456789, 8)).isEqualTo("0.00012345679");
        assertThat(Numbers.significant(1.0, 8)).isEqualTo("1");
        assertThat(Numbers.significant(9.9999999999, 8)).isEqualTo("10");
        assertThat(Numbers.significant(1.5e-20, 8)).isEqualTo("1.5e-20");
        assertThat(Numbers.significant(-2.25, 8)).isEqualTo("-2.25");
    }

    @Test
    void specialValues() {
        assertThat(Numbers.significant(Double.NaN, 8)).isEqualTo("NA");
        assertThat(Numbers.significant(0.0, 8)).isEqualTo("0");
        assertThat(Numbers.significant(-0.0, 8)).isEqualTo("0");
        assertThat(Numbers.significant(Double.POSITIVE_INFINITY, 8)).isEqualTo("inf");
        assertThat(Numbers.significant(Double.NEGATIVE_INFINITY, 8)).isEqualTo("-inf");
        StringBuilder sb = new StringBuilder("x=");
        assertThat(Numbers.appendSignificant(sb, -0.125, 8)).isSameAs(sb);
        assertThat(sb).hasToString("x=-0.125");
    }
}
