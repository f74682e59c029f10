package org.genosynth.compare;

import org.genosynth.seq.VariantShape;

/**
 * One normalised, bi-allelic variant of a truth or call set.
 *
 * @param chrom  contig (resolved to the truth's / reference's names)
 * @param pos    1-based position
 * @param ref    REF (normalised)
 * @param alt    ALT (normalised, or the symbolic allele)
 * @param shape  SNV, INDEL (also complex replacements) or an SV type
 * @param end    last reference base (END for SVs; pos for insertions)
 * @param length indel length change (alt - ref) or SV length (positive)
 * @param copies ALT copies in the sample's genotype (1 or 2), or 0 when the file has no genotypes
 * @param pass   FILTER is PASS or '.'
 * @param line   record number in its file (for reports)
 */
record Site(String chrom, long pos, String ref, String alt, VariantShape shape, long end, long length, int copies,
            boolean pass, long line) {

    String key() {
        return chrom + ":" + pos + ":" + ref + ":" + alt;
    }

    /** The summary row this site counts in besides its overall type. */
    String bin() {
        if (shape == VariantShape.INDEL) {
            long n = Math.abs(length);
            return n <= 5 ? "INDEL_1-5" : n <= 15 ? "INDEL_6-15" : "INDEL_16-49";
        }
        return shape.isSv() ? "SV_" + shape.name() : null;
    }

    /** The overall type: SNV, INDEL or SV. */
    String type() {
        return shape.isSv() ? "SV" : shape == VariantShape.INDEL ? "INDEL" : "SNV";
    }
}
