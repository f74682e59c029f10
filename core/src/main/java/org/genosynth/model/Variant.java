package org.genosynth.model;

import java.util.Objects;

/**
 * One bi-allelic variant site. Genotype codes count copies of {@link #alt()}.
 *
 * @param chrom       chromosome name as given by the input ("1", "chr1", "X")
 * @param position    1-based base-pair position; {@code <= 0} means unknown (PLINK writes -9)
 * @param id          variant ID, {@code "."} when none
 * @param ref         reference allele (PLINK A2)
 * @param alt         alternate allele (PLINK A1), {@code "."} when the site has none (monomorphic, PLINK code 0)
 * @param centimorgan genetic position in cM, {@code NaN} when unknown
 */
public record Variant(String chrom, long position, String id, String ref, String alt, double centimorgan)
        implements java.io.Serializable {
    /** Allele text of a missing allele. */
    public static final String MISSING_ALLELE = ".";

    public Variant {
        Objects.requireNonNull(chrom, "chrom");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(alt, "alt");
        id = id == null || id.isEmpty() ? "." : id;
    }

    /** True when the position is known (PLINK files mark unknown positions with a negative or zero bp). */
    public boolean hasPosition() {
        return position > 0;
    }

    /** True when the genetic position is known. */
    public boolean hasCentimorgan() {
        return !Double.isNaN(centimorgan);
    }

    /** True when the site has no alternate allele or the alternate allele equals the reference. */
    public boolean isMonomorphicSite() {
        return MISSING_ALLELE.equals(alt) || alt.equals(ref);
    }

    /** This variant with other alleles. */
    public Variant withAlleles(String newRef, String newAlt) {
        return new Variant(chrom, position, id, newRef, newAlt, centimorgan);
    }

    /** This variant at another genetic position (cM). */
    public Variant withCentimorgan(double cm) {
        return new Variant(chrom, position, id, ref, alt, cm);
    }

    /** A readable locus for messages: {@code chr:pos (id)}. */
    public String describe() {
        return chrom + ":" + (hasPosition() ? Long.toString(position) : "?") + " (" + id + ")";
    }
}
