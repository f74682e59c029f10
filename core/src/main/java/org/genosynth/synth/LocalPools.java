package org.genosynth.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.assoc.kinship.Grm;
import org.genosynth.assoc.kinship.Standardized;
import org.genosynth.assoc.pca.Pca;
import org.genosynth.assoc.pca.PcaResult;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;

/**
 * Ancestry-local donor pools for the mosaic. A mosaic whose donors come from the whole cohort averages their ancestries:
 * its genomes gather at the centre of the real PCA, are unrelated to each other, and lose the long-range LD that
 * structure makes. Here every synthetic genome draws an <em>anchor</em> (a training genome, seeded) and its donors are
 * the {@link #SHARE} of its population nearest to the anchor in the space of the cohort's significant principal
 * components (scaled by the square roots of their eigenvalues); the anchor itself is never a donor. Synthetic genomes
 * land where real ones are, near anchors that share donors are related as real neighbours are, and each genome is still
 * a mosaic of at least {@code --min-donors} real genomes.
 *
 * <p>The principal components are those of the standardized GRM of at most {@link #MAX_PCA_SAMPLES} samples x
 * {@link #MAX_PCA_VARIANTS} variants (seeded subsets), every training sample projected onto them; their number is the
 * count of components that pass the Tracy–Widom test (as for inferred populations), at most {@link #MAX_PCS}. A cohort
 * without a significant component keeps one global pool per population. A genome the kinship check has rejected
 * {@link #LOCAL_ATTEMPTS} times draws from its whole population (a bound stricter than the cohort's own relatedness,
 * such as {@code --max-kinship 0.0884} in a colony of sibships, cannot be met by neighbours).
 */
final class LocalPools {
    /** Share of a population in a pool. */
    static final double SHARE = 0.15;
    /** Smallest pool (whole population when smaller). */
    static final int MIN_POOL = 20;
    static final int MAX_PCS = 8;
    static final int MAX_PCA_SAMPLES = 2000;
    static final int MAX_PCA_VARIANTS = 10_000;
    /** Attempts drawn from local pools before a genome's donors come from its whole population. */
    static final int LOCAL_ATTEMPTS = 10;
    /** Anchors per population at most (each synthetic genome picks one of them). */
    static final int MAX_ANCHORS = 2000;
    private static final long SAMPLES = 0x10CA1L;
    private static final long VARIANTS = 0x10CA2L;
    private static final long ANCHORS = 0x10CA3L;
    private static final long PICK = 0x10CA4L;

    /** Per population, its anchors' pools (training rows, ascending). */
    private final int[][][] pools;
    private final int[][] members;
    /** Per population, a seeded permutation of its anchors. */
    private final int[][] order;
    private final int pcs;
    private final long seed;

    private LocalPools(int[][][] pools, int[][] members, int pcs, long seed) {
        this.pools = pools;
        this.members = members;
        this.order = new int[pools.length][];
        for (int p = 0; p < pools.length; p++) {
            order[p] = Shuffle.permutation(pools[p].length, new SplittableRandom(RowBuilder.mix(seed, PICK, p)));
        }
        this.pcs = pcs;
        this.seed = seed;
    }

    /** Number of principal components the pools were chosen on (0: global pools). */
    int pcs() {
        return pcs;
    }

    /** Smallest and largest pool size. */
    int[] poolSizeRange() {
        int lo = Integer.MAX_VALUE;
        int hi = 0;
        for (int[][] p : pools) {
            for (int[] q : p) {
                lo = Math.min(lo, q.length);
                hi = Math.max(hi, q.length);
            }
        }
        return new int[] {lo, hi};
    }

    /** The donor pool (training rows) of synthetic genome {@code sample} of population {@code pop} at an attempt. */
    int[] pool(int sample, int attempt, int pop) {
        if (attempt >= LOCAL_ATTEMPTS) {
            return members[pop];
        }
        int[][] p = pools[pop];
        // first attempts take the anchors in a seeded order, so consecutive genomes cover the population evenly
        // (random anchors would add their own sampling noise to the allele frequencies); redraws take any anchor
        return p[attempt == 0 ? order[pop][sample % p.length]
                : new SplittableRandom(RowBuilder.mix(seed, PICK, sample, attempt)).nextInt(p.length)];
    }

    /** The haplotype rows ({@code 2 row + h}) of {@link #pool}. */
    int[] haplotypePool(int sample, int attempt, int pop) {
        int[] rows = pool(sample, attempt, pop);
        int[] out = new int[2 * rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[2 * i] = 2 * rows[i];
            out[2 * i + 1] = 2 * rows[i] + 1;
        }
        return out;
    }

    /** Pools over the members of each population of {@code train}. */
    static LocalPools of(GenotypeMatrix train, int[][] members, long seed) {
        return of(coordinates(train, seed), members, seed);
    }

