package org.genosynth.qc;

/**
 * Per-sample sums over a set of variants: missing calls, and for the heterozygosity/inbreeding estimate the
 * heterozygous calls, missing calls and expected homozygosity at polymorphic variants. Partial sums from blocks
 * combine by {@link #add}, in any grouping (integer counts and block-ordered double sums keep results identical at any
 * thread count).
 */
public final class SampleTotals implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int sampleCount;
    private int[] missing;
    private int[] monoMissing;
    private int[] polyHets;
    private double[] polyMissingExpectedHom;
    private long variants;
    private long polyVariants;
    private double polyExpectedHom;

    /** Empty totals for {@code sampleCount} samples. */
    public SampleTotals(int sampleCount) {
        this.sampleCount = sampleCount;
    }

    void addVariant(boolean polymorphic, double expectedHom) {
        variants++;
        if (polymorphic) {
            polyVariants++;
            polyExpectedHom += expectedHom;
        }
    }

    /** One missing call seen sparsely: counted at monomorphic variants, its expected homozygosity at others. */
    void addSparseMissing(int sample, boolean polymorphic, double expectedHom) {
        if (polymorphic) {
            if (polyMissingExpectedHom == null) {
                polyMissingExpectedHom = new double[sampleCount];
            }
            polyMissingExpectedHom[sample] += expectedHom;
        } else {
            if (monoMissing == null) {
                monoMissing = new int[sampleCount];
            }
            monoMissing[sample]++;
        }
    }

    /** Sets the dense counts (combined over workers): hets at polymorphic variants and missing calls. */
    void setCounts(int[] hets, int[] missingCalls) {
        this.polyHets = hets;
        this.missing = missingCalls;
    }

    /** Adds another block's sparse sums into these (in block order, so double sums are reproducible). */
    public SampleTotals add(SampleTotals other) {
        if (other.monoMissing != null) {
            if (monoMissing == null) {
                monoMissing = new int[sampleCount];
            }
            for (int i = 0; i < sampleCount; i++) {
                monoMissing[i] += other.monoMissing[i];
            }
        }
        if (other.polyMissingExpectedHom != null) {
            if (polyMissingExpectedHom == null) {
                polyMissingExpectedHom = new double[sampleCount];
            }
            for (int i = 0; i < sampleCount; i++) {
                polyMissingExpectedHom[i] += other.polyMissingExpectedHom[i];
            }
        }
        variants += other.variants;
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

    /** Missing rate of sample {@code s}. */
    public double missingRate(int s) {
        return variants == 0 ? Double.NaN : (double) missing[s] / variants;
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
        return polyExpectedHom - (polyMissingExpectedHom == null ? 0 : polyMissingExpectedHom[s]);
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
