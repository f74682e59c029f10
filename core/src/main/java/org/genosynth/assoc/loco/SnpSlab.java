package org.genosynth.assoc.loco;

import java.io.Serial;
import java.io.Serializable;
import org.genosynth.exec.Shared;

/**
 * A run of consecutive variants as the genotype kernels see them: 2-bit codes (32 samples a word, code = ALT count,
 * 3 = missing), each variant's mean (the value a missing call takes, so centred genotypes are {@code code - mean} and
 * a missing call is 0), its weight in the relationship matrix (0 = not in the model) and its chromosome index.
 * The cohort's word array is {@link Shared} once for every slab and pass (Spark: one broadcast), so a slab shipped to
 * another machine carries only its variants' means, weights and chromosomes.
 *
 * @param first  index of the first variant in the cohort
 * @param count  variants in the slab
 * @param samples samples (rows)
 * @param codes  the cohort's codes; variant {@code first + i} starts at {@code wordOffset + i * wordsPerVariant}
 * @param wordOffset where variant {@code first} starts in the codes
 * @param mean   per variant of the slab: mean code among called samples
 * @param weight per variant of the slab: its weight in the relationship matrix
 * @param chrom  per variant of the slab: chromosome index
 */
record SnpSlab(int first, int count, int samples, Shared<long[]> codes, int wordOffset, double[] mean,
               double[] weight, int[] chrom) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The cohort's 2-bit codes (where the slab is: its copy of the shared array). */
    long[] words() {
        return codes.get();
    }

    int wordsPerVariant() {
        return (samples + 31) >>> 5;
    }

    /**
     * Writes the centred genotypes of slab variants {@code [v0, v1)} column-major into {@code out} from
     * {@code outOffset} ({@code samples} rows, one column per variant).
     */
    void decode(int v0, int v1, double[] out, int outOffset) {
        int n = samples;
        int wpv = wordsPerVariant();
        long[] words = words();
        double[] lut = new double[4];
        for (int v = v0; v < v1; v++) {
            int col = outOffset + (v - v0) * n;
            int off = wordOffset + v * wpv;
            double m = mean[v];
            lut[0] = -m;
            lut[1] = 1 - m;
            lut[2] = 2 - m;
            lut[3] = 0;
            for (int w = 0; w < wpv; w++) {
                long word = words[off + w];
                int base = col + (w << 5);
                int end = Math.min(32, n - (w << 5));
                for (int k = 0; k < end; k++) {
                    out[base + k] = lut[(int) (word >>> (k << 1)) & 3];
                }
            }
        }
    }

    /** As {@link #decode}, in single precision. */
    void decode(int v0, int v1, float[] out, int outOffset) {
        int n = samples;
        int wpv = wordsPerVariant();
        long[] words = words();
        float[] lut = new float[4];
        for (int v = v0; v < v1; v++) {
            int col = outOffset + (v - v0) * n;
            int off = wordOffset + v * wpv;
            double m = mean[v];
            lut[0] = (float) -m;
            lut[1] = (float) (1 - m);
            lut[2] = (float) (2 - m);
            lut[3] = 0;
            for (int w = 0; w < wpv; w++) {
                long word = words[off + w];
                int base = col + (w << 5);
                int end = Math.min(32, n - (w << 5));
                for (int k = 0; k < end; k++) {
                    out[base + k] = lut[(int) (word >>> (k << 1)) & 3];
                }
            }
        }
    }
}
