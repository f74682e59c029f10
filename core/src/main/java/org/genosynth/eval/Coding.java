package org.genosynth.eval;

import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;

/**
 * How a cohort's genotypes are coded, judged from the genotype counts: {@code diploid}; {@code inbred (homozygous)}
 * when fewer than {@link #INBRED_HET_SHARE} of the called genotypes are heterozygous (recombinant-inbred strains coded
 * 0/2); {@code haploid-like (0/1 only)} when no variant holds both homozygote classes but heterozygote codes abound
 * (strains coded 0/1, as BIMBAM files of RI panels; ambiguous: a diploid cohort of very rare variants looks the same).
 * KING-robust kinship divides by heterozygote counts and is meaningless for the last two.
 *
 * @param label          {@code diploid}, {@code inbred (homozygous)} or {@code haploid-like (0/1 only)}
 * @param heterozygosity share of the called genotypes that are heterozygous (code 1)
 * @param bothHomozygotes variants at which both homozygote classes (0 and 2) occur
 * @param called         called genotypes
 */
public record Coding(String label, double heterozygosity, long bothHomozygotes, long called) {
    public static final String DIPLOID = "diploid";
    public static final String INBRED = "inbred (homozygous)";
    public static final String HAPLOID_LIKE = "haploid-like (0/1 only)";
    /** Below this share of heterozygous calls a cohort counts as inbred. */
    public static final double INBRED_HET_SHARE = 0.005;

    public static Coding of(GenotypeMatrix m) {
        Tally t = new Tally();
        for (int v = 0; v < m.variantCount(); v++) {
            int[] c = GenotypeCodes.counts(m.words(), m.offset(v), m.sampleCount());
            t.add(c[0], c[1], c[2]);
        }
        return t.coding();
    }

    /** Sums genotype counts variant by variant (for callers that stream, as qc does) and judges the coding. */
    public static final class Tally {
        private long het;
        private long called;
        private long both;

        /** Adds one variant's hom-ref, het and hom-alt counts. */
        public void add(long homRef, long hets, long homAlt) {
            het += hets;
            called += homRef + hets + homAlt;
            both += homRef > 0 && homAlt > 0 ? 1 : 0;
        }

        public Coding coding() {
            return of(het, called, both);
        }
    }

    private static Coding of(long het, long called, long both) {
        double h = called == 0 ? Double.NaN : (double) het / called;
        String label = called == 0 ? DIPLOID
                : h < INBRED_HET_SHARE ? INBRED
                : both == 0 ? HAPLOID_LIKE
                : DIPLOID;
        return new Coding(label, h, both, called);
    }

    /** True when KING-robust kinship is meaningless and identity-by-state replaces it. */
    public boolean inbredOrHaploid() {
        return !label.equals(DIPLOID);
    }

    /**
     * A note for qc and kinship when the coding is not diploid: what it means for their statistics, and for 0/1
     * strain coding how to declare it ({@code --coding strain} reads a 1 as the homozygous ALT strain); null for
     * diploid coding.
     */
    public String commandNote() {
        return switch (label) {
            case INBRED -> String.format(java.util.Locale.ROOT, "genotype coding looks inbred: %.3f%% of the calls "
                    + "are heterozygous (inbred strains coded 0/2); heterozygosity, inbreeding F, Hardy-Weinberg and "
                    + "KING-robust kinship assume outbred diploids and mean little here", 100 * heterozygosity);
            case HAPLOID_LIKE -> "genotype coding looks like strains coded 0/1 (no variant holds both homozygotes, "
                    + String.format(java.util.Locale.ROOT, "%.1f%%", 100 * heterozygosity) + " of the calls are 1): "
                    + "read as diploid, every 1 is a heterozygote, frequencies are halved and heterozygosity, "
                    + "Hardy-Weinberg and KING kinship are meaningless; if these are inbred strains, pass --coding "
                    + "strain (a 1 is read as the homozygous ALT strain, 2 copies)";
            default -> null;
        };
    }

    /** A sentence for the report and metrics.json. */
    public String note() {
        return switch (label) {
            case INBRED -> String.format(java.util.Locale.ROOT, "%.3f%% of the called genotypes are heterozygous: "
                    + "inbred (homozygous) coding, as recombinant-inbred strains coded 0/2. KING-robust kinship is "
                    + "meaningless here (its denominator counts heterozygotes); identity-by-state shares replace it.",
                    100 * heterozygosity);
            case HAPLOID_LIKE -> "Only codes 0/1 (no variant holds both homozygotes): haploid-like coding, as strains "
                    + "coded 0/1 in BIMBAM files of RI panels. This is ambiguous (a diploid cohort of very rare "
                    + "variants looks the same); it is treated as one allele per strain: KING-robust kinship is "
                    + "meaningless and identity-by-state shares replace it.";
            default -> String.format(java.util.Locale.ROOT, "%.1f%% of the called genotypes are heterozygous and "
                    + "%d variants hold both homozygotes: diploid coding.", 100 * heterozygosity, bothHomozygotes);
        };
    }
}
