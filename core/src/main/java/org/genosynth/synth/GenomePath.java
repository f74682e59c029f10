package org.genosynth.synth;

import java.util.Arrays;

/**
 * Which donor each variant of one synthetic genome comes from: segment {@code k} covers variants
 * {@code [starts[k], starts[k+1])} (the last one up to the end) and is copied from donor {@code donors[k]}. For a
 * haplotype-level genome this path is the first haplotype's (donors are haplotype rows {@code 2 sample + h}) and
 * {@code second} is the second haplotype's; for a genotype-level genome {@code second} is null.
 */
record GenomePath(int[] starts, int[] donors, GenomePath second, Families.Inheritance inherited)
        implements java.io.Serializable {
    GenomePath(int[] starts, int[] donors) {
        this(starts, donors, null, null);
    }

    GenomePath(int[] starts, int[] donors, GenomePath second) {
        this(starts, donors, second, null);
    }

    /**
     * A member of a synthetic family: its two haplotypes are inherited from synthetic parents (never from real
     * genomes); {@code starts} and {@code donors} then describe nothing and {@code second} is this path itself.
     */
    static GenomePath inherited(Families.Inheritance inheritance) {
        return new GenomePath(new int[] {0}, new int[] {-1}, null, inheritance);
    }

    /** True for a pair of haplotype paths (or an inherited genome). */
    boolean haplotypes() {
        return second != null || inherited != null;
    }

    /** The segment holding variant {@code v}. */
    int segmentOf(int v) {
        int k = Arrays.binarySearch(starts, v);
        return k >= 0 ? k : -k - 2;
    }

    int segmentCount() {
        return starts.length;
    }

    /** Number of distinct donors. */
    int distinctDonors() {
        return (int) Arrays.stream(donors).distinct().count();
    }

    /** The largest share of the genome ({@code variantCount} variants) copied from one donor. */
    double maxDonorShare(int variantCount) {
        java.util.Map<Integer, Integer> sizes = new java.util.HashMap<>();
        for (int k = 0; k < starts.length; k++) {
            int end = k + 1 < starts.length ? starts[k + 1] : variantCount;
            sizes.merge(donors[k], end - starts[k], Integer::sum);
        }
        int max = sizes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return (double) max / variantCount;
    }
}
