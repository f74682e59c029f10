package org.genosynth.qc;

/**
 * Genotype counts of one variant over all samples and over founders, with the founders' HWE exact p-value.
 *
 * @param homRef          hom-ref count, all samples
 * @param het             het count, all samples
 * @param homAlt          hom-alt count, all samples
 * @param missing         missing count, all samples
 * @param founderHomRef   hom-ref count, founders
 * @param founderHet      het count, founders
 * @param founderHomAlt   hom-alt count, founders
 * @param hweP            HWE exact p over founders
 * @param maleHet         on chromosome X: heterozygous calls of male founders (half an ALT allele each, as plink2
 *                        counts them); 0 elsewhere
 * @param maleHomAlt      on X: hom-alt calls of male founders (one ALT allele each); 0 elsewhere
 * @param maleObserved    on X: male founders with a genotype (one allele each); 0 elsewhere
 * @param xHardy          on X with founders of known sex: the counts of plink2's {@code .hardy.x} ({@code hweP} is
 *                        then its chromosome X test); null elsewhere
 */
public record VariantStats(int homRef, int het, int homAlt, int missing, int founderHomRef, int founderHet,
                           int founderHomAlt, double hweP, int maleHet, int maleHomAlt, int maleObserved,
                           XHardy xHardy)
        implements java.io.Serializable {

    /**
     * Chromosome X's Hardy–Weinberg counts among founders, as plink2's {@code .hardy.x} has them: females by genotype,
     * males by allele (a heterozygous male call counts in neither).
     */
    public record XHardy(int femaleHomRef, int femaleHet, int femaleHomAlt, int maleRef, int maleAlt)
            implements java.io.Serializable {
        /** Females with a genotype. */
        public int femaleObserved() {
            return femaleHomRef + femaleHet + femaleHomAlt;
        }

        /** REF allele frequency among the females, NaN without any. */
        public double femaleRefFrequency() {
            int n = femaleObserved();
            return n == 0 ? Double.NaN : (2.0 * femaleHomRef + femaleHet) / (2.0 * n);
        }

        /** REF allele frequency among the males, NaN without any. */
        public double maleRefFrequency() {
            int n = maleRef + maleAlt;
            return n == 0 ? Double.NaN : (double) maleRef / n;
        }

        /** Observed heterozygosity among the females. */
        public double femaleObservedHet() {
            int n = femaleObserved();
            return n == 0 ? Double.NaN : (double) femaleHet / n;
        }

        /** Expected heterozygosity 2pq among the females, from their own frequency (as plink2). */
        public double femaleExpectedHet() {
            double p = femaleRefFrequency();
            return femaleHomRef == femaleObserved() ? 0 : 2 * p * (1 - p);
        }

        /** The exact test of Graffelman and Weir (2016) ({@link HardyWeinberg#exactXP}). */
        public double p() {
            return HardyWeinberg.exactXP(femaleHet, femaleHomRef, femaleHomAlt, maleRef, maleAlt);
        }
    }

    /** Counts of a diploid variant (no male haploidy). */
    public VariantStats(int homRef, int het, int homAlt, int missing, int founderHomRef, int founderHet,
            int founderHomAlt, double hweP) {
        this(homRef, het, homAlt, missing, founderHomRef, founderHet, founderHomAlt, hweP, 0, 0, 0, null);
    }

    /** The same counts on chromosome X, where male founders carry one allele. */
    public VariantStats onX(int maleHet, int maleHomAlt, int maleObserved) {
        return new VariantStats(homRef, het, homAlt, missing, founderHomRef, founderHet, founderHomAlt, hweP, maleHet,
                maleHomAlt, maleObserved, xHardy);
    }

    /** The same counts with chromosome X's Hardy–Weinberg counts and test ({@code null}: no test, as on Y). */
    public VariantStats withXHardy(XHardy x) {
        return new VariantStats(homRef, het, homAlt, missing, founderHomRef, founderHet, founderHomAlt,
                x == null ? Double.NaN : x.p(), maleHet, maleHomAlt, maleObserved, x);
    }

    /**
     * The same variant on a haploid chromosome: every founder counted carries one allele (a heterozygous call half an
     * ALT allele) and there is no Hardy–Weinberg test, as plink2 counts chrY (its founders: the male founders) and
     * MT (every founder).
     */
    public VariantStats haploid(int founderHomRef, int founderHet, int founderHomAlt) {
        return new VariantStats(homRef, het, homAlt, missing, founderHomRef, founderHet, founderHomAlt, Double.NaN,
                founderHet, founderHomAlt, founderHomRef + founderHet + founderHomAlt, null);
    }

    /**
     * The same variant with other all-sample counts: on chrY plink2's missingness ({@code .vmiss}, {@code --geno}) is
     * over the males.
     */
    public VariantStats onSamples(int homRef, int het, int homAlt, int missing) {
        return new VariantStats(homRef, het, homAlt, missing, founderHomRef, founderHet, founderHomAlt, hweP, maleHet,
                maleHomAlt, maleObserved, xHardy);
    }

    /** True when the variant has no Hardy–Weinberg test (chrY, MT, or X without founders of known sex). */
    public boolean noHardyTest() {
        return Double.isNaN(hweP);
    }

    /** Number of samples. */
    public int sampleCount() {
        return homRef + het + homAlt + missing;
    }

    /** Missing rate over all samples. */
    public double missingRate() {
        int n = sampleCount();
        return n == 0 ? Double.NaN : (double) missing / n;
    }

    /** Founders with a genotype. */
    public int founderObserved() {
        return founderHomRef + founderHet + founderHomAlt;
    }

    /** Observed founder alleles (plink2's OBS_CT in .afreq): two per founder, one per male founder on X. */
    public int alleleCount() {
        return 2 * founderObserved() - maleObserved;
    }

    /** ALT alleles among founders (a male founder's X: one for hom-alt, half for a heterozygous call, as plink2). */
    private double altAlleles() {
        return founderHet + 2.0 * founderHomAlt - maleHomAlt - 0.5 * maleHet;
    }

    /** ALT allele frequency among founders, NaN when none observed. */
    public double altFrequency() {
        int alleles = alleleCount();
        return alleles == 0 ? Double.NaN : altAlleles() / alleles;
    }

    /** Minor allele frequency among founders, from the minor allele count (so 0.1 is exactly 0.1, not 1 - 0.9). */
    public double minorFrequency() {
        int alleles = alleleCount();
        if (alleles == 0) {
            return Double.NaN;
        }
        double alt = altAlleles();
        return Math.min(alt, alleles - alt) / alleles;
    }

    /** Observed heterozygosity among founders. */
    public double observedHet() {
        int obs = founderObserved();
        return obs == 0 ? Double.NaN : (double) founderHet / obs;
    }

    /** Expected heterozygosity 2pq among founders. */
    public double expectedHet() {
        double p = altFrequency();
        return 2 * p * (1 - p);
    }

    /** True when the founders carry both alleles. */
    public boolean isPolymorphic() {
        return founderHet > 0 || founderHomRef > 0 && founderHomAlt > 0;
    }

    /**
     * Expected homozygosity of one sample at this variant under HWE, {@code 1 - 2pq} from founder frequencies (plink2
     * {@code --het} without the {@code small-sample} modifier).
     */
    public double expectedHomozygosity() {
        double p = altFrequency();
        return 1 - 2 * p * (1 - p);
    }
}
