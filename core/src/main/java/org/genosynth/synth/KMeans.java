package org.genosynth.synth;

import java.util.SplittableRandom;

/** Lloyd's k-means with k-means++ starts; the best of several starts by within-cluster sum of squares. */
final class KMeans {
    private KMeans() {
    }

    static int[] cluster(double[][] x, int k, int starts, SplittableRandom random) {
        int[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int s = 0; s < starts; s++) {
            double[][] c = seeds(x, k, random);
            int[] assign = new int[x.length];
            double cost = 0;
            for (int iter = 0; iter < 200; iter++) {
                boolean changed = false;
                cost = 0;
                for (int i = 0; i < x.length; i++) {
                    int a = nearest(c, x[i]);
                    cost += dist2(c[a], x[i]);
                    changed |= a != assign[i] || iter == 0;
                    assign[i] = a;
                }
                if (!changed) {
                    break;
                }
                c = means(x, assign, k, c);
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = assign.clone();
            }
        }
        return best;
    }

    private static double[][] seeds(double[][] x, int k, SplittableRandom random) {
        double[][] c = new double[k][];
        c[0] = x[random.nextInt(x.length)].clone();
        double[] d = new double[x.length];
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (int i = 0; i < x.length; i++) {
                double best = Double.POSITIVE_INFINITY;
                for (int q = 0; q < j; q++) {
                    best = Math.min(best, dist2(c[q], x[i]));
                }
                d[i] = best;
                total += best;
            }
            double u = random.nextDouble() * total;
            int pick = x.length - 1;
            for (int i = 0; i < x.length; i++) {
                u -= d[i];
                if (u <= 0) {
                    pick = i;
                    break;
                }
            }
            c[j] = x[pick].clone();
        }
        return c;
    }

    private static double[][] means(double[][] x, int[] assign, int k, double[][] old) {
        int dim = x[0].length;
        double[][] c = new double[k][dim];
        int[] n = new int[k];
        for (int i = 0; i < x.length; i++) {
            n[assign[i]]++;
            for (int j = 0; j < dim; j++) {
                c[assign[i]][j] += x[i][j];
            }
        }
        for (int q = 0; q < k; q++) {
            for (int j = 0; j < dim; j++) {
                c[q][j] = n[q] == 0 ? old[q][j] : c[q][j] / n[q];
            }
        }
        return c;
    }

    static int nearest(double[][] c, double[] x) {
        int best = 0;
        double bd = Double.POSITIVE_INFINITY;
        for (int q = 0; q < c.length; q++) {
            double d = dist2(c[q], x);
            if (d < bd) {
                bd = d;
                best = q;
            }
        }
        return best;
    }

    private static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            s += t * t;
        }
        return s;
    }
}
