/**
 * Watermark SNPs for verifying outsourced GWAS: SynGen6's phenotype-derived SNPs (Wang, Jiang &amp; Vaidya 2021,
 * parameters eps and z0) and a keyed variant whose IDs, positions, frequencies and genotype patterns derive from a
 * secret key (HMAC-SHA256); verification of a GWAS result file against the statistics the watermark SNPs must have.
 */
package org.genosynth.watermark;