    /** Pools over the members of each population, from the samples' {@link #coordinates}. */
    static LocalPools of(double[][] x, int[][] members, long seed) {
        int d = x.length == 0 ? 0 : x[0].length;
        int[][][] pools = new int[members.length][][];
        for (int p = 0; p < members.length; p++) {
            int[] mem = members[p];
            int size = Math.min(mem.length, Math.max(MIN_POOL, (int) Math.ceil(SHARE * mem.length)));
            if (d == 0 || size >= mem.length) {
                pools[p] = new int[][] {mem.clone()};
                continue;
            }
            int[] anchors = anchors(mem, seed, p);
            pools[p] = new int[anchors.length][];
            long[] keyed = new long[mem.length];
            for (int a = 0; a < anchors.length; a++) {
                double[] at = x[anchors[a]];
                int m = 0;
                for (int i : mem) {
                    if (i == anchors[a]) {
                        continue;
                    }
                    double dist = 0;
                    for (int c = 0; c < d; c++) {
                        double t = x[i][c] - at[c];
                        dist += t * t;
                    }
                    // non-negative floats order as their bits: (distance, row) in one sortable long
                    keyed[m++] = ((long) Float.floatToIntBits((float) dist) << 32) | i;
                }
                int take = Math.min(size, m);
                Selection.smallest(keyed, m, take);
                int[] pool = new int[take];
                for (int j = 0; j < take; j++) {
                    pool[j] = (int) keyed[j];
                }
                Arrays.sort(pool);
                pools[p][a] = pool;
            }
        }
        return new LocalPools(pools, members, d, seed);
    }

    /** Up to {@link #MAX_ANCHORS} members, a seeded subset when there are more. */
    private static int[] anchors(int[] members, long seed, int pop) {
        if (members.length <= MAX_ANCHORS) {
            return members.clone();
        }
        int[] shuffled = Shuffle.inPlace(members.clone(), new SplittableRandom(RowBuilder.mix(seed, ANCHORS, pop)));
        int[] out = Arrays.copyOf(shuffled, MAX_ANCHORS);
        Arrays.sort(out);
        return out;
    }

    /**
     * Every training sample's coordinates on the significant principal components, scaled by the square roots of
     * their eigenvalues ({@code [sample][pc]}); no columns when no component is significant.
     */
    static double[][] coordinates(GenotypeMatrix train, long seed) {
        int n = train.sampleCount();
        int[] variants = org.genosynth.eval.Cohorts.subset(train.variantCount(), MAX_PCA_VARIANTS,
                RowBuilder.mix(seed, VARIANTS));
        GenotypeMatrix all = variantSubset(train, variants);
        int[] rows = org.genosynth.eval.Cohorts.subset(n, MAX_PCA_SAMPLES, RowBuilder.mix(seed, SAMPLES));
        GenotypeMatrix fitSet = rows.length == n ? all : InnerSplit.subset(all, rows);
        Standardized z = Standardized.of(fitSet);
        double[] grm = Grm.compute(z);
        int d = Populations.inferCount(z, grm, MAX_PCS + 1) - 1;
        if (d <= 0) {
            return new double[n][0];
        }
        double[][] x = new double[n][d];
        PcaResult pca = Pca.exact(z, grm, d);
        double[] ev = pca.eigenvalues();
        if (rows.length == n) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < d; c++) {
                    x[i][c] = pca.eigenvector(i, c) * Math.sqrt(ev[c]);
                }
            }
            return x;
        }
        // projection: sum_j a[j][c] z[j] / M, the eigenvector entry times sqrt(lambda) for a sample of the fit set
        double[] w = pca.model().weights();
        double[] freq = pca.model().altFreq();
        Standardized zAll = new Standardized(all, freq);
        int m = all.variantCount();
        double[] zv = new double[4];
        for (int v = 0; v < m; v++) {
            for (int code = 0; code < 4; code++) {
                zv[code] = zAll.z(v, code);
            }
            for (int i = 0; i < n; i++) {
                double zi = zv[all.code(v, i)];
                if (zi != 0) {
                    for (int c = 0; c < d; c++) {
                        x[i][c] += w[v * d + c] * zi;
                    }
                }
            }
        }
        for (double[] xi : x) {
            for (int c = 0; c < d; c++) {
                xi[c] /= m;
            }
        }
        return x;
    }

    /** The variants {@code keep} (ascending) of {@code m}, every sample. */
    private static GenotypeMatrix variantSubset(GenotypeMatrix m, int[] keep) {
        if (keep.length == m.variantCount()) {
            return m;
        }
        int wpv = m.wordsPerVariant();
        long[] words = new long[Math.multiplyExact(keep.length, wpv)];
        List<org.genosynth.model.Variant> vs = new ArrayList<>(keep.length);
        for (int j = 0; j < keep.length; j++) {
            System.arraycopy(m.words(), m.offset(keep[j]), words, j * wpv, wpv);
            vs.add(m.variants().get(keep[j]));
        }
        assert wpv == GenotypeCodes.wordsPerVariant(m.sampleCount());
        return new GenotypeMatrix(m.samples(), vs, words, null);
    }

    /** In-place partial selection on {@code long} keys. */
    static final class Selection {
        private Selection() {
        }

        /** Moves the {@code k} smallest of {@code a[0, n)} into {@code a[0, k)} (in no particular order). */
        static void smallest(long[] a, int n, int k) {
            int lo = 0;
            int hi = n - 1;
            while (lo < hi) {
                long pivot = median(a[lo], a[(lo + hi) >>> 1], a[hi]);
                int i = lo;
                int j = hi;
                while (i <= j) {
                    while (a[i] < pivot) {
                        i++;
                    }
                    while (a[j] > pivot) {
                        j--;
                    }
                    if (i <= j) {
                        long t = a[i];
                        a[i] = a[j];
                        a[j] = t;
                        i++;
                        j--;
                    }
                }
                if (k - 1 <= j) {
                    hi = j;
                } else if (k - 1 >= i) {
                    lo = i;
                } else {
                    return;
                }
            }
        }

        private static long median(long a, long b, long c) {
            return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
        }
    }
}
