package org.genosynth.watermark;

import org.genosynth.model.Variant;

/**
 * One watermark SNP: the variant, its genotypes (one per sample of the cohort, 0/1/2 ALT copies) and the statistics a
 * correct GWAS must report for it (per-SNP logistic regression for a binary phenotype, linear otherwise, no
 * covariates, the samples with a phenotype).
 */
record WatermarkSnp(Variant variant, byte[] genotypes, double a1Freq, int obsCount, double beta, double se,
                    double log10p) {
}
