package org.genosynth.eval.fidelity;

import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.qc.HardyWeinberg;

/**
 * Per-variant and per-sample summaries of one cohort: ALT frequency, minor allele frequency, Hardy–Weinberg exact
 * p-value (as plink2 {@code --hardy}), the per-variant deficit of heterozygotes {@code F = 1 - Hobs / Hexp} (unlike
 * the p-value, its expectation does not grow with the sample size) and each sample's observed heterozygosity (hets /
 * called genotypes).
 */
public record SiteStats(double[] altFreq, double[] maf, double[] hweP, double[] hweF, double[] sampleHeterozygosity) {

    public static SiteStats of(GenotypeMatrix m) {
        int nv = m.variantCount();
        int n = m.sampleCount();
        double[] af = new double[nv];
        double[] maf = new double[nv];
        double[] hwe = new double[nv];
        double[] fis = new double[nv];
        long[] hets = new long[n];
        long[] called = new long[n];
        long[] words = m.words();
        for (int v = 0; v < nv; v++) {
            int off = m.offset(v);
            int[] c = GenotypeCodes.counts(words, off, n);
            int nm = c[0] + c[1] + c[2];
            af[v] = nm == 0 ? Double.NaN : (c[1] + 2.0 * c[2]) / (2.0 * nm);
            maf[v] = Math.min(af[v], 1 - af[v]);
            hwe[v] = nm == 0 ? Double.NaN : HardyWeinberg.exactP(c[1], c[0], c[2]);
            double expectedHet = 2 * af[v] * (1 - af[v]);
            fis[v] = nm == 0 || expectedHet == 0 ? Double.NaN : 1 - ((double) c[1] / nm) / expectedHet;
            for (int w = 0; w < m.wordsPerVariant(); w++) {
                long word = words[off + w];
                long het = GenotypeCodes.hetMask(word);
                long miss = GenotypeCodes.missingMask(word);
                int base = w << 5;
                // walk the set bits of het and of non-missing fields of this word
                long h = het;
                while (h != 0) {
                    int bit = Long.numberOfTrailingZeros(h);
                    hets[base + (bit >>> 1)]++;
                    h &= h - 1;
                }
                int end = Math.min(32, n - base);
                long notMissing = ~miss & GenotypeCodes.LOW_BITS & (end == 32 ? -1L : (1L << (end << 1)) - 1);
                while (notMissing != 0) {
                    int bit = Long.numberOfTrailingZeros(notMissing);
                    called[base + (bit >>> 1)]++;
                    notMissing &= notMissing - 1;
                }
            }
        }
        double[] het = new double[n];
        for (int s = 0; s < n; s++) {
            het[s] = called[s] == 0 ? Double.NaN : (double) hets[s] / called[s];
        }
        return new SiteStats(af, maf, hwe, fis, het);
    }

    /** Share of variants with a Hardy–Weinberg p below {@code alpha}. */
    public double hweFailureShare(double alpha) {
        int n = 0;
        int fail = 0;
        for (double p : hweP) {
            if (!Double.isNaN(p)) {
                n++;
                fail += p < alpha ? 1 : 0;
            }
        }
        return n == 0 ? Double.NaN : (double) fail / n;
    }
}
