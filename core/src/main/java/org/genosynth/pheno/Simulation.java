package org.genosynth.pheno;

import java.util.List;

/**
 * Simulated traits and their truth.
 *
 * @param traitNames     trait column names
 * @param liability      {@code [trait][sample]} quantitative values (the liability of a binary trait); NaN where a
 *                       covariate is missing
 * @param phenotype      {@code [trait][sample]} what the phenotype table holds: the liability, or 1 = control /
 *                       2 = case (NaN = not sampled) for binary traits
 * @param causal         the causal SNPs' effects, per trait
 * @param covariateEffects the covariates' effects, per trait
 * @param variance       realized variance components, per trait
 * @param covariateNames covariate names (given or simulated)
 * @param covariates     {@code [covariate][sample]} covariate values
 * @param covariatesSimulated true when the covariates were simulated (and should be written out)
 */
public record Simulation(List<String> traitNames, double[][] liability, double[][] phenotype,
                         List<CausalEffect> causal, List<CovariateEffect> covariateEffects,
                         List<VarianceComponents> variance, List<String> covariateNames, double[][] covariates,
                         boolean covariatesSimulated) {

    /**
     * One causal SNP in one trait.
     *
     * @param trait             0-based trait index
     * @param variant           index of the variant in the genotype matrix
     * @param altFreq           ALT allele frequency in the sample
     * @param beta              effect per ALT allele on the trait's (liability) scale
     * @param varianceExplained {@code beta^2 var(x)} in the sample
     */
    public record CausalEffect(int trait, int variant, double altFreq, double beta, double varianceExplained) {
    }

    /** One covariate's effect per unit in one trait. */
    public record CovariateEffect(int trait, String covariate, double beta, double varianceExplained) {
    }

    /**
     * Realized components of one trait (sample variances of the scaled components; they sum to about the total).
     *
     * @param trait      0-based trait index
     * @param causal     variance of the causal SNPs' part
     * @param background variance of the infinitesimal background
     * @param covariates variance of the covariates' part
     * @param noise      variance of the noise
     * @param total      variance of the liability
     * @param h2         realized SNP heritability: var(causal + background) / total
     * @param cases      cases (binary traits), else -1
     * @param controls   controls (binary traits), else -1
     * @param threshold  liability threshold (binary traits), else NaN
     */
    public record VarianceComponents(int trait, double causal, double background, double covariates, double noise,
                                     double total, double h2, int cases, int controls, double threshold) {
    }
}
