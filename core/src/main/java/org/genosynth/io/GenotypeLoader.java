package org.genosynth.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * Reads a whole cohort into a {@link GenotypeMatrix}, for analyses that need random access to every variant
 * (kinship, PCA, LMM, synthesis). It reads the input's {@link GenotypePartition}s one after the other and
 * concatenates their blocks, so the matrix is the one a read from the start gives.
 */
public final class GenotypeLoader {
    /** Variants per partition: large, so that a partition's own set-up (reading the .fam, a scan) stays negligible. */
    static final int VARIANTS_PER_PARTITION = 1 << 16;

    private GenotypeLoader() {
    }

    /** Reads a whole input (optionally a subset of samples, in the given order) into memory. */
    public static GenotypeMatrix load(Path input, ReadOptions options, int[] sampleKeep) {
        return load(input, options, sampleKeep, null);
    }

    /**
     * As {@link #load(Path, ReadOptions, int[])}, and fills {@code phaseOut} with each variant's phase bits (null for
     * an unphased variant; see {@link VariantBlock#phase(int)}), in variant order.
     */
    public static GenotypeMatrix load(Path input, ReadOptions options, int[] sampleKeep, List<long[]> phaseOut) {
        return load(GenotypeSource.of(input, options), sampleKeep, phaseOut);
    }

    /** As {@link #load(Path, ReadOptions, int[], List)} for a source. */
    public static GenotypeMatrix load(GenotypeSource source, int[] sampleKeep, List<long[]> phaseOut) {
        return load(source, sampleKeep, null, phaseOut);
    }

    /**
     * Reads the samples {@code sampleKeep} (null: all) and the variants {@code variantKeep} accepts (null: all) of a
     * source: the matrix a read of a copy holding only those gives. The predicate is tested once per variant of the
     * input, in input order, on the calling thread (so a predicate that counts variants, as
     * {@link org.genosynth.qc.VariantFilterPass.Selection#variants()}, works).
     */
    public static GenotypeMatrix loadSelected(GenotypeSource source, int[] sampleKeep,
                                              Predicate<Variant> variantKeep) {
        return load(source, sampleKeep, variantKeep, null);
    }

    private static GenotypeMatrix load(GenotypeSource source, int[] sampleKeep, Predicate<Variant> variantKeep,
                                       List<long[]> phaseOut) {
        Fileset.input(source.path());
        Fileset.input(source.options().geneticMap());
        List<GenotypePartition> partitions = source.partitions(VARIANTS_PER_PARTITION);
        SampleSheet sheet = null;
        List<Variant> variants = new ArrayList<>();
        List<long[]> chunks = new ArrayList<>();
        List<float[]> ds = new ArrayList<>();
        boolean anyDosage = false;
        for (GenotypePartition partition : partitions) {
            try (GenotypeReader reader = partition.open()) {
                if (sheet == null) {
                    sheet = sampleKeep == null ? reader.sampleSheet() : reader.sampleSheet().select(sampleKeep);
                }
                BlockStream blocks = new BlockStream(reader, sampleKeep, variantKeep);
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
