package org.genosynth.synth;

/**
 * The E step of the {@link ClusterModel} for one observed sequence: scaled forward-backward over the cluster states,
 * adding the posterior expectations to a {@link ClusterStats}. {@link #haploid} runs over the {@code K} states of a
 * phased haplotype (alleles 0/1, 3 = missing); {@link #diploid} over the {@code K x K} ordered cluster pairs of an
 * unphased genotype (0/1/2, 3 = missing), in {@code O(K^2)} per variant because the two haplotypes jump independently.
 * Variants without a position are outside the chain: each has its own state, independent of its neighbours. Arrays
 * are reused between calls on the same worker.
 */
final class ForwardBackward {
    private final int k;
    private final int m;
    private final double[] f;
    private final double[] c;
    private final double[] b;
    private final double[] u;
    private final double[] r1;
    private final double[] r2;
    private final double[] m1;
    private final double[] m2;
    private final boolean[] free;

    /**
     * @param free variants outside the chain (no position): each has a cluster state of its own, drawn from the
     *             jump targets, and the chain passes over it unchanged
     */
    ForwardBackward(int clusters, int variants, boolean diploid, boolean[] free) {
        this.k = clusters;
        this.m = variants;
        this.free = free;
        int states = diploid ? clusters * clusters : clusters;
        f = new double[Math.multiplyExact(states, variants)];
        c = new double[variants];
        b = new double[states];
        u = new double[states];
        r1 = new double[clusters];
        r2 = new double[clusters];
        m1 = new double[clusters];
        m2 = new double[clusters];
    }

    /** One haplotype, population {@code pop}, under parameters {@code theta}, {@code jump}, {@code alpha}. */
    void haploid(byte[] obs, float[] theta, double[] jump, float[] alpha, int pop, ClusterStats st) {
        double logLik = 0;
        for (int v = 0; v < m; v++) {
            double j = jump[v];
            double s = 1 - j;
            int base = v * k;
            int prev = base - k;
            int o = obs[v];
            double sum = 0;
            if (free[v]) {
                for (int a = 0; a < k; a++) {
                    double th = theta[base + a];
                    sum += alpha[base + a] * (o == 3 ? 1 : o == 1 ? th : 1 - th);
                    f[base + a] = v > 0 ? f[prev + a] : 0;
                }
                sum = sum > 0 ? sum : Double.MIN_NORMAL;
                c[v] = sum;
                logLik += Math.log(sum);
                continue;
            }
            for (int a = 0; a < k; a++) {
                double pre = j * alpha[base + a] + (v > 0 ? s * f[prev + a] : 0);
                double th = theta[base + a];
                double e = o == 3 ? 1 : o == 1 ? th : 1 - th;
                double x = pre * e;
                f[base + a] = x;
                sum += x;
            }
            sum = sum > 0 ? sum : Double.MIN_NORMAL;
            c[v] = sum;
            double inv = 1 / sum;
            for (int a = 0; a < k; a++) {
                f[base + a] *= inv;
            }
            logLik += Math.log(sum);
        }
        java.util.Arrays.fill(b, 0, k, 1.0);
        double[] weight = st.weight[pop];
        double[] alt = st.alt[pop];
        double[] jumps = st.jumps[pop];
        for (int v = m - 1; v >= 0; v--) {
            int base = v * k;
            int o = obs[v];
            double j = jump[v];
            double inv = 1 / c[v];
            if (free[v]) {
                for (int a = 0; a < k; a++) {
                    double th = theta[base + a];
                    double g = alpha[base + a] * (o == 3 ? 1 : o == 1 ? th : 1 - th) * inv;
                    if (o != 3) {
                        weight[base + a] += g;
                        if (o == 1) {
                            alt[base + a] += g;
                        }
                    }
                    jumps[base + a] += g;
                }
                continue;
            }
            double total = 0;
            for (int a = 0; a < k; a++) {
                double g = f[base + a] * b[a];
                if (o != 3) {
                    weight[base + a] += g;
                    if (o == 1) {
                        alt[base + a] += g;
                    }
                }
                double th = theta[base + a];
                double e = o == 3 ? 1 : o == 1 ? th : 1 - th;
                double x = e * b[a];
                u[a] = x;
                total += alpha[base + a] * x;
            }
            double s = 1 - j;
            for (int a = 0; a < k; a++) {
                jumps[base + a] += j * alpha[base + a] * u[a] * inv;
                b[a] = (s * u[a] + j * total) * inv;
            }
        }
        st.logLikelihood += logLik;
    }

    /** One unphased genotype (both haplotypes of population {@code pop}). */
    void diploid(byte[] obs, float[] theta, double[] jump, float[] alpha, int pop, ClusterStats st) {
        diploid(obs, theta, jump, alpha, pop, st, false);
    }

