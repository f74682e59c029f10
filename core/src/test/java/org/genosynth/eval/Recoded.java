package org.genosynth.eval;

import java.nio.file.Path;
import org.genosynth.io.GenotypeFiles;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.WriteOptions;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.VariantBlock;

/**
 * Real genotypes recoded as an inbred panel would be: every heterozygote of a sample becomes one of the two
 * homozygotes, chosen by a hash of the sample ID and the variant ID (so a sample gets the same genotype in every file
 * it appears in: a copy stays a copy), optionally then coded 0/1 (one allele per strain, as BIMBAM files of RI panels).
 */
final class Recoded {
    enum Kind { INBRED, STRAIN01 }

    private Recoded() {
    }

    static GenotypeMatrix recode(GenotypeMatrix m, Kind kind) {
        int n = m.sampleCount();
        int wpv = m.wordsPerVariant();
        long[] words = new long[m.variantCount() * wpv];
        for (int v = 0; v < m.variantCount(); v++) {
            String vid = m.variants().get(v).id();
            for (int s = 0; s < n; s++) {
                int g = m.code(v, s);
                if (g == GenotypeCodes.HET) {
                    g = ((m.samples().samples().get(s).id() + "|" + vid).hashCode() & 1) == 0 ? 0 : 2;
                }
                if (kind == Kind.STRAIN01 && g == 2) {
                    g = 1;
                }
                GenotypeCodes.set(words, v * wpv, s, g);
            }
        }
        return new GenotypeMatrix(m.samples(), m.variants(), words, null);
    }

    /** Recodes the cohort at {@code bed} and writes it as {@code prefix.bed/.bim/.fam}. */
    static Path write(Path bed, Kind kind, Path prefix) {
        GenotypeMatrix m = recode(GenotypeLoader.load(bed, null, null), kind);
        try (GenotypeWriter w = GenotypeFiles.create(prefix, GenotypeFormat.BED, m.samples(),
                WriteOptions.defaults())) {
            w.write(new VariantBlock(0, m.sampleCount(), m.variants(), m.words(), null, null));
            w.commit();
        }
        return Path.of(prefix + ".bed");
    }
}
