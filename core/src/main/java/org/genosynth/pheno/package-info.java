/**
 * Phenotype simulation with known truth: causal SNPs with normal or frequency-dependent effects, an infinitesimal
 * background through the genetic relationship matrix, covariate effects and noise, combined at requested variance
 * shares; several traits with genetic and noise correlation; binary traits by a liability threshold.
 */
package org.genosynth.pheno;
