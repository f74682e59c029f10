/**
 * {@code gwas --model lmm-loco}: a linear mixed model that never forms an n x n matrix, in the manner of BOLT-LMM's
 * infinitesimal model (BOLT-LMM-inf): products with the genetic relationship matrix computed from the genotypes by
 * block kernels, BOLT-LMM's Monte-Carlo REML variance-component estimate, leave-one-chromosome-out solves by
 * conjugate gradients, and per-SNP chi-square statistics calibrated on random SNPs.
 */
package org.genosynth.assoc.loco;
