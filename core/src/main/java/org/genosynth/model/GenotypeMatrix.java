package org.genosynth.model;

import java.util.ArrayList;
import java.util.List;
import org.genosynth.io.BlockStream;
import org.genosynth.io.GenotypeFiles;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.ReadOptions;

/**
 * A whole cohort in memory: every variant's packed genotypes (and dosages when the input had them), for analyses
 * that need random access to all variants (kinship, PCA, association on cohorts of modest size). Memory is
 * {@code variants x samples / 4} bytes plus 4 bytes per dosage.
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

    /** Reads a whole input (optionally a subset of samples, in the given order) into memory. */
    public static GenotypeMatrix load(java.nio.file.Path input, ReadOptions options, int[] sampleKeep) {
        return load(input, options, sampleKeep, null);
    }

    /**
     * As {@link #load(java.nio.file.Path, ReadOptions, int[])}, and fills {@code phaseOut} with each variant's phase
     * bits (null for an unphased variant; see {@link VariantBlock#phase(int)}), in variant order.
     */
    public static GenotypeMatrix load(java.nio.file.Path input, ReadOptions options, int[] sampleKeep,
            List<long[]> phaseOut) {
        try (GenotypeReader reader = GenotypeFiles.open(input, options)) {
            SampleSheet sheet = sampleKeep == null ? reader.sampleSheet() : reader.sampleSheet().select(sampleKeep);
            List<Variant> variants = new ArrayList<>();
            List<long[]> chunks = new ArrayList<>();
            List<float[]> ds = new ArrayList<>();
            boolean anyDosage = false;
            BlockStream blocks = new BlockStream(reader, sampleKeep, null);
            while (blocks.hasNext()) {
                VariantBlock b = blocks.next();
                variants.addAll(b.variants());
                chunks.add(b.genotypeWords());
                for (int i = 0; i < b.variantCount(); i++) {
                    ds.add(b.dosages(i));
                    if (phaseOut != null) {
                        phaseOut.add(b.phase(i));
                    }
                    anyDosage |= b.dosages(i) != null;
                }
            }
            int wpv = GenotypeCodes.wordsPerVariant(sheet.size());
            long[] all = new long[Math.multiplyExact(variants.size(), wpv)];
            int at = 0;
            for (long[] c : chunks) {
                System.arraycopy(c, 0, all, at, c.length);
                at += c.length;
            }
            return new GenotypeMatrix(sheet, variants, all, anyDosage ? ds.toArray(new float[0][]) : null);
        }
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
