package org.genosynth.synth;

import java.util.SplittableRandom;
import org.genosynth.model.Chromosomes;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;

/**
 * The training cohort's departure from Hardy–Weinberg proportions, for genomes whose two haplotypes are drawn
 * independently of each other (the haplotype-cluster HMM, the context sampler): such a genome is in HWE within its
 * population, where a real cohort often is not (inbreeding, assortative mating, populations finer than the labels;
 * {@code plink2 --dummy}'s genotypes are too: F 0.012). Measured once: {@code F = 1 - sum Hobs / sum Hexp} over the
 * autosomal variants within each population (Hobs its heterozygous calls, Hexp {@code 2pq * 2c / (2c - 1)} of its
 * {@code c} calls at its own ALT frequency {@code p}), pooled over the populations by their Hexp. When F is positive,
 * each drawn genome's second haplotype takes its first's allele at every variant with probability F (identity by
 * descent at that variant), which takes each variant's expected heterozygosity down by the factor {@code 1 - F} and
 * keeps its allele frequency; the heterozygosity per genome then centres where the real genomes' does. One number of
 * the whole cohort: it copies no genome. The streams are keyed by seed, genome, attempt and chunk, so the output does
 * not depend on the thread count.
 */
final class Inbreeding implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final long IBD = 0x1BD5L;

    private final double coefficient;
    private final long seed;

    private Inbreeding(double coefficient, long seed) {
        this.coefficient = coefficient;
        this.seed = seed;
    }

    /**
     * The training cohort's F within its populations ({@code population[s]} of each sample, {@code 0 ..
     * populations - 1}), or NaN when no autosomal variant has two called genotypes in a population.
     */
    static double coefficient(GenotypeMatrix train, int[] population, int populations) {
        int n = train.sampleCount();
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[][] masks = new long[populations][wpv];
        for (int s = 0; s < n; s++) {
            masks[population[s]][s >>> 5] |= 1L << ((s & 31) << 1);
        }
        long[] words = train.words();
        double observed = 0;
        double expected = 0;
        for (int v = 0; v < train.variantCount(); v++) {
            if (!Chromosomes.isAutosome(train.variants().get(v).chrom())) {
                continue;
            }
            int off = train.offset(v);
            for (long[] mask : masks) {
                int[] c = GenotypeCodes.maskedCounts(words, off, mask);
                int called = c[3] - c[2];
                if (called < 2) {
                    continue;
                }
                double p = (c[0] + 2.0 * c[1]) / (2.0 * called);
                observed += c[0];
                expected += 2 * p * (1 - p) * called * (2.0 * called / (2.0 * called - 1));
            }
        }
        return expected > 0 ? 1 - observed / expected : Double.NaN;
    }

    /**
     * The identity by descent the drawn genomes get for the cohort's F {@code f} ({@link #coefficient}), or null
     * when it is not positive (or NaN): they are in HWE already.
     */
    static Inbreeding of(double f, long seed) {
        return f > 0 ? new Inbreeding(Math.min(f, 1), seed) : null;
    }

    /** The probability of identity by descent at each variant. */
    double probability() {
        return coefficient;
    }

    /**
     * Gives the second haplotype of genome {@code sample} the first's code at variants of {@code [v0, v1)} drawn
     * with probability F: {@code h[0, words)} and {@code h[words, 2 words)} hold the two haplotypes' 2-bit codes, 32
     * variants per word from {@code v0}.
     */
    void apply(long[] h, int words, int v0, int v1, int sample, int attempt, int chunk) {
        SplittableRandom random = new SplittableRandom(RowBuilder.mix(seed, IBD, sample, attempt, chunk));
        double logStay = GeometricGaps.logStay(coefficient);
        int v = v0 - 1;
        while (true) {
            // the next variant identical by descent
            v = GeometricGaps.next(v, coefficient, logStay, random);
            if (v >= v1) {
                return;
            }
            int w = (v - v0) >>> 5;
            long slot = 3L << (((v - v0) & 31) << 1);
            h[words + w] = (h[words + w] & ~slot) | (h[w] & slot);
        }
    }
}
