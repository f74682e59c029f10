package org.genosynth.assoc.glm;

import org.genosynth.exec.BlockKernel;
import org.genosynth.assoc.PValues;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.VariantBlock;

/**
 * Linear regression of the phenotype on ALT dosage plus covariates, per variant, as plink2 {@code --glm} reports its
 * ADD row (t test with {@code n - p - 1} degrees of freedom, {@code p} = covariates + intercept).
 *
 * <p>The covariates are projected out once: with an orthonormal basis {@code Q} of {@code [1, C]} and the phenotype
 * residual {@code r = y - QQ'y}, the genotype coefficient is {@code (g'r - b'A^-1 c) / (g'g - b'A^-1 b)}
 * (Frisch–Waugh–Lovell) with {@code b = Q_S'g}, {@code A = Q_S'Q_S}, {@code c = Q_S'r_S} over the samples S with a
 * genotype call; without missing calls {@code A = I} and {@code c = 0}. {@code g'g} comes from the genotype counts
 * (popcounts); {@code [Q'g, g'r]} is one pass over the samples of the two smallest genotype classes, the third class
 * derived from the precomputed column sums. Missing calls drop the sample for that variant only (plink2's rule).
 *
 * <p>A {@link BlockKernel}: {@code [Q, r]}, its column sums and {@code r'r} are the inputs every backend ships once.
 */
public final class LinearKernel implements BlockKernel<VariantBlock, GlmStats> {
    private static final long serialVersionUID = 1L;
    private final int n;
    private final int p;
    private final int m;
    /** Row-major {@code n x (p+1)}: {@code [Q, r]}. */
    private final double[] rows;
    private final double[] columnSums;
    private final double residualSumOfSquares;

