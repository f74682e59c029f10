package org.genosynth.spike;

import java.util.List;

/**
 * How the carriers of one spiked variant are chosen. Exactly one way applies: explicit {@code samples}; carrier
 * counts or frequencies in cases and controls (frequencies become {@code round(f x group size)} carriers); a target
 * odds ratio with the control carrier frequency; or carriers anywhere in the cohort ({@code carriers}, a count or a
 * frequency).
 *
 * @param samples       explicit carrier IDs, or null
 * @param cases         case carriers: a frequency (&lt; 1) or a count (&gt;= 1), or NaN
 * @param controls      control carriers: frequency or count, or NaN
 * @param oddsRatio     target carrier odds ratio (cases vs controls), or NaN
 * @param carriers      carriers anywhere in the cohort: frequency or count, or NaN
 * @param homFraction   share of carriers made homozygous (0 = all het, 1 = all hom)
 * @param phase         0 = random haplotype for hets, 1 or 2 = always that haplotype
 */
public record CarrierRule(List<String> samples, double cases, double controls, double oddsRatio, double carriers,
                          double homFraction, int phase) {

    /** True when the rule needs the case/control phenotype. */
    public boolean needsPhenotype() {
        return !Double.isNaN(cases) || !Double.isNaN(controls) || !Double.isNaN(oddsRatio);
    }

    /** Number of carriers out of a group of {@code n}: counts as given, frequencies rounded. */
    static int count(double value, int n) {
        if (Double.isNaN(value)) {
            return 0;
        }
        return value < 1 ? (int) Math.round(value * n) : (int) Math.round(value);
    }

    /** The case carrier frequency that gives odds ratio {@code or} against control frequency {@code p0}. */
    static double caseFrequency(double or, double p0) {
        return or * p0 / (1 - p0 + or * p0);
    }
}
