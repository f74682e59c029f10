package org.genosynth.qc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link HardyWeinberg#exactP} against an independent brute force in exact integer arithmetic: with {@code n}
 * genotypes, {@code r} copies of the rarer allele and {@code h} heterozygotes, the weight
 * {@code n! / (homRare! h! homCommon!) * 2^h} is an integer proportional to P(h); the p-value is the sum of the
 * weights no larger than the observed one (1e-9 relative tie tolerance), divided by the sum of all weights.
 */
class HardyWeinbergTest {
    private static final double RELATIVE = 1e-9;
    private static final double UNDERFLOW = 1e-300;
    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger BILLION_PLUS_ONE = BILLION.add(BigInteger.ONE);

    /** Every possible heterozygote count of one (n, rare) with its exact integer weight. */
    private record Support(int minHets, BigInteger[] weights, BigInteger total) {
        BigInteger weight(int hets) {
            return weights[(hets - minHets) / 2];
        }

        double p(int hets) {
            BigInteger observed = weight(hets).multiply(BILLION_PLUS_ONE);
            BigInteger sum = BigInteger.ZERO;
            for (BigInteger w : weights) {
                if (w.multiply(BILLION).compareTo(observed) <= 0) {
                    sum = sum.add(w);
                }
            }
            return new BigDecimal(sum).divide(new BigDecimal(total), MathContext.DECIMAL128).doubleValue();
        }
    }

    private static Support support(int n, int rare) {
        int common = 2 * n - rare;
        int minHets = rare & 1;
        int homRare = (rare - minHets) / 2;
        int homCommon = n - minHets - homRare;
        BigInteger w = factorial(n).divide(factorial(homRare).multiply(factorial(minHets)).multiply(factorial(homCommon)))
                .shiftLeft(minHets);
        List<BigInteger> ws = new ArrayList<>();
        BigInteger total = BigInteger.ZERO;
        for (int h = minHets; h <= rare; h += 2) {
            if (h > minHets) {
                // w(h) = w(h-2) * 4 homRare homCommon / (h (h-1)), with the counts at h-2: exact in integers
                BigInteger num = w.multiply(BigInteger.valueOf(4L * homRare * homCommon));
                BigInteger[] qr = num.divideAndRemainder(BigInteger.valueOf((long) h * (h - 1)));
                if (qr[1].signum() != 0) {
                    throw new AssertionError("weight not an integer");
                }
                w = qr[0];
                homRare--;
                homCommon--;
            }
            ws.add(w);
            total = total.add(w);
        }
        if (common < rare) {
            throw new AssertionError("rare allele is the more common one");
        }
        return new Support(minHets, ws.toArray(new BigInteger[0]), total);
    }

