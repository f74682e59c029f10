package org.genosynth.watermark;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** The genotype patterns of watermark SNPs. */
final class WatermarkPatterns {
    private WatermarkPatterns() {
    }

    /**
     * SynGen6's watermark SNP (Wang, Jiang &amp; Vaidya 2021, first method): start from the phenotype itself (case 1,
     * control 0), then make exactly {@code floor(n eps)} genotypes 2 and {@code floor(n z0 (1 - eps))} genotypes 1, the
     * rest 0, changing as few entries as possible, at random: when there are more cases than 1s wanted, the surplus
     * cases become 2 and the remaining 2s come from controls (SynGen6's case a, the one a balanced phenotype meets);
     * with fewer cases than 1s wanted, controls become 1 and 2 (the SynGen6 script's cases b and c set entries to the
     * value they already had, so their counts were wrong; here the counts always hold).
     *
     * @param cases true for a case, one per sample
     */
    static byte[] syngen6(boolean[] cases, double eps, double z0, SplittableRandom rng) {
        int n = cases.length;
        int want2 = (int) Math.floor(n * eps);
        int want1 = (int) Math.floor(n * z0 * (1 - eps));
        if (want1 + want2 > n) {
            throw new IllegalArgumentException("eps and z0 ask for more than n genotypes");
        }
        byte[] g = new byte[n];
        int[] caseIdx = IntStream.range(0, n).filter(i -> cases[i]).toArray();
        int[] controlIdx = IntStream.range(0, n).filter(i -> !cases[i]).toArray();
        shuffle(caseIdx, rng);
        shuffle(controlIdx, rng);
        if (caseIdx.length >= want1) {
            int surplus = caseIdx.length - want1;
            int twosFromCases = Math.min(surplus, want2);
            for (int k = 0; k < caseIdx.length; k++) {
                g[caseIdx[k]] = (byte) (k < want1 ? 1 : k < want1 + twosFromCases ? 2 : 0);
            }
            int twosFromControls = want2 - twosFromCases;
            if (twosFromControls > controlIdx.length) {
                throw new IllegalArgumentException("too few controls for the 2s that eps asks");
            }
            for (int k = 0; k < twosFromControls; k++) {
                g[controlIdx[k]] = 2;
            }
        } else {
            Arrays.fill(g, (byte) 0);
            for (int i : caseIdx) {
                g[i] = 1;
            }
            int onesFromControls = want1 - caseIdx.length;
            if (onesFromControls + want2 > controlIdx.length) {
                throw new IllegalArgumentException("too few controls for the genotypes eps and z0 ask");
            }
            for (int k = 0; k < onesFromControls + want2; k++) {
                g[controlIdx[k]] = (byte) (k < onesFromControls ? 1 : 2);
            }
        }
        return g;
    }

    /**
     * A keyed pattern that looks like an ordinary associated SNP: Hardy-Weinberg genotype counts at ALT frequency
     * {@code freq}; genotypes given by the rank of {@code delta * z_i + u_i} ({@code z} the standardized phenotype,
     * {@code u} keyed uniforms): the top ranks get 2, the next get 1. {@code delta} is found by bisection so that the
     * trend statistic {@code n r^2} (Armitage's, close to a logistic or linear GWAS's chi-square) equals
     * {@code targetChi2}.
     */
    static byte[] keyed(double[] z, double freq, double targetChi2, double[] u) {
        int n = z.length;
        int c2 = (int) Math.round(n * freq * freq);
        int c1 = (int) Math.round(n * 2 * freq * (1 - freq));
        double lo = 0;
        double hi = 1;
        while (trend(assign(z, u, hi, c1, c2), z) < targetChi2 && hi < 1e6) {
            hi *= 2;
        }
        for (int it = 0; it < 30; it++) {
            double mid = (lo + hi) / 2;
            if (trend(assign(z, u, mid, c1, c2), z) < targetChi2) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return assign(z, u, hi, c1, c2);
    }

    /**
     * Ranks samples by {@code delta * z + u}, highest first (scores compared as floats, ties by sample index: each
     * rank key packs the float's ordered bits and the index into one long, so a primitive sort does the ranking).
     */
    private static byte[] assign(double[] z, double[] u, double delta, int c1, int c2) {
        int n = z.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToIntBits((float) -(delta * z[i] + u[i]));
            bits ^= (bits >> 31) & 0x7fffffff;
            keys[i] = (long) bits << 32 | i;
        }
        Arrays.sort(keys);
        byte[] g = new byte[n];
        for (int r = 0; r < c2 + c1 && r < n; r++) {
            g[(int) keys[r]] = (byte) (r < c2 ? 2 : 1);
        }
        return g;
    }

    /** {@code n r^2} between genotype and phenotype. */
    static double trend(byte[] g, double[] z) {
        int n = g.length;
        double mg = 0;
        double mz = 0;
        for (int i = 0; i < n; i++) {
            mg += g[i];
            mz += z[i];
        }
        mg /= n;
        mz /= n;
        double sgz = 0;
        double sgg = 0;
        double szz = 0;
        for (int i = 0; i < n; i++) {
            double a = g[i] - mg;
            double b = z[i] - mz;
            sgz += a * b;
            sgg += a * a;
            szz += b * b;
        }
        return sgg == 0 || szz == 0 ? 0 : n * sgz * sgz / (sgg * szz);
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
