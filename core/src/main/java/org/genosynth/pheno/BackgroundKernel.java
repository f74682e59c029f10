package org.genosynth.pheno;

import org.genosynth.assoc.kinship.Standardized;
import org.genosynth.exec.BlockKernel;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;

/**
 * The polygenic background of a range of samples: {@code u[t][s] = sum_v w[v][t] z[v][s]} over every variant in input
 * order, with {@code z} the standardized genotype (0 for a missing call) and {@code w} each variant's correlated normal
 * effects, drawn on the driver in variant order. Each sample's sum is accumulated over the variants in the same order
 * whichever range it falls in, so the result does not depend on how samples are split. A {@link BlockKernel}: the
 * packed genotypes, the standardization table and the effects are its shipped inputs.
 */
final class BackgroundKernel implements BlockKernel<int[], double[][]> {
    private static final long serialVersionUID = 1L;
    /** Samples per range: enough work per task, enough ranges to spread. */
    static final int SAMPLES_PER_RANGE = 64;

    private final long[] words;
    private final int wordsPerVariant;
    private final int variantCount;
    /** Per variant, the standardized value of codes 0, 1, 2 and 0 for missing. */
    private final double[] table;
    /** {@code [variant][trait]}. */
    private final double[][] effects;

    BackgroundKernel(GenotypeMatrix g, Standardized z, double[][] effects) {
        this.words = g.words();
        this.wordsPerVariant = g.wordsPerVariant();
        this.variantCount = g.variantCount();
        this.table = new double[4 * variantCount];
        for (int v = 0; v < variantCount; v++) {
            for (int code = 0; code < 3; code++) {
                table[4 * v + code] = z.z(v, code);
            }
        }
        this.effects = effects;
    }

    /** {@code [trait][sample - range[0]]} for the samples {@code range[0] .. range[1] - 1}. */
    @Override
    public double[][] apply(int[] range) {
        int s0 = range[0];
        int count = range[1] - s0;
        int traits = effects.length == 0 ? 0 : effects[0].length;
        double[][] u = new double[traits][count];
        for (int v = 0; v < variantCount; v++) {
            int offset = v * wordsPerVariant;
            double[] w = effects[v];
            for (int t = 0; t < traits; t++) {
                double wt = w[t];
                double[] ut = u[t];
                for (int i = 0; i < count; i++) {
                    ut[i] += wt * table[4 * v + GenotypeCodes.get(words, offset, s0 + i)];
                }
            }
        }
        return u;
    }
}