    /** As above; {@code forwardOnly} leaves the forward probabilities in place and adds no statistics. */
    private void diploid(byte[] obs, float[] theta, double[] jump, float[] alpha, int pop, ClusterStats st,
            boolean forwardOnly) {
        int kk = k * k;
        double logLik = 0;
        for (int v = 0; v < m; v++) {
            double j = jump[v];
            double s = 1 - j;
            int cb = v * k;
            int base = v * kk;
            int prev = base - kk;
            if (free[v]) {
                int o = obs[v];
                double sum = 0;
                for (int a = 0; a < k; a++) {
                    for (int bb = 0; bb < k; bb++) {
                        sum += alpha[cb + a] * alpha[cb + bb] * emission(o, theta[cb + a], theta[cb + bb]);
                        f[base + a * k + bb] = v > 0 ? f[prev + a * k + bb] : 0;
                    }
                }
                sum = sum > 0 ? sum : Double.MIN_NORMAL;
                c[v] = sum;
                logLik += Math.log(sum);
                continue;
            }
            if (v > 0 && j < 1) {
                marginals(prev);
            } else {
                java.util.Arrays.fill(m1, 0);
                java.util.Arrays.fill(m2, 0);
            }
            int o = obs[v];
            double ss = s * s;
            double sj = s * j;
            double jj = j * j;
            double sum = 0;
            for (int a = 0; a < k; a++) {
                double aa = alpha[cb + a];
                double ta = theta[cb + a];
                double ma = m1[a];
                int row = base + a * k;
                for (int bb = 0; bb < k; bb++) {
                    double ab = alpha[cb + bb];
                    double pre = jj * aa * ab + sj * (aa * m2[bb] + ab * ma)
                            + (ss > 0 ? ss * f[prev + a * k + bb] : 0);
                    double x = pre * emission(o, ta, theta[cb + bb]);
                    f[row + bb] = x;
                    sum += x;
                }
            }
            sum = sum > 0 ? sum : Double.MIN_NORMAL;
            c[v] = sum;
            double inv = 1 / sum;
            for (int i = base; i < base + kk; i++) {
                f[i] *= inv;
            }
            logLik += Math.log(sum);
        }
        if (forwardOnly) {
            return;
        }
        java.util.Arrays.fill(b, 0, kk, 1.0);
        double[] weight = st.weight[pop];
        double[] alt = st.alt[pop];
        double[] jumps = st.jumps[pop];
        for (int v = m - 1; v >= 0; v--) {
            int cb = v * k;
            int base = v * kk;
            int o = obs[v];
            double j = jump[v];
            double s = 1 - j;
            double inv = 1 / c[v];
            if (free[v]) {
                for (int a = 0; a < k; a++) {
                    double ta = theta[cb + a];
                    for (int bb = 0; bb < k; bb++) {
                        double tb = theta[cb + bb];
                        double e = emission(o, ta, tb);
                        double g = alpha[cb + a] * alpha[cb + bb] * e * inv;
                        alleles(o, g, e, ta, tb, cb + a, cb + bb, weight, alt);
                        jumps[cb + a] += g;
                        jumps[cb + bb] += g;
                    }
                }
                continue;
            }
            java.util.Arrays.fill(r1, 0);
            java.util.Arrays.fill(r2, 0);
            for (int a = 0; a < k; a++) {
                double ta = theta[cb + a];
                double aa = alpha[cb + a];
                for (int bb = 0; bb < k; bb++) {
                    int i = a * k + bb;
                    double tb = theta[cb + bb];
                    double e = emission(o, ta, tb);
                    double g = f[base + i] * b[i];
                    alleles(o, g, e, ta, tb, cb + a, cb + bb, weight, alt);
                    double x = e * b[i];
                    u[i] = x;
                    r1[a] += alpha[cb + bb] * x;
                    r2[bb] += aa * x;
                }
            }
            if (v > 0 && j < 1) {
                marginals(base - kk);
            } else {
                java.util.Arrays.fill(m1, 0);
                java.util.Arrays.fill(m2, 0);
            }
            double total = 0;
            for (int a = 0; a < k; a++) {
                total += alpha[cb + a] * r1[a];
            }
            // expected jumps into each cluster: haplotype 1 into a, haplotype 2 into b
            for (int a = 0; a < k; a++) {
                double aa = alpha[cb + a];
                double into1 = 0;
                double into2 = 0;
                for (int bb = 0; bb < k; bb++) {
                    double ab = alpha[cb + bb];
                    into1 += (s * m2[bb] + j * ab) * u[a * k + bb];
                    into2 += (s * m1[bb] + j * ab) * u[bb * k + a];
                }
                jumps[cb + a] += j * aa * (into1 + into2) * inv;
            }
            double ss = s * s;
            double sj = s * j;
            double jj = j * j;
            for (int a = 0; a < k; a++) {
                for (int bb = 0; bb < k; bb++) {
                    int i = a * k + bb;
                    b[i] = (ss * u[i] + sj * (r1[a] + r2[bb]) + jj * total) * inv;
                }
            }
        }
        st.logLikelihood += logLik;
    }

