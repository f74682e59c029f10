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
        long het = 0;
        long called = 0;
        long both = 0;
        for (int v = 0; v < m.variantCount(); v++) {
            int[] c = GenotypeCodes.counts(m.words(), m.offset(v), m.sampleCount());
            het += c[1];
            called += c[0] + c[1] + c[2];
            both += c[0] > 0 && c[2] > 0 ? 1 : 0;
        }
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
