/**
 * VCF, bgzipped VCF and BCF: {@link org.genosynth.io.vcf.VcfReader} decodes records through htsjdk into bi-allelic
 * variant blocks (splitting or rejecting multi-allelic sites), {@link org.genosynth.io.vcf.VcfWriter} writes blocks as
 * VCF text, bgzipped VCF with a tabix index, or BCF.
 *
 * <p>Conventions: genotype codes count ALT copies; a haploid GT {@code 1} is read as hom-alt and {@code 0} as hom-ref;
 * a half-missing GT ({@code ./1}) is missing; a variant is phased only when every called diploid GT in it is phased.
 * Pedigree fields that VCF has no column for (FID, parents, sex, population) travel in {@code ##SAMPLE} header lines.
 */
package org.genosynth.io.vcf;