    /**
     * A haplotype pair for one unphased genotype drawn from the diploid model's posterior (forward filtering, backward
     * sampling of the cluster pair, then the alleles at heterozygous sites given the pair). Returns two haplotypes of
     * codes 0/1 (3 where the genotype is missing).
     */
    byte[][] samplePhase(byte[] obs, float[] theta, double[] jump, float[] alpha, java.util.SplittableRandom random) {
        diploid(obs, theta, jump, alpha, 0, new ClusterStats(0, 1), true);
        int kk = k * k;
        byte[] h1 = new byte[m];
        byte[] h2 = new byte[m];
        double[] w = new double[kk];
        int chainA = -1;
        int chainB = -1;
        for (int v = m - 1; v >= 0; v--) {
            int base = v * kk;
            if (v == m - 1 || !free[v + 1]) {
                // the chain state at the last chained variant <= v, given the state drawn after it
                double jn = v == m - 1 ? 1 : jump[v + 1];
                int cb = (v + 1) * k;
                double sum = 0;
                for (int a = 0; a < k; a++) {
                    for (int b2 = 0; b2 < k; b2++) {
                        double x = f[base + a * k + b2];
                        if (chainA >= 0 && jn < 1) {
                            double ta = (a == chainA ? 1 - jn : 0) + jn * alpha[cb + chainA];
                            double tb = (b2 == chainB ? 1 - jn : 0) + jn * alpha[cb + chainB];
                            x *= ta * tb;
                        }
                        w[a * k + b2] = x;
                        sum += x;
                    }
                }
                int pick = sum > 0 ? draw(w, sum, random.nextDouble()) : -1;
                if (pick < 0) {
                    for (int i = 0; i < kk; i++) {
                        w[i] = alpha[v * k + i / k] * alpha[v * k + i % k];
                    }
                    pick = draw(w, java.util.Arrays.stream(w).sum(), random.nextDouble());
                }
                chainA = pick / k;
                chainB = pick % k;
            }
            int a = chainA;
            int b2 = chainB;
            int o = obs[v];
            int cb = v * k;
            if (free[v]) {
                double sum = 0;
                for (int i = 0; i < kk; i++) {
                    w[i] = alpha[cb + i / k] * alpha[cb + i % k] * emission(o, theta[cb + i / k], theta[cb + i % k]);
                    sum += w[i];
                }
                int pick = draw(w, sum, random.nextDouble());
                a = pick / k;
                b2 = pick % k;
            }
            if (o == 3) {
                h1[v] = 3;
                h2[v] = 3;
            } else if (o == 0 || o == 2) {
                h1[v] = (byte) (o / 2);
                h2[v] = (byte) (o / 2);
            } else {
                double ta = theta[cb + a];
                double tb = theta[cb + b2];
                double first = ta * (1 - tb);
                double second = (1 - ta) * tb;
                boolean altFirst = first + second > 0 ? random.nextDouble() * (first + second) < first
                        : random.nextBoolean();
                h1[v] = (byte) (altFirst ? 1 : 0);
                h2[v] = (byte) (altFirst ? 0 : 1);
            }
        }
        return new byte[][] {h1, h2};
    }

    /** Index drawn with probability {@code w[i] / sum}. */
    private static int draw(double[] w, double sum, double u) {
        double x = u * sum;
        for (int i = 0; i < w.length; i++) {
            x -= w[i];
            if (x < 0) {
                return i;
            }
        }
        return w.length - 1;
    }

    /**
     * Adds a cluster pair's posterior weight {@code g} at a genotype {@code o} to the two clusters' allele statistics:
     * the ALT expectation of each haplotype given the pair (at a het, {@code ta (1 - tb) / e} for the first).
     */
    private static void alleles(int o, double g, double e, double ta, double tb, int ia, int ib, double[] weight,
            double[] alt) {
        if (o == 3) {
            return;
        }
        weight[ia] += g;
        weight[ib] += g;
        if (o == 2) {
            alt[ia] += g;
            alt[ib] += g;
        } else if (o == 1 && e > 0) {
            double pa = ta * (1 - tb) / e;
            alt[ia] += g * pa;
            alt[ib] += g * (1 - pa);
        }
    }

    /** Row and column sums of the forward probabilities stored at {@code off}. */
    private void marginals(int off) {
        java.util.Arrays.fill(m1, 0);
        java.util.Arrays.fill(m2, 0);
        for (int a = 0; a < k; a++) {
            for (int bb = 0; bb < k; bb++) {
                double x = f[off + a * k + bb];
                m1[a] += x;
                m2[bb] += x;
            }
        }
    }

    private static double emission(int o, double ta, double tb) {
        switch (o) {
            case 0:
                return (1 - ta) * (1 - tb);
            case 1:
                return ta + tb - 2 * ta * tb;
            case 2:
                return ta * tb;
            default:
                return 1;
        }
    }
}
