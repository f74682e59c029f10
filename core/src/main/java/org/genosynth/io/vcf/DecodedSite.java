package org.genosynth.io.vcf;

import org.genosynth.model.Variant;

/**
 * One bi-allelic site decoded from a VCF record.
 *
 * @param variant  the variant
 * @param codes    packed genotype codes, {@code wordsPerVariant(sampleCount)} words
 * @param dosages  ALT dosages ({@code NaN} = missing), or null
 * @param phase    phase bits (set = ALT on the first haplotype of a het), or null when unphased
 */
record DecodedSite(Variant variant, long[] codes, float[] dosages, long[] phase) {
}
