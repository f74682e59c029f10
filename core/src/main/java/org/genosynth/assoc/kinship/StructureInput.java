package org.genosynth.assoc.kinship;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.InputException;
import org.genosynth.io.ReadOptions;
import org.genosynth.model.Chromosomes;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Variant;

/**
 * A cohort to analyse for structure (kinship, PCA, LD), loaded whole into memory.
 *
 * @param input                 genotype input
 * @param read                  how to read it (null: defaults)
 * @param keepUnknownPositions  keep variants with a negative position (PLINK's mark for excluded/unknown, -9 in
 *                              mouse_hs1940); plink2 drops them when it loads a .bim, so by default we drop them too
 *                              (position 0 is kept, as plink2 keeps it)
 * @param threads               worker threads ({@code <= 0}: all processors)
 */
public record StructureInput(Path input, ReadOptions read, boolean keepUnknownPositions, int threads) {
    public StructureInput {
        read = read == null ? ReadOptions.defaults() : read;
    }

    /** Defaults: plink2's variant set, all processors. */
    public static StructureInput of(Path input) {
        return new StructureInput(input, null, false, 0);
    }

    /**
     * Loads the genotypes (hard calls) and drops negative-position variants unless asked to keep them; a user error
     * when no variant is left (an empty input, or every variant unplaced, as in a BIMBAM file without annotation):
     * nothing would be computed on.
     */
    public GenotypeMatrix load() {
        GenotypeMatrix all = GenotypeLoader.load(input, read, null);
        GenotypeMatrix kept = keepUnknownPositions ? all : knownPositions(all);
        if (kept.variantCount() == 0) {
            throw InputException.inFile(input, all.variantCount() == 0 ? "holds no variants"
                    : "no variant to analyse: all " + all.variantCount() + " variants are unplaced (unknown position"
                    + (isBimbam() ? ", chromosome 0: BIMBAM rows carry no position without an annotation" : "")
                    + ") and are skipped as plink2 skips them; "
                    + (isBimbam() ? "pass --anno FILE (rs, bp, chr) to place them, or " : "")
                    + "--keep-unknown-positions to use them anyway");
        }
        return kept;
    }

    /**
     * A user error when no variant of {@code m} is polymorphic (every sample called alike, or nothing called):
     * {@code what} (kinship, PCA) would be computed on no variation at all.
     */
    public void requirePolymorphic(GenotypeMatrix m, String what) {
        for (double p : altFrequencies(m)) {
            if (p > 0 && p < 1) {
                return;
            }
        }
        throw InputException.inFile(input, "none of its " + m.variantCount() + " variants used is polymorphic among "
                + "the " + m.sampleCount() + " samples: " + what + " has no variation to measure");
    }

    private boolean isBimbam() {
        try {
            GenotypeFormat f = read.format() != null ? read.format() : GenotypeFormat.detectOrFail(input);
            return f == GenotypeFormat.BIMBAM;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The matrix without the variants of negative position (the same object when there are none). */
    public static GenotypeMatrix knownPositions(GenotypeMatrix m) {
        return keep(m, v -> v.position() >= 0);
    }

    /**
     * The matrix without the variants on X, Y or MT ({@link Chromosomes#isAutosome}), which
     * plink2 leaves out of KING-robust kinship, the relationship matrix and PCA (the same object when there are none).
     */
    public static GenotypeMatrix autosomes(GenotypeMatrix m) {
        return keep(m, v -> Chromosomes.isAutosome(v.chrom()));
    }

    /** Variants of {@code variants} on X, Y or MT: those {@link #autosomes} leaves out (counted, nothing copied). */
    public static int nonAutosomal(List<Variant> variants) {
        int n = 0;
        for (Variant v : variants) {
            n += Chromosomes.isAutosome(v.chrom()) ? 0 : 1;
        }
        return n;
    }

    /**
     * {@link #autosomes} of {@code m}, a user error naming the input when none is left: {@code what} (kinship, PCA) is
     * computed on autosomes only.
     */
    public GenotypeMatrix autosomesOf(GenotypeMatrix m, String what) {
        GenotypeMatrix kept = autosomes(m);
        if (kept.variantCount() == 0) {
            throw InputException.inFile(input, "no autosomal variant: all " + m.variantCount() + " variants used are "
                    + "on X, Y or MT, which " + what + " leaves out, as plink2 does");
        }
        return kept;
    }

    /** What a summary says of the non-autosomal variants left out (null when there were none). */
    public static String nonAutosomesNote(int excluded) {
        return excluded == 0 ? null : String.format(java.util.Locale.ROOT, "%,d variants on X, Y or MT left out "
                + "(autosomes only, as plink2)", excluded);
    }

    /** The matrix with the variants {@code keep} accepts (the same object when it accepts all). */
    private static GenotypeMatrix keep(GenotypeMatrix m, java.util.function.Predicate<Variant> keep) {
        List<Variant> kept = new ArrayList<>();
        int wpv = m.wordsPerVariant();
        int count = 0;
        for (Variant v : m.variants()) {
            count += keep.test(v) ? 1 : 0;
        }
        if (count == m.variantCount()) {
            return m;
        }
        long[] words = new long[count * wpv];
        float[][] ds = new float[count][];
        boolean anyDosage = false;
        int j = 0;
        for (int i = 0; i < m.variantCount(); i++) {
            Variant v = m.variants().get(i);
            if (keep.test(v)) {
                kept.add(v);
                System.arraycopy(m.words(), m.offset(i), words, j * wpv, wpv);
                ds[j] = m.dosages(i);
                anyDosage |= ds[j] != null;
                j++;
            }
        }
        return new GenotypeMatrix(m.samples(), kept, words, anyDosage ? ds : null);
    }

    /** ALT allele frequency of each variant over non-missing hard calls (NaN when all are missing). */
    public static double[] altFrequencies(GenotypeMatrix m) {
        double[] f = new double[m.variantCount()];
        for (int v = 0; v < f.length; v++) {
            int[] c = GenotypeCodes.counts(m.words(), m.offset(v), m.sampleCount());
            int nm = c[0] + c[1] + c[2];
            f[v] = nm == 0 ? Double.NaN : (c[1] + 2.0 * c[2]) / (2.0 * nm);
        }
        return f;
    }
}
