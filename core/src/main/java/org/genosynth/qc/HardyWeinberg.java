package org.genosynth.qc;

/**
 * The Hardy–Weinberg exact test of Wigginton, Cutler &amp; Abecasis (2005): the probability, under HWE given the allele
 * counts, of a heterozygote count no more likely than the one observed (ties within 1e-9 relative count as equal).
 *
 * <p>The distribution of the heterozygote count is log-concave, so the counts more likely than the observed one form
 * one interval {@code [a, b]}; one end is next to the observed count, the other is found by stepping from the mirror
 * image of the observed count on the log probability (log-factorials by Stirling's series). When the observed count is not far in a tail (p at least 0.05), the p-value is
 * {@code 1 - P([a, b])}, summed by Wigginton's recurrences across the short interval; otherwise the two tails are
 * summed outward from {@code a} and {@code b} until the remaining terms cannot matter. Both need O(|obs - mode|) or
 * fewer steps instead of a walk over the whole support, with relative error far below 1e-9.
 */
public final class HardyWeinberg {
    /** Relative tolerance under which two configuration probabilities count as tied (floating-point noise). */
    private static final double TIE_TOLERANCE = 1e-9;
    /** {@code Math.log1p(TIE_TOLERANCE)}, computed once. */
    private static final double LOG_TIE = Math.log1p(TIE_TOLERANCE);
    /** {@code Math.log(2)}, computed once. */
    private static final double LOG_2 = Math.log(2);
    /** Below this probability ratio to the mode, tails are summed directly instead of by complement. */
    private static final double LOG_COMPLEMENT_LIMIT = Math.log(1e-4);
    /** Smallest p-value taken from the complement (its absolute error, ~1e-11, stays below 1e-9 relative). */
    private static final double COMPLEMENT_MIN_P = 0.05;
    /** Relative size of a term at which a tail walk stops. */
    private static final double NEGLIGIBLE = 1e-13;

    private HardyWeinberg() {
    }

    /** Exact HWE p-value for the given genotype counts; 1 when no genotype is observed. */
    public static double exactP(int hets, int homs1, int homs2) {
        if (hets < 0 || homs1 < 0 || homs2 < 0) {
            throw new IllegalArgumentException("negative genotype count");
        }
        Site site = new Site(hets, homs1, homs2);
        if (site.genotypes == 0 || site.rare == 0) {
            return 1.0;
        }
        int mid = site.mode();
        double logObserved = site.logP(hets);
        double logMode = site.logP(mid);
        double logLimit = logObserved + LOG_TIE;
        if (logMode <= logLimit) {
            return 1.0;
        }
        int a;
        int b;
        if (hets < mid) {
            a = site.firstAbove(hets, logLimit, 2);
            b = site.lastAbove(mid, site.maxHets(), logLimit, 2 * mid - hets);
        } else {
            b = site.firstAbove(hets, logLimit, -2);
            a = site.lastAbove(mid, site.minHets(), logLimit, 2 * mid - hets);
        }
        if (logObserved - logMode > LOG_COMPLEMENT_LIMIT) {
            double complement = 1.0 - site.sumInterval(a, b);
            if (complement >= COMPLEMENT_MIN_P) {
                return Math.min(1.0, complement);
            }
        }
        return Math.min(1.0, site.sumTail(a - 2, -2) + site.sumTail(b + 2, 2));
    }

    /** Log of the smallest term, relative to the observed table's probability, that a sum keeps. */
    private static final double LOG_NEGLIGIBLE_TABLE = Math.log(1e-30);
    /** Log of the smallest row mass, relative to the largest row's, that the total keeps. */
    private static final double LOG_NEGLIGIBLE_ROW = Math.log(1e-17);

    /**
     * The exact test for chromosome X of Graffelman &amp; Weir (2016), as plink2 {@code --hardy} writes it to
     * {@code .hardy.x} and {@code --hwe} applies it there: females diploid, males hemizygous (heterozygous male calls
     * left out before), one allele frequency for both sexes. Given the allele counts, a table (males carrying allele
     * 1, females' heterozygotes) has probability proportional to {@code 2^fhets / (m1! m2! fhets! fhom1! fhom2!)}; the
     * p-value sums the tables no more likely than the observed one (ties within 1e-9 relative). Each row of tables (a
     * number of males carrying allele 1) is the autosomal test's distribution over the females' heterozygotes scaled
     * by the row's mass, which has a closed form, so only the rows whose most likely table is more likely than the
     * observed one are walked, from where their tables cross the observed probability outward; the rows are visited
     * outward from the most massive one until the rest cannot matter. Without males it is {@link #exactP}.
     */
    public static double exactXP(int femaleHets, int femaleHoms1, int femaleHoms2, int males1, int males2) {
        if (femaleHets < 0 || femaleHoms1 < 0 || femaleHoms2 < 0 || males1 < 0 || males2 < 0) {
            throw new IllegalArgumentException("negative genotype count");
        }
        if (males1 + males2 == 0) {
            return exactP(femaleHets, femaleHoms1, femaleHoms2);
        }
        XTables x = new XTables(femaleHets + femaleHoms1 + femaleHoms2, males1 + males2,
                2 * femaleHoms1 + femaleHets + males1);
        return x.p(males1, femaleHets);
    }

