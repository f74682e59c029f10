package org.genosynth.pheno;

import java.util.SplittableRandom;

/** Independent random streams derived from one seed and a purpose label, so each draw is reproducible on its own. */
final class Rng {
    private Rng() {
    }

    /** A stream for {@code purpose} under {@code seed}. */
    static SplittableRandom stream(long seed, String purpose) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < purpose.length(); i++) {
            h = (h ^ purpose.charAt(i)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return new SplittableRandom(h);
    }

    /**
     * Draws {@code traits} standard normals with common pairwise correlation {@code r} (the Cholesky factor of the
     * compound-symmetric matrix is given as {@code chol}).
     */
    static void correlatedNormals(SplittableRandom rng, double[][] chol, double[] out) {
        int t = out.length;
        double[] z = new double[t];
        for (int i = 0; i < t; i++) {
            z[i] = rng.nextGaussian();
        }
        for (int i = 0; i < t; i++) {
            double s = 0;
            for (int k = 0; k <= i; k++) {
                s += chol[i][k] * z[k];
            }
            out[i] = s;
        }
    }

    /** Lower Cholesky factor of the {@code t x t} matrix with unit diagonal and {@code r} elsewhere. */
    static double[][] compoundSymmetricCholesky(int t, double r) {
        double[][] a = new double[t][t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                a[i][j] = i == j ? 1 : r;
            }
        }
        double[][] l = new double[t][t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(s, 0));
                } else {
                    l[i][j] = l[j][j] == 0 ? 0 : s / l[j][j];
                }
            }
        }
        return l;
    }

    /** Partial Fisher-Yates: {@code k} distinct values of {@code pool}, in the order drawn. */
    static int[] sample(SplittableRandom rng, int[] pool, int k) {
        int[] p = pool.clone();
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(p.length - i);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return java.util.Arrays.copyOf(p, k);
    }
}
