package org.genosynth.assoc.lmm;

/**
 * The fitted null model (covariates and the random effect, no SNP), as GEMMA's log reports it.
 *
 * @param sampleCount    analysed samples
 * @param lambdaReml     REML ratio vg / ve
 * @param logLReml       restricted log-likelihood at {@code lambdaReml}
 * @param lambdaMle      ML ratio (used by the score test and the LRT's null)
 * @param logLMle        log-likelihood at {@code lambdaMle}
 * @param vg             genetic variance at {@code lambdaReml}
 * @param ve             residual variance at {@code lambdaReml}
 * @param pve            proportion of variance explained, {@code tr(K)/n lambda / (tr(K)/n lambda + 1)}
 * @param pveSe          its standard error from the restricted likelihood's curvature
 * @param traceK         mean eigenvalue of the centred relatedness matrix (after zeroing)
 * @param beta           covariate effects at {@code lambdaReml}
 * @param betaSe         their standard errors
 */
public record NullModel(int sampleCount, double lambdaReml, double logLReml, double lambdaMle, double logLMle,
                        double vg, double ve, double pve, double pveSe, double traceK, double[] beta,
                        double[] betaSe) {
}