    /** The tables of one chromosome X variant with fixed female and male counts and allele-1 total. */
    private static final class XTables {
        final int females;
        final int males;
        final int alleles1;
        final int lowRow;
        final int highRow;

        XTables(int females, int males, int alleles1) {
            this.females = females;
            this.males = males;
            this.alleles1 = alleles1;
            this.lowRow = Math.max(0, alleles1 - 2 * females);
            this.highRow = Math.min(males, alleles1);
        }

        /** Log mass of the row where {@code r} males carry allele 1 (up to a constant shared by all rows). */
        double rowLog(int r) {
            int f1 = alleles1 - r;
            return -logFactorial(r) - logFactorial(males - r) - logFactorial(f1) - logFactorial(2 * females - f1);
        }

        /** The females' heterozygote distribution of row {@code r}. */
        Site row(int r) {
            int f1 = alleles1 - r;
            return new Site(females, Math.min(f1, 2 * females - f1));
        }

        double p(int observedRow, int observedHets) {
            if (lowRow == highRow || females == 0) {
                return 1.0;
            }
            double logObserved = rowLog(observedRow) + row(observedRow).logP(observedHets);
            double limit = logObserved + LOG_TIE;
            int top = (int) Math.max(lowRow, Math.min(highRow, Math.round((double) alleles1 * males
                    / (2.0 * females + males))));
            while (top < highRow && rowLog(top + 1) > rowLog(top)) {
                top++;
            }
            while (top > lowRow && rowLog(top - 1) > rowLog(top)) {
                top--;
            }
            double logTop = rowLog(top);
            double tail = 0;   // in units of the observed table's probability
            double mass = 0;   // in units of the top row's mass
            for (int step = 1; step >= -1; step -= 2) {
                for (int r = step > 0 ? top : top - 1; r >= lowRow && r <= highRow; r += step) {
                    double rowLog = rowLog(r);
                    mass += Math.exp(rowLog - logTop);
                    tail += rowTail(r, rowLog, logObserved, limit);
                    if (rowLog - logTop < LOG_NEGLIGIBLE_ROW && rowLog - logObserved < LOG_NEGLIGIBLE_TABLE) {
                        break;
                    }
                }
            }
            return Math.min(1.0, Math.exp(Math.log(tail) + logObserved - logTop - Math.log(mass)));
        }

        /** The row's tables at most {@code limit}, summed in units of the observed table's probability. */
        private double rowTail(int r, double rowLog, double logObserved, double limit) {
            Site site = row(r);
            double rowLimit = limit - rowLog;
            int mid = site.mode();
            if (site.logP(mid) <= rowLimit) {
                return Math.exp(rowLog - logObserved);   // every table of the row, each at most the observed one
            }
            int a = site.lastAbove(mid, site.minHets(), rowLimit, mid);
            int b = site.lastAbove(mid, site.maxHets(), rowLimit, mid);
            double shift = rowLog - logObserved;
            // in units of the observed table, which the p-value counts somewhere: terms below 1e-30 cannot matter
            return site.walk(a - 2, -2, shift, 1e-30) + site.walk(b + 2, 2, shift, 1e-30);
        }
    }

    /** Allele and genotype counts of one variant, with log probabilities of heterozygote counts. */
    private static final class Site {
        final int genotypes;
        final int rare;
        final double logConstant;

        Site(int hets, int homs1, int homs2) {
            this(hets + homs1 + homs2, 2 * Math.min(homs1, homs2) + hets);
        }

        /** {@code genotypes} genotypes carrying {@code rare} copies of the rarer allele. */
        Site(int genotypes, int rare) {
            this.genotypes = genotypes;
            this.rare = rare;
            int common = 2 * genotypes - rare;
            logConstant = logFactorial(genotypes) + logFactorial(rare) + logFactorial(common)
                    - logFactorial(2 * genotypes);
        }

