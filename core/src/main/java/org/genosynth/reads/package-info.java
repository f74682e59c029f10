/**
 * Paired-end read simulation for one diploid sample ({@link org.genosynth.reads.ReadSimulator}): both haplotypes
 * built from the reference and the sample's variants (SNVs, indels, symbolic DEL/DUP/INV/INS), fragments drawn from
 * one haplotype at a time so mates always agree, a position-specific quality and error model
 * ({@link org.genosynth.reads.QualityModel}), optional exome capture, a golden BAM and a golden VCF.
 */
package org.genosynth.reads;
