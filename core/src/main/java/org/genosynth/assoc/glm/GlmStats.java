package org.genosynth.assoc.glm;

import java.util.List;
import org.genosynth.assoc.AssocRow;
import org.genosynth.model.Variant;

/**
 * One block's GLM statistics, a column per statistic, without the variants: what {@link LinearKernel} and
 * {@link LogisticKernel} return. The caller holds the block's variants already ({@link #rows}), so a backend that
 * gathers results from other processes (Spark) moves a few primitive arrays per block instead of an
 * {@link AssocRow} and a {@link org.genosynth.model.Variant} per variant (Java serialization of 100,000 of those
 * records, each way, cost more CPU than the regressions on two cores; issue 13). The values are the same doubles.
 */
public final class GlmStats implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] a1Freq;
    private final int[] obsCount;
    private final double[] beta;
    private final double[] se;
    private final double[] log10p;
    /** Null when no variant of the block was fitted with Firth's penalty. */
    private boolean[] firth;

    GlmStats(int variants) {
        a1Freq = new double[variants];
        obsCount = new int[variants];
        beta = new double[variants];
        se = new double[variants];
        log10p = new double[variants];
    }

    /** Variant {@code v}'s statistics. */
    void set(int v, double freq, int obs, double b, double standardError, double log10P, boolean usedFirth) {
        a1Freq[v] = freq;
        obsCount[v] = obs;
        beta[v] = b;
        se[v] = standardError;
        log10p[v] = log10P;
        if (usedFirth) {
            if (firth == null) {
                firth = new boolean[a1Freq.length];
            }
            firth[v] = true;
        }
    }

    /** Variant {@code v} not tested (statistics NaN), as {@link AssocRow#untested}. */
    void untested(int v, double freq, int obs) {
        set(v, freq, obs, Double.NaN, Double.NaN, Double.NaN, false);
    }

    /** Multiplies every BETA and SE by {@code factor} (haploid coding; the test statistic and P are unchanged). */
    void scaleEffects(double factor) {
        for (int v = 0; v < beta.length; v++) {
            beta[v] *= factor;
            se[v] *= factor;
        }
    }

    /** Copies {@code part}'s statistics to the variants {@code at, at + 1, ...} of this block. */
    void put(int at, GlmStats part) {
        for (int v = 0; v < part.size(); v++) {
            set(at + v, part.a1Freq[v], part.obsCount[v], part.beta[v], part.se[v], part.log10p[v],
                    part.firth != null && part.firth[v]);
        }
    }

    /** Variants in the block. */
    public int size() {
        return a1Freq.length;
    }

    /** Variant {@code v}'s row, for its {@code variant}. */
    public AssocRow row(int v, Variant variant) {
        return new AssocRow(variant, a1Freq[v], obsCount[v], beta[v], se[v], log10p[v], firth != null && firth[v]);
    }

    /** The rows of the block whose variants are {@code variants} (in block order). */
    public AssocRow[] rows(List<Variant> variants) {
        if (variants.size() != size()) {
            throw new IllegalArgumentException(size() + " results for " + variants.size() + " variants");
        }
        AssocRow[] out = new AssocRow[size()];
        for (int v = 0; v < out.length; v++) {
            out[v] = row(v, variants.get(v));
        }
        return out;
    }
}
