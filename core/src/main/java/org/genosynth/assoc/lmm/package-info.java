/**
 * GEMMA's exact linear mixed model ({@code gemma -gk 1} then {@code -lmm 4}): the centred relatedness matrix, one
 * eigendecomposition, rotation of phenotype and covariates, the REML/ML null model, and per-SNP Wald, likelihood
 * ratio and score tests with GEMMA's lambda search (10 log-spaced regions in [1e-5, 1e5], Brent then Newton on the
 * first derivative). {@link org.genosynth.assoc.lmm.LmmEngine#fit} is the engine; {@link
 * org.genosynth.assoc.lmm.LmmGwas#run} reads files, fits and writes the result tables.
 */
package org.genosynth.assoc.lmm;
