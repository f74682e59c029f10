package org.genosynth.synth;

import java.util.SplittableRandom;

/**
 * A fitted haplotype-cluster hidden Markov model (the fastPHASE model of Scheet &amp; Stephens 2006, as used for
 * knockoff genotypes by Sesia et al.): along a chromosome each haplotype is in one of {@code K} clusters; between
 * variant {@code v - 1} and {@code v} it jumps with probability {@code jump[v]} (1 at the first variant of each
 * chromosome) to cluster {@code c} with probability {@code alpha[p][v K + c]}, and at variant {@code v} in cluster
 * {@code c} it carries the ALT allele with probability {@code theta[p][v K + c]}, both per population {@code p} (as
 * Sesia et al. fit one model per population; here the populations' parameters are shrunk towards the pooled ones).
 *
 * <p>Synthetic haplotypes are drawn forward from this model: a cluster path (the jumps found by exponential skips on
 * the cumulative hazard, so the cost is per jump, not per variant), then every allele independently given its
 * cluster. No real haplotype is copied: what a synthetic haplotype takes from the training cohort is only the
 * per-variant cluster frequencies, each an average over many haplotypes.
 */
final class ClusterModel implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * The population argument of {@link #emit} for an admixed haplotype: each segment's population is in its state,
     * {@code population K + cluster} ({@link #drawAdmixedHaplotype}).
     */
    static final int BY_STATE = -1;
    private final int clusters;
    private final int variants;
    private final int[] chromStarts;
    /** ALT probability per (variant, cluster), scaled to [0, 2^31] for comparison with 31 random bits. */
    private final int[][] thetaBits;
    /** Cumulative hazard {@code sum -ln(1 - jump)} within each chromosome (0 at its first variant). */
    private final double[] hazard;
    /** Per population, cumulative jump-target weights per variant ({@code K} increasing values ending at 1). */
    private final float[][] alphaCumulative;
    /** Variants outside the chain (no position): a cluster state of their own, drawn at emission. */
    private final boolean[] free;

    ClusterModel(int clusters, int[] chromStarts, float[][] theta, double[] jump, float[][] alpha, boolean[] free) {
        this.free = free.clone();
        this.clusters = clusters;
        this.variants = jump.length;
        this.chromStarts = chromStarts.clone();
        this.thetaBits = bits(theta);
        this.hazard = hazard(chromStarts, jump, free);
        this.alphaCumulative = new float[alpha.length][];
        for (int p = 0; p < alpha.length; p++) {
            float[] cum = new float[alpha[p].length];
            for (int v = 0; v < variants; v++) {
                double s = 0;
                for (int k = 0; k < clusters; k++) {
                    s += alpha[p][v * clusters + k];
                    cum[v * clusters + k] = (float) s;
                }
                for (int k = 0; k < clusters; k++) {
                    cum[v * clusters + k] /= (float) s;
                }
                cum[v * clusters + clusters - 1] = 1f;
            }
            alphaCumulative[p] = cum;
        }
    }

    private static double[] hazard(int[] chromStarts, double[] jump, boolean[] free) {
        double[] hazard = new double[jump.length];
        for (int c = 0; c + 1 < chromStarts.length; c++) {
            double h = 0;
            for (int v = chromStarts[c]; v < chromStarts[c + 1]; v++) {
                if (v > chromStarts[c] && !free[v] && jump[v] < 1) {
                    h += -Math.log1p(-jump[v]);
                }
                hazard[v] = h;
            }
        }
        return hazard;
    }

    private static int[][] bits(float[][] theta) {
        int[][] out = new int[theta.length][];
        for (int p = 0; p < theta.length; p++) {
            out[p] = new int[theta[p].length];
            for (int i = 0; i < theta[p].length; i++) {
                out[p][i] = (int) Math.min(Integer.MAX_VALUE, Math.round((double) theta[p][i] * (1L << 31)));
            }
        }
        return out;
    }

    int clusters() {
        return clusters;
    }

    int variants() {
        return variants;
    }

    int populations() {
        return alphaCumulative.length;
    }

    /** Expected number of jumps along a haplotype (chromosome starts not counted; a jump may land in its own cluster). */
    double expectedJumps() {
        double s = 0;
        for (int c = 0; c + 1 < chromStarts.length; c++) {
            if (chromStarts[c + 1] > chromStarts[c]) {
                s += hazard[chromStarts[c + 1] - 1];
            }
        }
        return s;
    }

    /** A diploid genome's two cluster paths (the second in {@link GenomePath#second()}), population {@code p}. */
    GenomePath drawPair(int p, SplittableRandom random) {
        GenomePath second = drawHaplotype(p, random);
        GenomePath first = drawHaplotype(p, random);
        return new GenomePath(first.starts(), first.donors(), second);
    }

    /** One haplotype's cluster path: segments of constant cluster ({@link GenomePath#donors()} = cluster index). */
    GenomePath drawHaplotype(int p, SplittableRandom random) {
        IntList starts = new IntList();
        IntList states = new IntList();
        for (int c = 0; c + 1 < chromStarts.length; c++) {
            if (chromStarts[c] < chromStarts[c + 1]) {
                drawWithin(chromStarts[c], chromStarts[c + 1], p, 0, random, starts, states);
            }
        }
        return new GenomePath(starts.toArray(), states.toArray());
    }

    /**
     * Appends the cluster path of variants {@code [from, to)} (within one chromosome) of population {@code p}: a
     * cluster drawn at the first chained variant, then jumps by exponential skips on the cumulative hazard; each new
     * segment's state is {@code stateBase + cluster}.
     */
    private void drawWithin(int from, int to, int p, int stateBase, SplittableRandom random, IntList starts,
            IntList states) {
        float[] cum = alphaCumulative[p];
        int v = from;
        int chained = from;
        while (chained < to - 1 && free[chained]) {
            chained++;
        }
        int state = pick(cum, chained, random.nextDouble());
        starts.add(v);
        states.add(stateBase + state);
        while (true) {
            double target = hazard[v] + -Math.log(1 - random.nextDouble());
            int next = firstAbove(target, v + 1, to);
            if (next >= to) {
                break;
            }
            v = next;
            int s = pick(cum, v, random.nextDouble());
            if (s != state) {
                state = s;
                starts.add(v);
                states.add(stateBase + state);
            }
        }
    }

    /**
     * An admixed haplotype's cluster path: within ancestry tract {@code t} (variants {@code [tractStarts[t],
     * tractStarts[t + 1])}, the last to the end) the path is drawn as {@link #drawHaplotype} draws population
     * {@code tractPops[t]}'s, starting afresh at the tract's first variant (a jump to that population's targets);
     * states are {@code population K + cluster}, so {@link #emit} with {@link #BY_STATE} uses each tract's own
     * population's allele frequencies. Tracts must start at every chromosome start.
     */
    GenomePath drawAdmixedHaplotype(int[] tractStarts, int[] tractPops, SplittableRandom random) {
        IntList starts = new IntList();
        IntList states = new IntList();
        int c = 0;
        for (int t = 0; t < tractStarts.length; t++) {
            int from = tractStarts[t];
            int to = t + 1 < tractStarts.length ? tractStarts[t + 1] : variants;
            while (chromStarts[c + 1] <= from) {
                c++;
            }
            if (to > chromStarts[c + 1]) {
                throw new IllegalArgumentException("ancestry tract " + t + " crosses a chromosome end");
            }
            drawWithin(from, to, tractPops[t], tractPops[t] * clusters, random, starts, states);
        }
        return new GenomePath(starts.toArray(), states.toArray());
    }

    private int pick(float[] cum, int v, double u) {
        int base = v * clusters;
        for (int k = 0; k < clusters - 1; k++) {
            if (u < cum[base + k]) {
                return k;
            }
        }
        return clusters - 1;
    }

    /** The first variant in {@code [from, to)} whose cumulative hazard reaches {@code target}, or {@code to}. */
    private int firstAbove(double target, int from, int to) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (hazard[mid] >= target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * Draws the alleles of variants {@code [v0, v1)} ({@code v0} a multiple of 32) of one haplotype with cluster path
     * {@code path} into {@code dst} as 2-bit codes 0/1 (the haplotype-row layout of {@link DonorPanel#haplotypes}),
     * word {@code w} of the chunk at {@code dst[dstOff + w]}; the destination words must be zero. With
     * {@code p = }{@link #BY_STATE} each segment's population is taken from its state (an admixed haplotype).
     */
    void emit(GenomePath path, int p, int v0, int v1, SplittableRandom random, long[] dst, int dstOff) {
        int[] starts = path.starts();
        int[] states = path.donors();
        int k = path.segmentOf(v0);
        long bits = 0;
        int have = 0;
        for (; k < starts.length && starts[k] < v1; k++) {
            int a = Math.max(starts[k], v0);
            int b = Math.min(k + 1 < starts.length ? starts[k + 1] : variants, v1);
            int pop = p == BY_STATE ? states[k] / clusters : p;
            int state = p == BY_STATE ? states[k] % clusters : states[k];
            int[] bitsOf = thetaBits[pop];
            for (int v = a; v < b; v++) {
                int s = free[v] ? pick(alphaCumulative[pop], v, random.nextDouble()) : state;
                if (have == 0) {
                    bits = random.nextLong();
                    have = 2;
                }
                int draw = (int) (bits >>> 33);
                bits <<= 31;
                have--;
                if (draw < bitsOf[v * clusters + s]) {
                    int rel = v - v0;
                    dst[dstOff + (rel >>> 5)] |= 1L << ((rel & 31) << 1);
                }
            }
        }
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] a = new int[16];
        private int n;

        void add(int x) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, 2 * n);
            }
            a[n++] = x;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