    LinearKernel(CovariateBasis basis, double[] phenotype) {
        this.n = basis.n;
        this.p = basis.p;
        this.m = p + 1;
        double[] r = basis.residualize(phenotype);
        rows = new double[n * m];
        columnSums = new double[m];
        double rr = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(basis.q, i * p, rows, i * m, p);
            rows[i * m + p] = r[i];
            rr += r[i] * r[i];
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                columnSums[j] += rows[i * m + j];
            }
        }
        residualSumOfSquares = rr;
    }

    @Override
    public GlmStats apply(VariantBlock block) {
        long[] words = block.genotypeWords();
        Workspace ws = new Workspace(m, p);
        GlmStats out = new GlmStats(block.variantCount());
        for (int v = 0; v < out.size(); v++) {
            test(out, v, words, block.offset(v), ws);
        }
        return out;
    }

    private static final class Workspace {
        final double[] a;
        final double[] b;
        final double[] missing;
        final double[] gram;
        final double[] z1;
        final double[] z2;

        Workspace(int m, int p) {
            a = new double[m];
            b = new double[m];
            missing = new double[m];
            gram = new double[p * p];
            z1 = new double[p];
            z2 = new double[p];
        }
    }

    private void test(GlmStats out, int variant, long[] words, int offset, Workspace ws) {
        int[] c = GenotypeCodes.counts(words, offset, n);
        int homRef = c[0];
        int het = c[1];
        int homAlt = c[2];
        int miss = c[3];
        int obs = n - miss;
        double freq = obs == 0 ? Double.NaN : (het + 2.0 * homAlt) / (2.0 * obs);
        if (obs <= p + 1 || homRef == obs || het == obs || homAlt == obs) {
            out.untested(variant, freq, obs);
            return;
        }
        double[] sumG = genotypeSums(words, offset, homRef, het, homAlt, miss, ws);
        double gg = het + 4.0 * homAlt;
        double gr = sumG[p];
        double ggt;
        double grt;
        double rrt;
        if (miss == 0) {
            double bb = 0;
            for (int j = 0; j < p; j++) {
                bb += sumG[j] * sumG[j];
            }
            ggt = gg - bb;
            grt = gr;
            rrt = residualSumOfSquares;
        } else {
            double[] adjusted = missingAdjusted(words, offset, sumG, gg, gr, ws);
            if (adjusted == null) {
                out.untested(variant, freq, obs);
                return;
            }
            ggt = adjusted[0];
            grt = adjusted[1];
            rrt = adjusted[2];
        }
        if (!(ggt > 1e-10 * gg)) {
            out.untested(variant, freq, obs);
            return;
        }
        double beta = grt / ggt;
        double rss = Math.max(0, rrt - beta * grt);
        int df = obs - p - 1;
        double se = Math.sqrt(rss / df / ggt);
        double log10p = PValues.log10TwoSidedT(beta / se, df);
        out.set(variant, freq, obs, beta, se, log10p, false);
    }

    /**
     * {@code sum_i g_i [Q_i, r_i]} over called samples, accumulating only the rows of the two smallest genotype
     * classes (and missing calls) and deriving the largest class from the column sums.
     */
    private double[] genotypeSums(long[] words, int offset, int homRef, int het, int homAlt, int miss, Workspace ws) {
        double[] a = ws.a;
        double[] b = ws.b;
        java.util.Arrays.fill(a, 0);
        java.util.Arrays.fill(b, 0);
        // class codes: 0 = hom-ref, 1 = het, 2 = hom-alt; accumulate the two smallest into a and b
        int largest = homRef >= het && homRef >= homAlt ? 0 : het >= homAlt ? 1 : 2;
        int first = largest == 0 ? 1 : 0;
        int second = largest == 2 ? 1 : 2;
        int words1 = GenotypeCodes.wordsPerVariant(n);
        long lastValid = GenotypeCodes.LOW_BITS & GenotypeCodes.lastWordMask(n);
        for (int w = 0; w < words1; w++) {
            long word = words[offset + w];
            long lo = word & GenotypeCodes.LOW_BITS;
            long hi = (word >>> 1) & GenotypeCodes.LOW_BITS;
            long valid = w == words1 - 1 ? lastValid : GenotypeCodes.LOW_BITS;
            int base = w << 5;
            addRows(classMask(first, lo, hi, valid), base, a);
            addRows(classMask(second, lo, hi, valid), base, b);
        }
        double[] missing = ws.missing;
        java.util.Arrays.fill(missing, 0);
        if (miss > 0) {
            for (int w = 0; w < words1; w++) {
                addRows(GenotypeCodes.missingMask(words[offset + w]), w << 5, missing);
            }
        }
        // a, b hold the sums of classes (first, second); S - a - b - missing is the largest class
        double[] s = columnSums;
        for (int j = 0; j < m; j++) {
            double rest = s[j] - a[j] - b[j] - missing[j];
            double sumHet;
            double sumHomAlt;
            switch (largest) {
                case 0 -> {
                    sumHet = a[j];
                    sumHomAlt = b[j];
                }
                case 1 -> {
                    sumHet = rest;
                    sumHomAlt = b[j];
                }
                default -> {
                    sumHet = b[j];
                    sumHomAlt = rest;
                }
            }
            a[j] = sumHet + 2 * sumHomAlt;
        }
        return a;
    }

    private static long classMask(int code, long lo, long hi, long valid) {
        return switch (code) {
            case 0 -> ~lo & ~hi & valid;
            case 1 -> lo & ~hi;
            default -> hi & ~lo;
        };
    }

    private void addRows(long mask, int base, double[] acc) {
        while (mask != 0) {
            int s = base + (Long.numberOfTrailingZeros(mask) >>> 1);
            int at = s * m;
            for (int j = 0; j < m; j++) {
                acc[j] += rows[at + j];
            }
            mask &= mask - 1;
        }
    }

    /**
     * {@code [g~'g~, g~'r~, r~'r~]} over the called samples when some calls are missing: {@code A = I - sum_M q q'},
     * {@code c = -sum_M q r}, {@code r'r} minus the missing samples' squares. Null when A is singular.
     */
    private double[] missingAdjusted(long[] words, int offset, double[] sumG, double gg, double gr, Workspace ws) {
        double[] gram = ws.gram;
        java.util.Arrays.fill(gram, 0);
        double[] cvec = ws.z2;
        java.util.Arrays.fill(cvec, 0);
        double rr = residualSumOfSquares;
        int words1 = GenotypeCodes.wordsPerVariant(n);
        for (int w = 0; w < words1; w++) {
            long mask = GenotypeCodes.missingMask(words[offset + w]);
            while (mask != 0) {
                int s = (w << 5) + (Long.numberOfTrailingZeros(mask) >>> 1);
                int at = s * m;
                double r = rows[at + p];
                rr -= r * r;
                for (int j = 0; j < p; j++) {
                    cvec[j] -= rows[at + j] * r;
                    for (int t = 0; t <= j; t++) {
                        gram[j * p + t] -= rows[at + j] * rows[at + t];
                    }
                }
                mask &= mask - 1;
            }
        }
        for (int j = 0; j < p; j++) {
            gram[j * p + j] += 1;
            for (int t = 0; t < j; t++) {
                gram[t * p + j] = gram[j * p + t];
            }
        }
        if (!Cholesky.cholesky(gram, p)) {
            return null;
        }
        double[] z1 = ws.z1;
        System.arraycopy(sumG, 0, z1, 0, p);
        Cholesky.solve(gram, p, z1);
        double[] c = cvec.clone();
        Cholesky.solve(gram, p, c);
        double bAb = 0;
        double bAc = 0;
        double cAc = 0;
        for (int j = 0; j < p; j++) {
            bAb += sumG[j] * z1[j];
            bAc += sumG[j] * c[j];
            cAc += cvec[j] * c[j];
        }
        return new double[] {gg - bAb, gr - bAc, rr - cAc};
    }
}