    private static BigInteger factorial(int n) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return f;
    }

    /** The brute-force p-value of one triple. */
    static double bruteForce(int hets, int homs1, int homs2) {
        int n = hets + homs1 + homs2;
        int rare = 2 * Math.min(homs1, homs2) + hets;
        if (n == 0 || rare == 0) {
            return 1.0;
        }
        return support(n, rare).p(hets);
    }

    private static void assertClose(int hets, int homs1, int homs2, double expected) {
        double actual = HardyWeinberg.exactP(hets, homs1, homs2);
        String what = "exactP(hets=" + hets + ", homs1=" + homs1 + ", homs2=" + homs2 + ") = " + actual
                + ", brute force " + expected;
        if (expected < UNDERFLOW) {
            assertThat(Math.abs(actual - expected)).as(what).isLessThanOrEqualTo(UNDERFLOW);
        } else {
            assertThat(Math.abs(actual - expected) / expected).as(what).isLessThanOrEqualTo(RELATIVE);
        }
    }

    @Test
    void everyTripleUpToSixtyGenotypes() {
        Map<Long, Support> cache = new HashMap<>();
        for (int n = 1; n <= 60; n++) {
            for (int hets = 0; hets <= n; hets++) {
                for (int homs1 = 0; homs1 <= n - hets; homs1++) {
                    int homs2 = n - hets - homs1;
                    int rare = 2 * Math.min(homs1, homs2) + hets;
                    double expected = rare == 0 ? 1.0
                            : cache.computeIfAbsent((long) n << 32 | rare, k -> support((int) (k >>> 32), (int) (long) k))
                                    .p(hets);
                    assertClose(hets, homs1, homs2, expected);
                }
            }
        }
    }

    @Test
    void randomTriplesNearEquilibriumUpToFiveThousand() {
        // counts drawn under HWE (and mild departures): p-values across (0, 1], where complement sums lose digits
        Random rnd = new Random(20051);
        for (int rep = 0; rep < 300; rep++) {
            int n = 1 + rnd.nextInt(5000);
            double q = rep % 3 == 0 ? rnd.nextDouble() * 0.05 : rnd.nextDouble() * 0.5;
            double inbreeding = rep % 4 == 0 ? (rnd.nextDouble() - 0.5) * 0.2 : 0;
            double pHet = 2 * q * (1 - q) * (1 - inbreeding);
            double pHom2 = q * q + inbreeding * q * (1 - q);
            int hets = 0;
            int homs2 = 0;
            for (int i = 0; i < n; i++) {
                double u = rnd.nextDouble();
                if (u < pHet) {
                    hets++;
                } else if (u < pHet + pHom2) {
                    homs2++;
                }
            }
            int homs1 = n - hets - homs2;
            assertClose(hets, homs1, homs2, bruteForce(hets, homs1, homs2));
        }
    }

    @Test
    void randomTriplesAnywhereUpToFiveThousand() {
        Random rnd = new Random(2005);
        for (int rep = 0; rep < 200; rep++) {
            int n = 1 + rnd.nextInt(5000);
            int hets = rnd.nextInt(n + 1);
            int homs1 = rnd.nextInt(n - hets + 1);
            int homs2 = n - hets - homs1;
            assertClose(hets, homs1, homs2, bruteForce(hets, homs1, homs2));
        }
    }

    @Test
    void extremeDeparturesBelowOneInATenToTheHundred() {
        int[][] triples = {
            {0, 200, 200}, {0, 300, 150}, {2, 250, 249}, {10, 400, 390}, {0, 500, 10}, {700, 0, 0}, {699, 1, 0},
            {1000, 3, 3}, {0, 250, 251}, {5, 1000, 400}, {3000, 1000, 1000}, {0, 2500, 2500}, {4000, 1, 999}};
        int checkedInRange = 0;
        for (int[] t : triples) {
            double expected = bruteForce(t[0], t[1], t[2]);
            if (expected > 0 && expected < 1e-100) {
                checkedInRange++;
            }
            assertClose(t[0], t[1], t[2], expected);
        }
        assertThat(checkedInRange).as("triples whose exact p is in (0, 1e-100)").isGreaterThanOrEqualTo(5);
    }

    @Test
    void edgeCases() {
        assertThat(HardyWeinberg.exactP(0, 0, 0)).isEqualTo(1.0);
        assertThat(HardyWeinberg.exactP(0, 17, 0)).isEqualTo(1.0);
        assertThat(HardyWeinberg.exactP(0, 0, 4000)).isEqualTo(1.0);
        assertThat(HardyWeinberg.exactP(1, 0, 0)).isEqualTo(1.0);
        assertThat(HardyWeinberg.exactP(1, 1000, 0)).isEqualTo(1.0);
        // symmetric in the two homozygote classes
        assertThat(HardyWeinberg.exactP(13, 40, 7)).isEqualTo(HardyWeinberg.exactP(13, 7, 40));
        assertThatThrownBy(() -> HardyWeinberg.exactP(-1, 2, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bruteForceSanity() {
        // n = 2, one copy of each allele in total... hets=2 with rare=2: P(h=0)=1/3, P(h=2)=2/3
        assertThat(bruteForce(2, 0, 0)).isEqualTo(1.0);
        assertThat(bruteForce(0, 1, 1)).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-15));
    }

    /**
     * Graffelman and Weir's chromosome X test by enumerating every table with the observed allele total, in
     * BigDecimal: weight 2^h / (m1! m2! h! hom1! hom2!) (the factors shared by every table dropped); ties within
     * 1e-9 relative count, as in the tested code.
     */
    private static double bruteForceX(int fh, int f1, int f2, int m1, int m2) {
        int nf = fh + f1 + f2;
        int nm = m1 + m2;
        int a = 2 * f1 + fh + m1;
        java.math.MathContext mc = new java.math.MathContext(60);
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        java.util.List<java.math.BigDecimal> weights = new java.util.ArrayList<>();
        java.math.BigDecimal observed = null;
        for (int r = 0; r <= nm; r++) {
            int fa = a - r;
            if (fa < 0 || fa > 2 * nf) {
                continue;
            }
            for (int h = fa & 1; h <= Math.min(fa, 2 * nf - fa); h += 2) {
                int hom1 = (fa - h) / 2;
                int hom2 = nf - h - hom1;
                java.math.BigDecimal w = java.math.BigDecimal.valueOf(2).pow(h).divide(new java.math.BigDecimal(
                        fact(r).multiply(fact(nm - r)).multiply(fact(h)).multiply(fact(hom1)).multiply(fact(hom2))),
                        mc);
                weights.add(w);
                total = total.add(w);
                if (r == m1 && h == fh) {
                    observed = w;
                }
            }
        }
        java.math.BigDecimal limit = observed.multiply(java.math.BigDecimal.valueOf(1 + 1e-9));
        java.math.BigDecimal tail = java.math.BigDecimal.ZERO;
        for (java.math.BigDecimal w : weights) {
            if (w.compareTo(limit) <= 0) {
                tail = tail.add(w);
            }
        }
        return tail.divide(total, mc).doubleValue();
    }

    private static java.math.BigInteger fact(int n) {
        java.math.BigInteger f = java.math.BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            f = f.multiply(java.math.BigInteger.valueOf(i));
        }
        return f;
    }

    @Test
    void chromosomeXTestEqualsEveryTableEnumerated() {
        Random rnd = new Random(2016);
        int checked = 0;
        int small = 0;
        for (int rep = 0; rep < 300; rep++) {
            int nf = rnd.nextInt(60);
            int nm = 1 + rnd.nextInt(60);
            double p = rnd.nextDouble();
            // mild or strong departures: females drawn with a heterozygote share apart from 2pq, males at their own p
            double het = rnd.nextBoolean() ? 2 * p * (1 - p) : rnd.nextDouble();
            int fh = 0;
            int f1 = 0;
            for (int i = 0; i < nf; i++) {
                double u = rnd.nextDouble();
                if (u < het) {
                    fh++;
                } else if (rnd.nextDouble() < p) {
                    f1++;
                }
            }
            double pm = rnd.nextBoolean() ? p : rnd.nextDouble();
            int m1 = 0;
            for (int i = 0; i < nm; i++) {
                m1 += rnd.nextDouble() < pm ? 1 : 0;
            }
            int f2 = nf - fh - f1;
            double expected = bruteForceX(fh, f1, f2, m1, nm - m1);
            double actual = HardyWeinberg.exactXP(fh, f1, f2, m1, nm - m1);
            assertThat(actual).as("%d/%d/%d, males %d/%d", fh, f1, f2, m1, nm - m1)
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9 * expected + 1e-300));
            checked++;
            small += expected < 1e-6 ? 1 : 0;
        }
        assertThat(checked).isEqualTo(300);
        assertThat(small).as("tables far in the tails").isGreaterThan(20);
        // without males it is the autosomal test; a symmetric table ties with its mirror image
        assertThat(HardyWeinberg.exactXP(13, 40, 7, 0, 0)).isEqualTo(HardyWeinberg.exactP(13, 40, 7));
        assertThat(HardyWeinberg.exactXP(10, 20, 20, 15, 15)).isCloseTo(bruteForceX(10, 20, 20, 15, 15),
                org.assertj.core.data.Offset.offset(1e-12));
    }
}
