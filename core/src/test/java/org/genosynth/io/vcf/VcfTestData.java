package org.genosynth.io.vcf;

import java.util.ArrayList;
import java.util.List;
import org.genosynth.io.GenotypeReader;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/** Builds small blocks by hand and reads whole files back, for the VCF tests. */
final class VcfTestData {
    private VcfTestData() {
    }

    static Variant snp(String chrom, long pos, String id) {
        return new Variant(chrom, pos, id, "A", "G", Double.NaN);
    }

    /** A block from per-variant code rows, optional dosage rows and optional phase rows (1 = ALT on haplotype 1). */
    static VariantBlock block(List<Variant> variants, int[][] codes, float[][] dosages, int[][] phaseBits) {
        int n = codes[0].length;
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[variants.size() * wpv];
        long[][] phase = phaseBits == null ? null : new long[variants.size()][];
        for (int i = 0; i < variants.size(); i++) {
            for (int s = 0; s < n; s++) {
                GenotypeCodes.set(words, i * wpv, s, codes[i][s]);
            }
            if (phaseBits != null && phaseBits[i] != null) {
                phase[i] = new long[(n + 63) >>> 6];
                for (int s = 0; s < n; s++) {
                    if (phaseBits[i][s] == 1) {
                        phase[i][s >>> 6] |= 1L << (s & 63);
                    }
                }
            }
        }
        return new VariantBlock(0, n, variants, words, dosages, phase);
    }

    /** Every variant of a reader, flattened, with codes as int rows. */
    record Read(List<Variant> variants, List<int[]> codes, List<float[]> dosages, List<long[]> phase) {
    }

    static Read readAll(GenotypeReader reader, int blockSize) {
        Read r = new Read(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        long expectedFirst = 0;
        VariantBlock b;
        while ((b = reader.nextBlock(blockSize)) != null) {
            if (b.firstIndex() != expectedFirst) {
                throw new AssertionError("firstIndex " + b.firstIndex() + " != " + expectedFirst);
            }
            expectedFirst += b.variantCount();
            for (int i = 0; i < b.variantCount(); i++) {
                r.variants().add(b.variant(i));
                int[] row = new int[b.sampleCount()];
                for (int s = 0; s < row.length; s++) {
                    row[s] = b.code(i, s);
                }
                r.codes().add(row);
                r.dosages().add(b.dosages(i));
                r.phase().add(b.phase(i));
            }
        }
        return r;
    }
}
