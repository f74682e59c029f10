/**
 * {@code genosynth benchmark}: one YAML recipe that composes synth, pheno simulate, watermark add, relatives and
 * kinship into a SynGen6-style benchmark dataset (genotypes as VCF/PLINK, SynGen6's five CSV files, a variant map and
 * a manifest).
 */
package org.genosynth.benchmark;
