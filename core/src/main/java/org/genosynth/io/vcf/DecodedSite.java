package org.genosynth.io.vcf;

import java.util.List;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * One bi-allelic site decoded from a VCF record.
 *
 * @param variant  the variant
 * @param codes    packed genotype codes, {@code wordsPerVariant(sampleCount)} words
 * @param dosages  ALT dosages ({@code NaN} = missing), or null
 * @param phase    phase bits (set = ALT on the first haplotype of a het), or null when unphased
 */
record DecodedSite(Variant variant, long[] codes, float[] dosages, long[] phase) {
    /** The sites' genotypes, dosages and phase as one block's content ({@code sampleCount} samples). */
    static VariantBlock.Content content(List<DecodedSite> sites, int sampleCount) {
        int wpv = GenotypeCodes.wordsPerVariant(sampleCount);
        long[] words = new long[sites.size() * wpv];
        float[][] dosages = null;
        long[][] phase = null;
        for (int i = 0; i < sites.size(); i++) {
            DecodedSite site = sites.get(i);
            System.arraycopy(site.codes(), 0, words, i * wpv, wpv);
            if (site.dosages() != null) {
                dosages = dosages == null ? new float[sites.size()][] : dosages;
                dosages[i] = site.dosages();
            }
            if (site.phase() != null) {
                phase = phase == null ? new long[sites.size()][] : phase;
                phase[i] = site.phase();
            }
        }
        return new VariantBlock.Content(words, dosages, phase);
    }
}
