package org.genosynth.model;

import java.util.List;

/**
 * A whole cohort in memory: every variant's packed genotypes (and dosages when the input had them), for analyses
 * that need random access to all variants (kinship, PCA, association on cohorts of modest size);
 * {@code io.GenotypeLoader} reads one from a file. Memory is {@code variants x samples / 4} bytes plus 4 bytes per
 * dosage.
 */
public final class GenotypeMatrix implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final SampleSheet samples;
    private final List<Variant> variants;
    private final long[] words;
    private final float[][] dosages;
    private final int wordsPerVariant;

    /**
     * @param samples  the samples
     * @param variants the variants
     * @param words    packed codes, variant-major, {@code wordsPerVariant(samples)} words per variant
     * @param dosages  per variant dosages or null entries; the array may be null
     */
    public GenotypeMatrix(SampleSheet samples, List<Variant> variants, long[] words, float[][] dosages) {
        this.samples = samples;
        this.variants = List.copyOf(variants);
        this.wordsPerVariant = GenotypeCodes.wordsPerVariant(samples.size());
        if (words.length != (long) variants.size() * wordsPerVariant) {
            throw new IllegalArgumentException("genotype words do not match " + variants.size() + " variants");
        }
        this.words = words;
        this.dosages = dosages;
    }

    public SampleSheet samples() {
        return samples;
    }

    public List<Variant> variants() {
        return variants;
    }

    public int sampleCount() {
        return samples.size();
    }

    public int variantCount() {
        return variants.size();
    }

    /** The packed words of all variants (read-only), variant-major. */
    public long[] words() {
        return words;
    }

    public int wordsPerVariant() {
        return wordsPerVariant;
    }

    /** Offset of variant {@code v}'s first word in {@link #words()}. */
    public int offset(int v) {
        return v * wordsPerVariant;
    }

    /** The genotype code of sample {@code s} at variant {@code v}. */
    public int code(int v, int s) {
        return GenotypeCodes.get(words, offset(v), s);
    }

    /** Dosages of variant {@code v} when the input had them, else null. */
    public float[] dosages(int v) {
        return dosages == null ? null : dosages[v];
    }

    /**
     * ALT dosage of one sample: the input's dosage when present, otherwise the hard-call code; NaN when missing.
     */
    public double dosage(int v, int s) {
        float[] d = dosages(v);
        if (d != null) {
            return d[s];
        }
        int c = code(v, s);
        return c == GenotypeCodes.MISSING ? Double.NaN : c;
    }

    /** Fills {@code out} with variant {@code v}'s dosages (NaN for missing). */
    public void dosages(int v, double[] out) {
        float[] d = dosages(v);
        if (d != null) {
            for (int s = 0; s < out.length; s++) {
                out[s] = d[s];
            }
            return;
        }
        int offset = offset(v);
        for (int s = 0; s < out.length; s++) {
            int c = GenotypeCodes.get(words, offset, s);
            out[s] = c == GenotypeCodes.MISSING ? Double.NaN : c;
        }
    }
}
