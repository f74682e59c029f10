package org.genosynth.pheno;

import java.util.List;
import java.util.Map;
import org.genosynth.io.InputException;

/**
 * What to simulate. Variance shares are of the liability (the quantitative trait) in the sample:
 * {@code y = sqrt(h2Causal) G + sqrt(h2 - h2Causal) U + sqrt(covarVariance) C + sqrt(1 - h2 - covarVariance) E}, every
 * component centred and scaled to unit sample variance.
 *
 * @param causalCount     number of causal SNPs (used when {@code causalFraction} and {@code causalIds} are not set)
 * @param causalFraction  fraction of the eligible SNPs that are causal, or NaN
 * @param causalIds       causal SNP IDs (with optional fixed per-allele effects, NaN = draw), or null
 * @param minCausalFreq   causal SNPs are drawn among SNPs with minor allele frequency at least this
 * @param alpha           frequency-dependent effects: per-allele effect variance {@code [p(1-p)]^alpha}; NaN = normal
 *                        effects on standardized genotypes (the same as alpha = -1)
 * @param h2              SNP heritability (causal SNPs plus background)
 * @param h2Causal        the part of {@code h2} from the causal SNPs; {@code h2 - h2Causal} comes from the
 *                        infinitesimal background {@code U ~ N(0, GRM)}
 * @param covarVariance   share of the covariates' effects
 * @param simulatedCovariates number of standard normal covariates to simulate (when no covariate table is given)
 * @param traits          number of traits
 * @param geneticCorrelation correlation of causal effects and background between any two traits
 * @param noiseCorrelation   correlation of the noise between any two traits
 * @param prevalence      binary traits: fraction of cases by a liability threshold, or NaN
 * @param cases           binary traits with exact counts: number of cases (with {@code controls}), or -1
 * @param controls        number of controls, or -1
 * @param seed            random seed
 */
public record PhenoSettings(int causalCount, double causalFraction, Map<String, Double> causalIds,
                            double minCausalFreq, double alpha, double h2, double h2Causal, double covarVariance,
                            int simulatedCovariates, int traits, double geneticCorrelation, double noiseCorrelation,
                            double prevalence, int cases, int controls, long seed) {
    public PhenoSettings {
        causalIds = causalIds == null ? null : Map.copyOf(causalIds);
        check(h2 >= 0 && h2 <= 1, "--h2 must be in [0, 1], got " + h2);
        check(h2Causal >= 0 && h2Causal <= h2 + 1e-12, "--h2-causal must be in [0, h2], got " + h2Causal);
        check(covarVariance >= 0 && h2 + covarVariance <= 1 + 1e-12,
                "--covar-var must be >= 0 and h2 + covar-var <= 1, got " + covarVariance);
        check(traits >= 1, "--traits must be at least 1");
        check(Math.abs(geneticCorrelation) <= 1 && Math.abs(noiseCorrelation) <= 1,
                "correlations must be in [-1, 1]");
        check(traits < 2 || geneticCorrelation >= -1.0 / (traits - 1) && noiseCorrelation >= -1.0 / (traits - 1),
                "with " + traits + " traits a common correlation must be at least -1/(traits-1)");
        check(Double.isNaN(prevalence) || prevalence > 0 && prevalence < 1, "--prevalence must be in (0, 1)");
        check((cases < 0) == (controls < 0), "--cases and --controls go together");
        check(cases < 0 || cases > 0 && controls > 0, "--cases and --controls must be positive");
        check(Double.isNaN(causalFraction) || causalFraction > 0 && causalFraction <= 1,
                "--causal-fraction must be in (0, 1]");
        check(causalCount >= 0, "--causal must be >= 0");
        check(minCausalFreq >= 0 && minCausalFreq < 0.5, "--causal-maf must be in [0, 0.5)");
        check(simulatedCovariates >= 0, "--sim-covariates must be >= 0");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw InputException.usage(message);
        }
    }

    /** True when the traits are binary. */
    public boolean binary() {
        return !Double.isNaN(prevalence) || cases >= 0;
    }

    /** Share of the background. */
    public double h2Background() {
        return Math.max(0, h2 - h2Causal);
    }

    /** Share of the noise. */
    public double noiseVariance() {
        return Math.max(0, 1 - h2 - covarVariance);
    }

    /** Names of the trait columns. */
    public List<String> traitNames(String prefix) {
        return java.util.stream.IntStream.rangeClosed(1, traits).mapToObj(t -> prefix + t).toList();
    }
}
