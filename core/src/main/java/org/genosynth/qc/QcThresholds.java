package org.genosynth.qc;

/**
 * Filter thresholds, each {@code NaN} when off. Semantics follow plink2: a variant is removed when its founders' minor
 * allele frequency is below {@code maf}, its missing rate above {@code geno}, or its HWE exact p below {@code hwe}; a
 * sample is removed when its missing rate is above {@code mind}.
 */
public record QcThresholds(double maf, double geno, double mind, double hwe) implements java.io.Serializable {
    public QcThresholds {
        check("maf", maf, 0, 0.5);
        check("geno", geno, 0, 1);
        check("mind", mind, 0, 1);
        check("hwe", hwe, 0, 1);
    }

    /** No filter. */
    public static QcThresholds none() {
        return new QcThresholds(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** True when at least one per-variant filter is on. */
    public boolean filtersVariants() {
        return !Double.isNaN(maf) || !Double.isNaN(geno) || !Double.isNaN(hwe);
    }

    /**
     * The filter that removes a variant {@link QcKernel} did not keep, in the order it tests them: {@code "geno"},
     * {@code "hwe"} or {@code "maf"}.
     */
    public String failedFilter(VariantStats s) {
        if (!Double.isNaN(geno) && s.missingRate() > geno) {
            return "geno";
        }
        if (!Double.isNaN(hwe) && s.hweP() < hwe) {
            return "hwe";
        }
        return "maf";
    }

    private static void check(String name, double value, double min, double max) {
        if (!Double.isNaN(value) && (value < min || value > max)) {
            throw org.genosynth.io.InputException.usage("--" + name + " must be between " + min + " and " + max
                    + ", got " + value);
        }
    }
}
