/**
 * Principal component analysis of genotypes as plink2 {@code --pca} does it: exact (GRM + LAPACK) or randomized,
 * with variant weights so that other cohorts can be projected onto the same axes.
 */
package org.genosynth.assoc.pca;
