package org.genosynth.assoc.glm;

import org.genosynth.model.Chromosomes;

/**
 * The chromosomes plink2 {@code --glm} tests differently (2.00a3.5, default {@code --xchr-model 1}; measured, see
 * {@code ChromosomeXGlmVsPlink2Test}): X with a SEX covariate among the samples of known sex, Y among the males and MT
 * with haploid coding. Every other name, the pseudo-autosomal XY included, is tested as an autosome.
 */
enum ChromosomeKind {
    AUTOSOME, X, Y, MT;

    /** The kind of {@code chrom}, named as {@link Chromosomes} reads names. Allocation-free. */
    static ChromosomeKind of(String chrom) {
        if (Chromosomes.isAutosome(chrom)) {
            return AUTOSOME;
        }
        return Chromosomes.isX(chrom) ? X : Chromosomes.isY(chrom) ? Y : MT;
    }
}
