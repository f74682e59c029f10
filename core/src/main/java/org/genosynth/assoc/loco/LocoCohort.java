package org.genosynth.assoc.loco;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.genosynth.exec.Backend;
import org.genosynth.exec.Shared;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Variant;

/**
 * The analysed samples' genotypes held once on the driver (2 bits a call), cut into {@link SnpSlab}s for every pass,
 * with each variant's counts, mean, chromosome index and model weight. The slab size depends on the variant count
 * only (about an eighth of the variants, between 512 and 2,048), so results do not depend on the thread count or
 * backend; on Spark a pass over 8 slabs is one job.
 */
final class LocoCohort {
    /** Slabs per pass aimed at: enough to balance a few workers, few enough to keep per-pass overhead low. */
    static final int SLABS = 8;
    static final int MIN_SLAB = 512;
    static final int MAX_SLAB = 2048;

    private final GenotypeMatrix g;
    /** The genotype words, shipped once for every slab of every pass. */
    private final Shared<long[]> words;
    private final int n;
    private final List<String> chromosomes = new ArrayList<>();
    private final int[] chrom;
    private final int[] counts;
    private final double[] mean;
    private double[] weight;
    /** Variants per slab: a function of the variant count only, so sums over slabs are the same at any thread count. */
    private final int slab;

    /** Indexes the chromosomes and counts the calls of every variant (one pass on {@code backend}). */
    LocoCohort(GenotypeMatrix g, Backend backend) {
        this.g = g;
        this.words = backend.share(g.words());
        this.n = g.sampleCount();
        int m = g.variantCount();
        this.chrom = new int[m];
        int perSlab = (m + SLABS - 1) / SLABS;
        this.slab = Math.max(MIN_SLAB, Math.min(MAX_SLAB, (perSlab + 63) / 64 * 64));
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int v = 0; v < m; v++) {
            String c = g.variants().get(v).chrom();
            Integer i = index.get(c);
            if (i == null) {
                i = index.size();
                index.put(c, i);
                chromosomes.add(c);
            }
            chrom[v] = i;
        }
        this.counts = new int[4 * m];
        this.mean = new double[m];
        this.weight = new double[m];
        int[] at = {0};
        backend.mapOrdered(slabs(), new CountKernel(), part -> {
            System.arraycopy(part, 0, counts, at[0], part.length);
            at[0] += part.length;
        });
        for (int v = 0; v < m; v++) {
            int called = called(v);
            mean[v] = called == 0 ? 0 : (counts[4 * v + 1] + 2.0 * counts[4 * v + 2]) / called;
        }
    }

    int samples() {
        return n;
    }

    int variants() {
        return g.variantCount();
    }

    Variant variant(int v) {
        return g.variants().get(v);
    }

    List<String> chromosomes() {
        return chromosomes;
    }

    int chrom(int v) {
        return chrom[v];
    }

    /** Samples with a call at variant {@code v}. */
    int called(int v) {
        return counts[4 * v] + counts[4 * v + 1] + counts[4 * v + 2];
    }

    /** Samples with a missing call at variant {@code v}. */
    int missing(int v) {
        return counts[4 * v + 3];
    }

    /** True when the called samples do not all have the same genotype. */
    boolean polymorphic(int v) {
        int c = called(v);
        return c > 0 && counts[4 * v] != c && counts[4 * v + 1] != c && counts[4 * v + 2] != c;
    }

    /** ALT frequency among the called samples (NaN when none is called). */
    double altFrequency(int v) {
        int c = called(v);
        return c == 0 ? Double.NaN : mean[v] / 2;
    }

    void setWeights(double[] weights) {
        this.weight = weights.clone();
    }

    /** The centred genotypes of variant {@code v} (missing = 0). */
    double[] centred(int v) {
        double[] x = new double[n];
        slab(v, v + 1).decode(0, 1, x, 0);
        return x;
    }

    private SnpSlab slab(int v0, int v1) {
        return new SnpSlab(v0, v1 - v0, n, words, g.offset(v0), java.util.Arrays.copyOfRange(mean, v0, v1),
                java.util.Arrays.copyOfRange(weight, v0, v1), java.util.Arrays.copyOfRange(chrom, v0, v1));
    }

    /** Frees the genotype words' shipped copies once the last pass is done ({@link Shared#release}). */
    void release() {
        words.release();
    }

    /** The slabs of every variant, in order. */
    Iterator<SnpSlab> slabs() {
        int m = g.variantCount();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < m;
            }

            @Override
            public SnpSlab next() {
                if (next >= m) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(m, next + slab);
                SnpSlab s = slab(next, end);
                next = end;
                return s;
            }
        };
    }
}
