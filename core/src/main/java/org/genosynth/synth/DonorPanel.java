package org.genosynth.synth;

import java.util.List;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;

/**
 * The real genomes a generator copies from, held sample-major: one packed row per donor, 32 variants per word, variant
 * {@code v} in bits {@code 2(v%32)..} of word {@code v/32} (the same code as {@link GenotypeCodes}). Because every row
 * has the same variant alignment, copying a segment of a donor into a synthetic row is a masked word copy.
 */
public final class DonorPanel implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
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

    /**
     * The haplotype panel of a fully phased cohort: row {@code 2 d + h} is haplotype {@code h} of sample {@code d},
     * with code 0 (REF), 1 (ALT) or 3 (missing call). Built word by word from the genotype rows and the phase bits
     * ({@code phase[v]}: set = ALT on the first haplotype of a het).
     */
    public static DonorPanel haplotypes(GenotypeMatrix m, List<long[]> phase) {
        DonorPanel g = of(m);
        int n = m.sampleCount();
        int rw = g.rowWords;
        long[] phaseRows = new long[Math.multiplyExact(n, rw)];
        for (int v = 0; v < phase.size(); v++) {
            long[] bits = phase.get(v);
            for (int w = 0; w < bits.length; w++) {
                for (long x = bits[w]; x != 0; x &= x - 1) {
                    int s = (w << 6) + Long.numberOfTrailingZeros(x);
                    if (s < n) {
                        phaseRows[s * rw + (v >>> 5)] |= 1L << ((v & 31) << 1);
                    }
                }
            }
        }
        long[] rows = new long[Math.multiplyExact(2 * n, rw)];
        for (int s = 0; s < n; s++) {
            for (int w = 0; w < rw; w++) {
                long c = g.rows[s * rw + w];
                long lo = c & GenotypeCodes.LOW_BITS;
                long hi = (c >>> 1) & GenotypeCodes.LOW_BITS;
                long missing = lo & hi;
                long het = lo & ~hi;
                long homAlt = hi & ~lo;
                long p = phaseRows[s * rw + w];
                long miss3 = missing | (missing << 1);
                rows[(2 * s) * rw + w] = homAlt | (het & p) | miss3;
                rows[(2 * s + 1) * rw + w] = homAlt | (het & ~p) | miss3;
            }
        }
        return new DonorPanel(2 * n, m.variantCount(), rows);
    }

    /**
     * A haplotype panel from codes, one byte per variant per row: 0 (REF), 1 (ALT) or 3 (missing), as
     * {@link #haplotypes} holds them.
     */
    static DonorPanel ofHaplotypeCodes(byte[][] codes, int variantCount) {
        int rw = rowWords(variantCount);
        long[] rows = new long[Math.multiplyExact(codes.length, rw)];
        for (int d = 0; d < codes.length; d++) {
            for (int v = 0; v < variantCount; v++) {
                rows[d * rw + (v >>> 5)] |= (long) (codes[d][v] & 3) << ((v & 31) << 1);
            }
        }
        return new DonorPanel(codes.length, variantCount, rows);
    }

    public int donorCount() {
        return donorCount;
    }

    public int variantCount() {
        return variantCount;
    }

    /**
     * This panel with every code 1 made 2: strains coded 0/1 (one allele each) as the inbred genotypes 0/2 the
     * haplotype-cluster model is fitted on; missing calls stay missing.
     */
    DonorPanel alleleOneAsHomozygous() {
        long[] out = rows.clone();
        for (int i = 0; i < out.length; i++) {
            long w = out[i];
            long one = w & ~(w >>> 1) & org.genosynth.model.GenotypeCodes.LOW_BITS;
            out[i] = w ^ one ^ (one << 1);
        }
        return new DonorPanel(donorCount, variantCount, out);
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

    /** Donor {@code d}'s codes, one byte per variant. */
    byte[] codes(int d) {
        byte[] out = new byte[variantCount];
        int base = d * rowWords;
        for (int v = 0; v < variantCount; v++) {
            out[v] = (byte) ((rows[base + (v >>> 5)] >>> ((v & 31) << 1)) & 3);
        }
        return out;
    }
}
