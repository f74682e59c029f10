package org.genosynth.assoc;

import org.genosynth.model.Variant;

/**
 * The association result of one variant (tested allele A1 = ALT). Statistics are NaN when the variant could not be
 * tested (constant genotype among the samples used, or a singular fit).
 *
 * @param variant  the variant
 * @param a1Freq   ALT allele frequency over the samples used
 * @param obsCount samples used (non-missing genotype, phenotype and covariates)
 * @param beta     effect per ALT allele (log odds for logistic)
 * @param se       standard error of {@code beta}
 * @param log10p   log10 of the two-sided p-value
 * @param firth    true when the logistic fit fell back to Firth's penalized likelihood
 */
public record AssocRow(Variant variant, double a1Freq, int obsCount, double beta, double se, double log10p,
                       boolean firth) implements java.io.Serializable {
    /** An untested variant. */
    public static AssocRow untested(Variant v, double a1Freq, int obsCount) {
        return new AssocRow(v, a1Freq, obsCount, Double.NaN, Double.NaN, Double.NaN, false);
    }

    /** True when a p-value was computed. */
    public boolean tested() {
        return !Double.isNaN(log10p);
    }
}
