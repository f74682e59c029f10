/**
 * Quality control: genotype counts, allele frequencies, missingness, the Hardy-Weinberg exact test, heterozygosity and inbreeding F, plink-style sample and variant filters, and the QC tables.
 */
package org.genosynth.qc;
