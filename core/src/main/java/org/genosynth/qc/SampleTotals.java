package org.genosynth.qc;

/**
 * Per-sample sums over a set of variants: missing calls, and for the heterozygosity/inbreeding estimate the
 * heterozygous calls, missing calls and expected homozygosity at polymorphic variants. Every sum is an exact integer
 * (expected homozygosity in units of 2^-32, see {@link #fixed}), so partial sums combine by {@link #add} in any
 * grouping and the results are identical at any thread count, locally or on Spark. A block's totals hold only its
 * variant counts: the per-sample sums live in the worker's {@link SampleCounter} (one array per worker, not one per
 * block: at 500,000 samples a per-block array of sums is 4 MB).
 */
public final class SampleTotals implements java.io.Serializable {
    private static final long serialVersionUID = 2L;
    /** One expected homozygous call in {@link #fixed} units. */
    static final double FIXED_ONE = 0x1p32;
    private final int sampleCount;
    private int[] missing;
    private int[] monoMissing;
    private int[] polyHets;
    private long[] polyMissingExpectedHom;
    private long variants;
    /** Variants on chrY: only the males' calls count for them. */
    private long yVariants;
    private SexMasks sexes;
    private long polyVariants;
    private long polyExpectedHom;

    /** Empty totals for {@code sampleCount} samples. */
    public SampleTotals(int sampleCount) {
        this.sampleCount = sampleCount;
    }

    /**
     * An expected homozygosity in [0, 1] as an integer number of 2^-32 (rounded): sums of 2^31 variants fit a long,
     * and the rounding (at most 1.2e-10 a term) is far below the 6 significant digits E(HOM) and F are printed with.
     */
    static long fixed(double expectedHom) {
        return Math.round(expectedHom * FIXED_ONE);
    }

    void addVariant(boolean polymorphic, long expectedHom) {
        addVariant(polymorphic, expectedHom, false);
    }

    /** As above; {@code onY}: a chrY variant, called only in the males. */
    void addVariant(boolean polymorphic, long expectedHom, boolean onY) {
        variants++;
        if (onY) {
            yVariants++;
        }
        if (polymorphic) {
            polyVariants++;
            polyExpectedHom += expectedHom;
        }
    }

    /**
     * Sets the per-sample counts combined over workers: hets at polymorphic variants, missing calls, missing calls
     * at monomorphic variants and the expected homozygosity lost to missing calls at polymorphic ones (null arrays:
     * none).
     */
    void setCounts(int[] hets, int[] missingCalls, int[] monomorphicMissing, long[] missingExpectedHom) {
        this.polyHets = hets;
        this.missing = missingCalls;
        this.monoMissing = monomorphicMissing;
        this.polyMissingExpectedHom = missingExpectedHom;
    }

    /** Adds another block's variant counts into these. */
    public SampleTotals add(SampleTotals other) {
        variants += other.variants;
        yVariants += other.yVariants;
        polyVariants += other.polyVariants;
        polyExpectedHom += other.polyExpectedHom;
        return this;
    }

    public int sampleCount() {
        return sampleCount;
    }

    /** Variants counted. */
    public long variantCount() {
        return variants;
    }

    /** Missing calls of sample {@code s}. */
    public int missing(int s) {
        return missing[s];
    }

    /** The samples' sexes (null: none known), for the variants on chrY, which count only for the males. */
    void setSexes(SexMasks sexes) {
        this.sexes = sexes;
    }

    /** Variants that count for sample {@code s} (plink2 .smiss OBS_CT): chrY's only for a male. */
    public long observed(int s) {
        return sexes != null && sexes.isMale(s) ? variants : variants - yVariants;
    }

    /** Missing rate of sample {@code s}. */
    public double missingRate(int s) {
        long n = observed(s);
        return n == 0 ? Double.NaN : (double) missing[s] / n;
    }

    /** Polymorphic variants where sample {@code s} has a call (plink2 --het OBS_CT). */
    public long hetObserved(int s) {
        return polyVariants - (missing[s] - (monoMissing == null ? 0 : monoMissing[s]));
    }

    /** Observed homozygous calls at polymorphic variants (plink2 O(HOM)). */
    public long observedHom(int s) {
        return hetObserved(s) - polyHets[s];
    }

    /**
     * Expected homozygous calls at the polymorphic variants the sample was called at (plink2 E(HOM)); only when the
     * kernel ran with {@code inbreeding}.
     */
    public double expectedHom(int s) {
        return (polyExpectedHom - (polyMissingExpectedHom == null ? 0 : polyMissingExpectedHom[s])) / FIXED_ONE;
    }

    /** Method-of-moments inbreeding coefficient F = (O - E) / (N - E). */
    public double inbreedingF(int s) {
        double e = expectedHom(s);
        return (observedHom(s) - e) / (hetObserved(s) - e);
    }

    /** Heterozygosity of sample {@code s} at polymorphic variants. */
    public double heterozygosity(int s) {
        long n = hetObserved(s);
        return n == 0 ? Double.NaN : (double) polyHets[s] / n;
    }
}
