package org.genosynth.synth;

import java.util.SplittableRandom;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;

/**
 * Missing calls for genomes drawn from a model, which has none of its own (a mosaic copies its donors' missing calls;
 * the haplotype-cluster HMM emits an allele everywhere): call (s, v) is missing with probability
 * {@code min(1, m_v f_s)}, where {@code m_v} is variant v's missing rate in the training cohort and {@code f_s} is
 * genome s's factor, a draw from a beta distribution fitted by moments to the training genomes' own missing rates,
 * divided by their mean. So each variant keeps its real missing rate (plink2 {@code --missing}'s {@code .vmiss}) and
 * the genomes' call rates spread as the real ones do ({@code .smiss}), from aggregate rates only: no real genome's
 * pattern of missing calls is copied. Calls are drawn by thinning: candidates at the chunk's largest probability by
 * geometric gaps, each kept with its own probability over that bound; the streams are keyed by seed, genome, attempt
 * and chunk, so the output does not depend on the thread count.
 */
final class MissingCalls implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final long CALLS = 0x3155L;
    private static final long FACTOR = 0x3156L;

    /** Per variant: the training cohort's missing rate. */
    private final float[] rate;
    /** The beta distribution of the training genomes' missing rates, or null when they do not vary. */
    private final double alpha;
    private final double beta;
    private final double meanSampleRate;
    private final long seed;
    /** The factors of genomes {@code 0 .. factors.length - 1}, drawn once ({@link #forGenomes}); others on demand. */
    private final float[] factors;

    private MissingCalls(float[] rate, double alpha, double beta, double meanSampleRate, long seed, float[] factors) {
        this.rate = rate;
        this.alpha = alpha;
        this.beta = beta;
        this.meanSampleRate = meanSampleRate;
        this.seed = seed;
        this.factors = factors;
    }

    /**
     * The same calls with the factors of genomes {@code 0 .. n - 1} drawn now (a beta quantile each), not once per
     * chunk of every genome.
     */
    MissingCalls forGenomes(int n) {
        float[] f = new float[n];
        for (int s = 0; s < n; s++) {
            f[s] = (float) drawFactor(s);
        }
        return new MissingCalls(rate, alpha, beta, meanSampleRate, seed, f);
    }

    /**
     * The training cohort's missing rates, or null when it has no missing call. On chromosome Y a variant's rate is
     * its males' (when any sample is known to be male: the females' calls there are absent, not missing, and the
     * synthetic genomes' ploidy already makes them so); the genomes' own rates leave Y out.
     */
    static MissingCalls of(GenotypeMatrix train, long seed) {
        int n = train.sampleCount();
        int m = train.variantCount();
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] males = new long[wpv];
        int maleCount = 0;
        for (int s = 0; s < n; s++) {
            if (train.samples().samples().get(s).sex() == org.genosynth.model.Sex.MALE) {
                males[s >>> 5] |= 1L << ((s & 31) << 1);
                maleCount++;
            }
        }
        float[] rate = new float[m];
        long[] perSample = new long[n];
        long total = 0;
        int counted = 0;
        long[] words = train.words();
        for (int v = 0; v < m; v++) {
            int off = train.offset(v);
            boolean y = org.genosynth.model.Chromosomes.isY(train.variants().get(v).chrom());
            boolean malesOnly = y && maleCount > 0;
            int missing = 0;
            for (int w = 0; w < wpv; w++) {
                long bits = GenotypeCodes.missingMask(words[off + w]);
                missing += Long.bitCount(malesOnly ? bits & males[w] : bits);
                while (!y && bits != 0) {
                    perSample[(w << 5) + (Long.numberOfTrailingZeros(bits) >>> 1)]++;
                    bits &= bits - 1;
                }
            }
            rate[v] = (float) ((double) missing / (malesOnly ? maleCount : n));
            if (!y) {
                total += missing;
                counted++;
            }
        }
        boolean anyMissing = false;
        for (float r : rate) {
            anyMissing |= r > 0;
        }
        if (!anyMissing || n == 0) {
            return null;
        }
        double mean = counted == 0 ? 0 : (double) total / ((double) n * counted);
        double ss = 0;
        for (long c : perSample) {
            double d = counted == 0 ? 0 : (double) c / counted - mean;
            ss += d * d;
        }
        double var = n > 1 ? ss / (n - 1) : 0;
        double common = mean > 0 && var > 0 && var < mean * (1 - mean) ? mean * (1 - mean) / var - 1 : Double.NaN;
        return new MissingCalls(rate, mean * common, (1 - mean) * common, mean, seed, new float[0]);
    }

    /** The training genomes' mean missing rate. */
    double meanRate() {
        return meanSampleRate;
    }

    /** The fitted beta distribution's parameters ({@code NaN} when the genomes' rates do not vary). */
    double[] sampleBeta() {
        return new double[] {alpha, beta};
    }

    /** Genome {@code sample}'s factor {@code f_s} (1 when the training genomes' rates do not vary). */
    double factor(int sample) {
        return sample < factors.length ? factors[sample] : drawFactor(sample);
    }

    private double drawFactor(int sample) {
        if (Double.isNaN(alpha)) {
            return 1;
        }
        double u = new SplittableRandom(RowBuilder.mix(seed, FACTOR, sample)).nextDouble();
        return new org.hipparchus.distribution.continuous.BetaDistribution(alpha, beta)
                .inverseCumulativeProbability(u) / meanSampleRate;
    }

    /**
     * Makes calls of variants {@code [v0, v1)} of genome {@code sample} in {@code dst[dstOff ..]} (row layout: 32
     * variants per word from {@code v0}, a multiple of 32) missing, and clears their phase bits in {@code phase}.
     */
    void apply(long[] dst, int dstOff, long[] phase, int v0, int v1, int sample, int attempt, int chunk) {
        double f = factor(sample);
        double bound = 0;
        for (int v = v0; v < v1; v++) {
            bound = Math.max(bound, Math.min(1, rate[v] * f));
        }
        if (bound <= 0) {
            return;
        }
        SplittableRandom random = new SplittableRandom(RowBuilder.mix(seed, CALLS, sample, attempt, chunk));
        double logStay = GeometricGaps.logStay(bound);
        int v = v0 - 1;
        while (true) {
            // the next candidate at probability `bound` per call
            v = GeometricGaps.next(v, bound, logStay, random);
            if (v >= v1) {
                return;
            }
            if (random.nextDouble() * bound < Math.min(1, rate[v] * f)) {
                int w = dstOff + ((v - v0) >>> 5);
                int shift = ((v - v0) & 31) << 1;
                dst[w] |= 3L << shift;
                phase[(v - v0) >>> 5] &= ~(1L << shift);
            }
        }
    }
}
