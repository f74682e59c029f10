package org.genosynth.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A run of consecutive variants with their genotypes for all samples of a stream: the unit in which genosynth reads,
 * computes and writes. Genotypes are 2-bit packed, variant-major (see {@link GenotypeCodes}); dosages and phase are
 * kept per variant when the input has them.
 *
 * <p>The arrays are shared, not copied: a block is read-only once built.
 */
public final class VariantBlock implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * The most text (characters) a VCF reader keeps with a block whose records are decoded where it is used: beyond
     * it the text is read again from the file there, so that blocks waiting for a worker do not hold the ten times
     * more memory VCF text takes than decoded genotypes. (BIMBAM rows are kept: their text is smaller than their
     * parsed dosages.)
     */
    public static final long KEPT_TEXT_LIMIT = 8L << 20;
    private final long firstIndex;
    private final int sampleCount;
    /** Written by {@link #writeObject} as plain fields (not as a graph of records): see there. */
    private transient List<Variant> variants;
    private transient long[] genotypes;
    private transient java.util.function.Supplier<long[]> decoder;
    /** A serializable way to read the genotypes again (a file range), kept after decoding; null when none. */
    private transient GenotypeSlice slice;
    /** Filled with the genotypes (from the slice's {@link GenotypeSlice#read()} when the block has a slice). */
    private transient float[][] dosages;
    private transient long[][] phase;

    /**
     * @param firstIndex  index of the first variant in the stream (0-based)
     * @param sampleCount number of samples
     * @param variants    the variants
     * @param genotypes   packed codes, {@code variants.size() * wordsPerVariant(sampleCount)} words
     * @param dosages     per variant: ALT dosage per sample ({@code NaN} = missing), or null; the array may be null
     * @param phase       per variant: one bit per sample (set = ALT on the first haplotype of a het), or null when
     *                    the variant is not phased; the array may be null
     */
    public VariantBlock(long firstIndex, int sampleCount, List<Variant> variants, long[] genotypes,
                        float[][] dosages, long[][] phase) {
        this.firstIndex = firstIndex;
        this.sampleCount = sampleCount;
        this.variants = List.copyOf(variants);
        this.genotypes = checkLength(Objects.requireNonNull(genotypes));
        if (dosages != null && dosages.length != this.variants.size()
                || phase != null && phase.length != this.variants.size()) {
            throw new IllegalArgumentException("dosage/phase arrays must have one entry per variant");
        }
        this.dosages = dosages;
        this.phase = phase;
    }

    /**
     * Where a block's genotypes can be read again from: a serializable descriptor (file paths and a range) that any
     * process seeing the files can read, such as a Spark executor. A block built on a slice travels as its slice, not
     * as its genotypes.
     */
    public interface GenotypeSlice extends java.util.function.Supplier<long[]>, java.io.Serializable {
        /**
         * The genotypes with the dosages and phase bits the input has for them (null arrays when none): formats
         * that carry dosages or phase (BIMBAM, VCF) read them here, with the genotypes, so that they too are read
         * where the block is used. By default, the genotypes only.
         */
        default Content read() {
            return new Content(get(), null, null);
        }
    }

    /**
     * What a {@link GenotypeSlice} reads: packed genotype words and, per variant, dosages and phase bits (each array
     * null when the slice has none; entries null for variants without them).
     */
    public record Content(long[] words, float[][] dosages, long[][] phase) {
    }

    /**
     * A block whose genotypes are decoded on first use, by whichever thread first asks for them: readers use it so
     * that decoding runs on the worker threads rather than on the reading thread. When the decoder is a
     * {@link GenotypeSlice}, serializing the block sends the slice (the receiver reads the genotypes itself), before
     * and after decoding, and the block's dosages and phase are those of the slice's {@link GenotypeSlice#read()}.
     */
    public static VariantBlock decodedOnDemand(long firstIndex, int sampleCount, List<Variant> variants,
                                               java.util.function.Supplier<long[]> decoder) {
        return new VariantBlock(firstIndex, sampleCount, variants, decoder, null, null);
    }

    private VariantBlock(long firstIndex, int sampleCount, List<Variant> variants,
                         java.util.function.Supplier<long[]> decoder, float[][] dosages, long[][] phase) {
        this.firstIndex = firstIndex;
        this.sampleCount = sampleCount;
        this.variants = List.copyOf(variants);
        this.decoder = Objects.requireNonNull(decoder);
        this.slice = decoder instanceof GenotypeSlice s ? s : null;
        this.dosages = dosages;
        this.phase = phase;
    }

    private long[] checkLength(long[] words) {
        int wpv = GenotypeCodes.wordsPerVariant(sampleCount);
        if (words.length != variants.size() * wpv) {
            throw new IllegalArgumentException("genotype words " + words.length + " != " + variants.size()
                    + " variants x " + wpv);
        }
        return words;
    }

    /** Index of this block's first variant in its stream. */
    public long firstIndex() {
        return firstIndex;
    }

    public int sampleCount() {
        return sampleCount;
    }

    public int variantCount() {
        return variants.size();
    }

    public List<Variant> variants() {
        return variants;
    }

    public Variant variant(int i) {
        return variants.get(i);
    }

    /** The packed words of all variants (read-only). */
    public synchronized long[] genotypeWords() {
        decode();
        return genotypes;
    }

    /** Reads the genotypes (and, from a slice, the dosages and phase) when not read yet. */
    private synchronized void decode() {
        if (genotypes != null) {
            return;
        }
        if (decoder instanceof GenotypeSlice s) {
            Content c = s.read();
            int n = variants.size();
            if (c.dosages() != null && c.dosages().length != n || c.phase() != null && c.phase().length != n) {
                throw new IllegalArgumentException("dosage/phase arrays must have one entry per variant");
            }
            genotypes = checkLength(c.words());
            dosages = c.dosages();
            phase = c.phase();
        } else {
            genotypes = checkLength(decoder.get());
        }
        decoder = null;
    }

    /** The per-variant dosage arrays (null when none), read first when the block is not read yet. */
    private synchronized float[][] dosageArrays() {
        decode();
        return dosages;
    }

    /** The per-variant phase arrays (null when none), read first when the block is not read yet. */
    private synchronized long[][] phaseArrays() {
        decode();
        return phase;
    }

    /**
     * Serialization (a block sent to another process) sends the block's {@link GenotypeSlice} when it has one, else
     * decodes the genotypes first and sends them: other decoders stay behind.
     */
    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        GenotypeSlice s;
        synchronized (this) {
            s = slice;
        }
        out.defaultWriteObject();
        writeVariants(out, variants);
        out.writeObject(s);
        if (s == null) {
            out.writeObject(genotypeWords());
            out.writeObject(dosageArrays());
            out.writeObject(phaseArrays());
        }
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        variants = readVariants(in);
        slice = (GenotypeSlice) in.readObject();
        if (slice == null) {
            genotypes = (long[]) in.readObject();
            dosages = (float[][]) in.readObject();
            phase = (long[][]) in.readObject();
        } else {
            decoder = slice;
        }
    }

    /**
     * The variants as their fields, a chromosome name written only where it changes: Java serialization of the
     * {@link Variant} records themselves (a class descriptor lookup, reflection and a canonical-constructor call per
     * record and per string) cost more CPU than a linear GWAS of the block's genotypes on a Spark executor, and kept
     * the JIT compiling the serialization code (issue 13).
     */
    private static void writeVariants(java.io.ObjectOutputStream out, List<Variant> vs) throws java.io.IOException {
        out.writeInt(vs.size());
        String chrom = null;
        for (Variant v : vs) {
            boolean same = v.chrom().equals(chrom);
            out.writeBoolean(same);
            if (!same) {
                chrom = v.chrom();
                writeString(out, chrom);
            }
            out.writeLong(v.position());
            writeString(out, v.id());
            writeString(out, v.ref());
            writeString(out, v.alt());
            out.writeDouble(v.centimorgan());
        }
    }

    private static List<Variant> readVariants(java.io.ObjectInputStream in)
            throws java.io.IOException, ClassNotFoundException {
        int n = in.readInt();
        if (n < 0) {
            throw new java.io.InvalidObjectException("negative variant count " + n);
        }
        Variant[] vs = new Variant[n];
        String chrom = null;
        for (int i = 0; i < n; i++) {
            if (!in.readBoolean()) {
                chrom = readString(in);
            }
            if (chrom == null) {
                throw new java.io.InvalidObjectException("variant without a chromosome");
            }
            vs[i] = new Variant(chrom, in.readLong(), readString(in), readString(in), readString(in), in.readDouble());
        }
        return List.of(vs);
    }

    /** Modified UTF-8 when it fits {@code writeUTF}'s 65,535 bytes (3 bytes a char at most), else as an object. */
    private static void writeString(java.io.ObjectOutputStream out, String text) throws java.io.IOException {
        boolean small = text.length() <= 65_535 / 3;
        out.writeBoolean(small);
        if (small) {
            out.writeUTF(text);
        } else {
            out.writeObject(text);
        }
    }

    private static String readString(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        return in.readBoolean() ? in.readUTF() : (String) in.readObject();
    }

    /** Words per variant in {@link #genotypeWords()}. */
    public int wordsPerVariant() {
        return GenotypeCodes.wordsPerVariant(sampleCount);
    }

    /** Offset of variant {@code i}'s first word in {@link #genotypeWords()}. */
    public int offset(int i) {
        return i * wordsPerVariant();
    }

    /** The genotype code of sample {@code s} at variant {@code i}. */
    public int code(int i, int s) {
        return GenotypeCodes.get(genotypeWords(), offset(i), s);
    }

    /** True when at least one variant has dosages. */
    public boolean hasDosages() {
        float[][] dosages = dosageArrays();
        if (dosages == null) {
            return false;
        }
        for (float[] d : dosages) {
            if (d != null) {
                return true;
            }
        }
        return false;
    }

    /** The dosages of variant {@code i}, or null when the input had none for it. */
    public float[] dosages(int i) {
        float[][] dosages = dosageArrays();
        return dosages == null ? null : dosages[i];
    }

    /** The phase bits of variant {@code i}, or null when it is unphased. */
    public long[] phase(int i) {
        long[][] phase = phaseArrays();
        return phase == null ? null : phase[i];
    }

    /** True when variant {@code i} is phased. */
    public boolean isPhased(int i) {
        return phase(i) != null;
    }

    /** This block with its first variant numbered {@code newFirstIndex}; genotypes stay undecoded if they were. */
    public synchronized VariantBlock renumbered(long newFirstIndex) {
        if (slice != null) {
            return new VariantBlock(newFirstIndex, sampleCount, variants, new SliceOf(this), null, null);
        }
        if (genotypes != null) {
            return new VariantBlock(newFirstIndex, sampleCount, variants, genotypes, dosages, phase);
        }
        return new VariantBlock(newFirstIndex, sampleCount, variants, new WordsOf(this), dosages, phase);
    }

    /** This block with other descriptions of the same variants (one per variant; the genotypes are shared). */
    public VariantBlock withVariants(List<Variant> described) {
        if (described.size() != variants.size()) {
            throw new IllegalArgumentException("expected " + variants.size() + " variants, got " + described.size());
        }
        synchronized (this) {
            if (slice != null) {
                return new VariantBlock(firstIndex, sampleCount, described, new SliceOf(this), null, null);
            }
            return new VariantBlock(firstIndex, sampleCount, described, new WordsOf(this), dosages, phase);
        }
    }

    /**
     * {@link #selectSamples} deferred to whichever thread first reads the genotypes (a worker, or a Spark executor when
     * this block has a slice); blocks with dosages or phase are selected now.
     */
    public VariantBlock selectSamplesOnDemand(int[] keep) {
        synchronized (this) {
            if (slice != null) {
                return new VariantBlock(firstIndex, keep.length, variants, new SamplesOf(this, keep), null, null);
            }
        }
        if (hasDosages() || anyPhased()) {
            return selectSamples(keep);
        }
        return new VariantBlock(firstIndex, keep.length, variants,
                (java.util.function.Supplier<long[]>) () -> selectSamples(keep).genotypeWords(), null, null);
    }

    private boolean anyPhased() {
        for (int i = 0; i < variants.size(); i++) {
            if (isPhased(i)) {
                return true;
            }
        }
        return false;
    }

    /** The genotypes of a slice-backed block restricted to some samples: travels as the block and the indices. */
    private record SamplesOf(VariantBlock source, int[] keep) implements GenotypeSlice {
        @Override
        public long[] get() {
            return read().words();
        }

        @Override
        public Content read() {
            return source.selectSamples(keep).content();
        }
    }

    /** This block's genotypes, dosages and phase. */
    private synchronized Content content() {
        decode();
        return new Content(genotypes, dosages, phase);
    }

    /**
     * The genotypes of another block: a derived block shares its source's words, and travels as its source's slice
     * when the source has one (else it decodes before it travels).
     */
    private record WordsOf(VariantBlock source) implements java.util.function.Supplier<long[]> {
        @Override
        public long[] get() {
            return source.genotypeWords();
        }
    }

    /** {@link WordsOf} for a source block that has a slice: serializable with it. */
    private record SliceOf(VariantBlock source) implements GenotypeSlice {
        @Override
        public long[] get() {
            return source.genotypeWords();
        }

        @Override
        public Content read() {
            return source.content();
        }
    }

    /** This block without dosages (hard calls only). */
    public VariantBlock withoutDosages() {
        long[][] phase = phaseArrays();
        long[][] ph = null;
        if (phase != null) {
            ph = phase.clone();
        }
        return new VariantBlock(firstIndex, sampleCount, variants, genotypeWords(), null, ph);
    }

    /** A block with only the variants whose flag is set, renumbered from {@code newFirstIndex}. */
    public VariantBlock selectVariants(boolean[] keep, long newFirstIndex) {
        int wpv = wordsPerVariant();
        float[][] dosages = dosageArrays();
        long[][] phase = phaseArrays();
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        Variant[] vs = new Variant[kept];
        long[] words = new long[kept * wpv];
        float[][] ds = dosages == null ? null : new float[kept][];
        long[][] ph = phase == null ? null : new long[kept][];
        int j = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                vs[j] = variants.get(i);
                System.arraycopy(genotypeWords(), i * wpv, words, j * wpv, wpv);
                if (ds != null) {
                    ds[j] = dosages[i];
                }
                if (ph != null) {
                    ph[j] = phase[i];
                }
                j++;
            }
        }
        return new VariantBlock(newFirstIndex, sampleCount, Arrays.asList(vs), words, ds, ph);
    }

    /** A block restricted to the samples {@code keep} (indices into this block's samples, in output order). */
    public VariantBlock selectSamples(int[] keep) {
        float[][] dosages = dosageArrays();
        long[][] phase = phaseArrays();
        int n = keep.length;
        int wpvOut = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[variants.size() * wpvOut];
        float[][] ds = dosages == null ? null : new float[variants.size()][];
        long[][] ph = phase == null ? null : new long[variants.size()][];
        for (int i = 0; i < variants.size(); i++) {
            GenotypeCodes.select(genotypeWords(), offset(i), keep, words, i * wpvOut);
            if (ds != null && dosages[i] != null) {
                float[] d = new float[n];
                for (int j = 0; j < n; j++) {
                    d[j] = dosages[i][keep[j]];
                }
                ds[i] = d;
            }
            if (ph != null && phase[i] != null) {
                long[] p = new long[(n + 63) >>> 6];
                for (int j = 0; j < n; j++) {
                    if ((phase[i][keep[j] >>> 6] >>> (keep[j] & 63) & 1L) != 0) {
                        p[j >>> 6] |= 1L << (j & 63);
                    }
                }
                ph[i] = p;
            }
        }
        return new VariantBlock(firstIndex, n, variants, words, ds, ph);
    }
}
