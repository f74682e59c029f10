package org.genosynth.eval.fidelity;

import org.genosynth.assoc.ld.LdPairs;
import org.genosynth.model.GenotypeMatrix;

/**
 * r² between every pair of variants of one window, for the heatmap of the report. The window is chosen on the real
 * cohort, deterministically: the run of {@code size} consecutive non-constant variants on one chromosome, starting at
 * the middle of the chromosome with the most variants.
 */
public record LdWindow(String chrom, int[] variants, double[][] realR2, double[][] syntheticR2) {
    public static final int SIZE = 60;

    public static LdWindow of(GenotypeMatrix real, GenotypeMatrix synthetic, int size) {
        LdPairs lr = new LdPairs(real);
        LdPairs ls = new LdPairs(synthetic);
        var vs = real.variants();
        String best = null;
        int bestCount = 0;
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (var v : vs) {
            int c = counts.merge(v.chrom(), 1, Integer::sum);
            if (c > bestCount) {
                bestCount = c;
                best = v.chrom();
            }
        }
        int first = -1;
        int seen = 0;
        for (int i = 0; i < vs.size(); i++) {
            if (vs.get(i).chrom().equals(best) && seen++ == bestCount / 2) {
                first = i;
                break;
            }
        }
        int[] picked = new int[size];
        int n = 0;
        for (int i = Math.max(0, first); i < vs.size() && n < size; i++) {
            if (vs.get(i).chrom().equals(best) && !lr.isConstant(i)) {
                picked[n++] = i;
            }
        }
        picked = java.util.Arrays.copyOf(picked, n);
        double[][] r = new double[n][n];
        double[][] s = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                r[a][b] = a == b ? 1 : lr.moments(picked[a], picked[b]).r2();
                r[b][a] = r[a][b];
                s[a][b] = a == b ? 1 : ls.isConstant(picked[a]) || ls.isConstant(picked[b]) ? Double.NaN
                        : ls.moments(picked[a], picked[b]).r2();
                s[b][a] = s[a][b];
            }
        }
        return new LdWindow(best, picked, r, s);
    }
}