        /**
         * {@code exp(shift) * (P(h) + P(h + step) + ...)} while terms matter: relative to the walk's sum, and below
         * {@code floor} (in the caller's unit; 0: no floor).
         */
        double walk(int h, int step, double shift, double floor) {
            if (h < minHets() || h > maxHets()) {
                return 0;
            }
            double p = Math.exp(shift + logP(h));
            double sum = p;
            while (true) {
                if (step > 0 ? h + 2 > maxHets() : h - 2 < minHets()) {
                    return sum;
                }
                p *= step > 0 ? ratioUp(h) : ratioDown(h);
                h += step;
                sum += p;
                if (p < NEGLIGIBLE * sum || p < floor) {
                    return sum;
                }
            }
        }

        int minHets() {
            return rare & 1;
        }

        int maxHets() {
            return rare;
        }

        /** The most likely heterozygote count. */
        int mode() {
            int mid = (int) ((long) rare * (2L * genotypes - rare) / (2L * genotypes));
            if ((mid & 1) != (rare & 1)) {
                mid++;
            }
            mid = Math.min(mid, rare);
            // the closed form is Wigginton's starting point; the true mode can be a step away
            while (mid + 2 <= rare && mid + 2 <= genotypes && ratioUp(mid) > 1) {
                mid += 2;
            }
            while (mid - 2 >= minHets() && ratioUp(mid - 2) < 1) {
                mid -= 2;
            }
            return mid;
        }

        /** Natural log of P(h heterozygotes | allele counts). */
        double logP(int h) {
            int homRare = (rare - h) / 2;
            int homCommon = genotypes - h - homRare;
            return logConstant - logFactorial(homRare) - logFactorial(h) - logFactorial(homCommon)
                    + h * LOG_2;
        }

        /** From {@code h} (not above the limit) step towards the mode to the first count above the limit. */
        int firstAbove(int h, double logLimit, int step) {
            int x = h + step;
            while (logP(x) <= logLimit) {
                x += step;
            }
            return x;
        }

        /**
         * The count farthest from {@code mid} towards {@code end} that is still above the limit. Starts from
         * {@code guess} (the mirror image of the observed count, exact for a symmetric distribution) and steps
         * outward or inward; log-concavity makes the first crossing the only one.
         */
        int lastAbove(int mid, int end, double logLimit, int guess) {
            int step = end > mid ? 2 : -2;
            int x = Math.max(minHets(), Math.min(maxHets(), guess));
            if ((x & 1) != (rare & 1)) {
                x += x + 1 <= maxHets() ? 1 : -1;
            }
            if (step > 0 ? x < mid : x > mid) {
                x = mid;
            }
            if (logP(x) > logLimit) {
                while (x != end && logP(x + step) > logLimit) {
                    x += step;
                }
                return x;
            }
            while (logP(x) <= logLimit) {
                x -= step;
            }
            return x;
        }

        /** P(a <= h <= b), by Wigginton's recurrence from P(a), Kahan-summed. */
        double sumInterval(int a, int b) {
            double p = Math.exp(logP(a));
            double sum = p;
            double lost = 0;
            for (int h = a; h < b; h += 2) {
                p *= ratioUp(h);
                double y = p - lost;
                double t = sum + y;
                lost = (t - sum) - y;
                sum = t;
            }
            return sum;
        }

        /** P(h) + P(h + step) + ... while terms matter. */
        double sumTail(int h, int step) {
            return walk(h, step, 0, 0);
        }

        /** P(h - 2) / P(h), one division. */
        double ratioDown(int h) {
            double homRare = (rare - h) / 2;
            double homCommon = genotypes - h - homRare;
            return h * (h - 1.0) / (4.0 * (homRare + 1.0) * (homCommon + 1.0));
        }

        /** P(h + 2) / P(h). */
        double ratioUp(int h) {
            double homRare = (rare - h) / 2;
            double homCommon = genotypes - h - homRare;
            return 4.0 * homRare * homCommon / ((h + 2.0) * (h + 1.0));
        }
    }

    private static final double[] SMALL_LOG_FACTORIALS = new double[256];

    static {
        for (int i = 1; i < SMALL_LOG_FACTORIALS.length; i++) {
            SMALL_LOG_FACTORIALS[i] = SMALL_LOG_FACTORIALS[i - 1] + Math.log(i);
        }
    }

    /** ln(n!) exactly summed below 256, by Stirling's series above (relative error below 1e-16). */
    static double logFactorial(int n) {
        if (n < SMALL_LOG_FACTORIALS.length) {
            return SMALL_LOG_FACTORIALS[n];
        }
        double x = n;
        double inv = 1.0 / x;
        double inv2 = inv * inv;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x)
                + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
    }
}
