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
}
