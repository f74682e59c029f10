package org.genosynth.reads;

import org.genosynth.seq.VariantShape;

/**
 * One allele to apply to one or both haplotypes of a contig.
 *
 * @param pos0    0-based position of the first reference base of REF (the VCF POS - 1)
 * @param refLen  REF length (sequence alleles); for symbolic SVs the anchor base only (1)
 * @param alt     ALT bases (sequence alleles), or the inserted sequence of a symbolic INS, or null
 * @param shape   what the allele does
 * @param end0    0-based exclusive end of the affected reference (VCF END for symbolic DEL/DUP/INV)
 * @param hapMask 1 = haplotype 1, 2 = haplotype 2, 3 = both
 * @param record  index of the source record (golden VCF)
 * @param text    the golden VCF line prefix: CHROM POS ID REF ALT QUAL FILTER INFO
 */
record Edit(long pos0, int refLen, byte[] alt, VariantShape shape, long end0, int hapMask, int record, String text) {

    /** 0-based exclusive end of the reference span this edit replaces (including the anchor base). */
    long refEnd() {
        return switch (shape) {
            case DEL, INV, DUP -> end0;
            case INS -> pos0 + 1;
            default -> pos0 + refLen;
        };
    }
}
