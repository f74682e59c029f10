/**
 * Per-variant linear and logistic association, the equivalent of plink2 {@code --glm} (additive model, A1 = ALT):
 * {@link org.genosynth.assoc.glm.GlmGwas} runs a pass over the genotypes with {@link org.genosynth.assoc.glm.LinearKernel}
 * (least squares on covariate-projected residuals, t test) or {@link org.genosynth.assoc.glm.LogisticKernel} (IRLS,
 * Firth fallback, Wald test) per block of variants.
 */
package org.genosynth.assoc.glm;
