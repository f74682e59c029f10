/**
 * Association analysis shared by the engines: the request and result of a GWAS run ({@link org.genosynth.assoc.GwasRequest},
 * {@link org.genosynth.assoc.GwasResult}), the analysis sample set with its phenotype and covariates
 * ({@link org.genosynth.assoc.AnalysisSamples}), accurate p-values in log space ({@link org.genosynth.assoc.PValues}) and
 * the GWAS table writer ({@link org.genosynth.assoc.GwasTableWriter}). Engines live in sub-packages: {@code glm}
 * (linear and logistic regression, plink2 {@code --glm}) and {@code lmm}.
 */
package org.genosynth.assoc;
