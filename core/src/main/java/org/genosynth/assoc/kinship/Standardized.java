package org.genosynth.assoc.kinship;

import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;

/**
 * Variance-standardized hard calls as plink2 uses them for {@code --make-rel} and {@code --pca}:
 * {@code z = (g - 2p) / sqrt(2p(1-p))} with {@code p} the ALT frequency over called samples, missing calls
 * mean-imputed ({@code z = 0}), and monomorphic variants all zero (they still count in the number of variants
 * {@code M} that divides the relationship matrix, as in plink2).
 */
public final class Standardized implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final GenotypeMatrix matrix;
    private final double[] altFreq;
    /** Per variant the z value of codes 0..3 (3 = missing = 0). */
    private final double[] table;

    public Standardized(GenotypeMatrix matrix, double[] altFreq) {
        this.matrix = matrix;
        this.altFreq = altFreq.clone();
        this.table = new double[4 * altFreq.length];
        for (int v = 0; v < altFreq.length; v++) {
            double p = altFreq[v];
            if (p > 0 && p < 1) {
                double sd = Math.sqrt(2 * p * (1 - p));
                for (int code = 0; code < 3; code++) {
                    table[4 * v + code] = (code - 2 * p) / sd;
                }
            }
        }
    }

    /** Frequencies from the matrix itself. */
    public static Standardized of(GenotypeMatrix matrix) {
        return new Standardized(matrix, StructureInput.altFrequencies(matrix));
    }

    public GenotypeMatrix matrix() {
        return matrix;
    }

    /** The ALT frequencies used (a copy). */
    public double[] altFrequencies() {
        return altFreq.clone();
    }

    public int sampleCount() {
        return matrix.sampleCount();
    }

    public int variantCount() {
        return matrix.variantCount();
    }

    /** z of code {@code code} at variant {@code v}. */
    public double z(int v, int code) {
        return table[4 * v + code];
    }

    /** True when at least one call is missing. */
    public boolean hasMissing() {
        for (int v = 0; v < matrix.variantCount(); v++) {
            if (GenotypeCodes.counts(matrix.words(), matrix.offset(v), matrix.sampleCount())[3] > 0) {
                return true;
            }
        }
        return false;
    }

    /** Like {@link #fill} but with 1 for a missing call and 0 otherwise. */
    public void fillMissing(int v0, int v1, double[] out) {
        int n = matrix.sampleCount();
        long[] words = matrix.words();
        int wpv = matrix.wordsPerVariant();
        for (int v = v0; v < v1; v++) {
            int col = (v - v0) * n;
            int off = matrix.offset(v);
            for (int w = 0; w < wpv; w++) {
                long word = words[off + w];
                int sBase = w << 5;
                int sEnd = Math.min(32, n - sBase);
                for (int k = 0; k < sEnd; k++) {
                    out[col + sBase + k] = ((int) (word >>> (k << 1)) & 3) == GenotypeCodes.MISSING ? 1.0 : 0.0;
                }
            }
        }
    }

    /**
     * Fills {@code out} (column-major, {@code n} rows = samples, one column per variant of {@code [v0, v1)}) with z.
     */
    public void fill(int v0, int v1, double[] out) {
        int n = matrix.sampleCount();
        long[] words = matrix.words();
        int wpv = matrix.wordsPerVariant();
        for (int v = v0; v < v1; v++) {
            int col = (v - v0) * n;
            int off = matrix.offset(v);
            int t = 4 * v;
            double z0 = table[t];
            double z1 = table[t + 1];
            double z2 = table[t + 2];
            double[] lut = {z0, z1, z2, 0.0};
            for (int w = 0; w < wpv; w++) {
                long word = words[off + w];
                int sBase = w << 5;
                int sEnd = Math.min(32, n - sBase);
                for (int k = 0; k < sEnd; k++) {
                    out[col + sBase + k] = lut[(int) (word >>> (k << 1)) & 3];
                }
            }
        }
        assert GenotypeCodes.MISSING == 3;
    }
}
