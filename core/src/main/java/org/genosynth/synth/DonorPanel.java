package org.genosynth.synth;

import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;

/**
 * The real genomes a generator copies from, held sample-major: one packed row per donor, 32 variants per word, variant
 * {@code v} in bits {@code 2(v%32)..} of word {@code v/32} (the same code as {@link GenotypeCodes}). Because every row
 * has the same variant alignment, copying a segment of a donor into a synthetic row is a masked word copy.
 */
public final class DonorPanel {
    private final int donorCount;
    private final int variantCount;
    private final int rowWords;
    private final long[] rows;

    private DonorPanel(int donorCount, int variantCount, long[] rows) {
        this.donorCount = donorCount;
        this.variantCount = variantCount;
        this.rowWords = rowWords(variantCount);
        this.rows = rows;
    }

    /** Words per row: 32 variants per word, padded to whole 32-word tiles. */
    static int rowWords(int variantCount) {
        return ((variantCount + 1023) >>> 10) << 5;
    }

    /** Transposes every sample of {@code m} into a row, by 32 x 32 tiles. */
    public static DonorPanel of(GenotypeMatrix m) {
        int n = m.sampleCount();
        int v = m.variantCount();
        int rw = rowWords(v);
        long[] rows = new long[Math.multiplyExact(n, rw)];
        long[] words = m.words();
        int wpv = m.wordsPerVariant();
        long[] tile = new long[32];
        for (int g = 0; g < wpv; g++) {
            for (int vw = 0; vw * 32 < v; vw++) {
                for (int k = 0; k < 32; k++) {
                    int variant = vw * 32 + k;
                    tile[k] = variant < v ? words[variant * wpv + g] : 0;
                }
                Transpose2Bit.transpose(tile, 0);
                for (int i = 0; i < 32 && g * 32 + i < n; i++) {
                    rows[(g * 32 + i) * rw + vw] = tile[i];
                }
            }
        }
        return new DonorPanel(n, v, rows);
    }

    public int donorCount() {
        return donorCount;
    }

    public int variantCount() {
        return variantCount;
    }

    public int rowWords() {
        return rowWords;
    }

    /** The packed rows (read-only), donor-major, {@link #rowWords()} words each. */
    long[] rows() {
        return rows;
    }

    /** The code of donor {@code d} at variant {@code v}. */
    public int code(int d, int v) {
        return (int) (rows[d * rowWords + (v >>> 5)] >>> ((v & 31) << 1)) & 3;
    }
}
