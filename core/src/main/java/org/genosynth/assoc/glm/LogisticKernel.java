package org.genosynth.assoc.glm;

import org.genosynth.exec.BlockKernel;
import org.genosynth.assoc.PValues;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.VariantBlock;

/**
 * Logistic regression per variant with Firth fallback and a Wald test, as plink2 {@code --glm firth-fallback}
 * reports its ADD row (BETA = log odds ratio per ALT allele, P from the Z statistic). Missing calls drop the sample
 * for that variant. A {@link BlockKernel}: the covariate basis, phenotype and null fit are its shipped inputs.
 */
public final class LogisticKernel implements BlockKernel<VariantBlock, GlmStats> {
    private static final long serialVersionUID = 1L;
    private final CovariateBasis basis;
    private final double[] y;
    private final LogisticFit.NullModel start;

    LogisticKernel(CovariateBasis basis, double[] y) {
        this.basis = basis;
        this.y = y;
        this.start = LogisticFit.nullFit(basis, y);
    }

    @Override
    public GlmStats apply(VariantBlock block) {
        int n = basis.n;
        long[] words = block.genotypeWords();
        LogisticFit fit = new LogisticFit(basis, y, start);
        byte[] g = new byte[n];
        GlmStats out = new GlmStats(block.variantCount());
        for (int v = 0; v < out.size(); v++) {
            test(out, v, words, block.offset(v), g, fit);
        }
        return out;
    }

    private void test(GlmStats out, int variant, long[] words, int offset, byte[] g, LogisticFit fit) {
        int n = basis.n;
        int[] c = GenotypeCodes.counts(words, offset, n);
        int obs = n - c[3];
        double freq = obs == 0 ? Double.NaN : (c[1] + 2.0 * c[2]) / (2.0 * obs);
        if (obs <= basis.p + 1 || c[0] == obs || c[1] == obs || c[2] == obs) {
            out.untested(variant, freq, obs);
            return;
        }
        int cases = 0;
        for (int i = 0; i < n; i++) {
            g[i] = (byte) GenotypeCodes.get(words, offset, i);
            if (g[i] != 3 && y[i] == 1) {
                cases++;
            }
        }
        if (cases == 0 || cases == obs || !fit.fit(g, c[3] > 0)) {
            out.untested(variant, freq, obs);
            return;
        }
        double beta = fit.beta[basis.p];
        double se = fit.standardError;
        out.set(variant, freq, obs, beta, se, PValues.log10TwoSidedZ(beta / se), fit.usedFirth);
    }
}
