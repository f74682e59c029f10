package org.genosynth.io;

/**
 * How to write a genotype output.
 *
 * @param format      output format, or null to detect it from the output path
 * @param writeDosage write dosages (VCF {@code DS}, BIMBAM mean genotypes) when the blocks carry them
 */
public record WriteOptions(GenotypeFormat format, boolean writeDosage) {
    /** Detect the format from the path and keep dosages. */
    public static WriteOptions defaults() {
        return new WriteOptions(null, true);
    }
}
