package org.genosynth.reads;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.genosynth.seq.VariantShape;
import org.junit.jupiter.api.Test;

/**
 * Haplotype construction follows the VCF 4.2 definitions (POS is the base before the event for symbolic SVs; END is
 * the last deleted / duplicated / inverted base), and true alignments of spans crossing each event have the CIGAR a
 * correct aligner would report. Expected sequences are written out by hand from the definitions.
 */
class HaplotypeTest {
    //                                         1         2         3
    //                                1234567890123456789012345678901234567890
    private static final byte[] REF = "ACGTACGTAAGGCCTTAACCGGTTACGATCGATGCATGCA".getBytes(StandardCharsets.US_ASCII);

    private static String hap(Edit... edits) {
        Haplotype h = Haplotype.build(REF, List.of(edits), 1, 1);
        return new String(h.seq, 0, h.length, StandardCharsets.US_ASCII);
    }

    private static Edit seqEdit(long pos, String ref, String alt) {
        return new Edit(pos - 1, ref.length(), alt.getBytes(StandardCharsets.US_ASCII),
                VariantShape.ofSequence(ref, alt), pos - 1 + ref.length(), 1, 0, "x");
    }

    private static Edit sv(VariantShape shape, long pos, long end) {
        return new Edit(pos - 1, 1, null, shape, end, 1, 0, "x");
    }

    @Test
    void smallVariants() {
        String ref = new String(REF, StandardCharsets.US_ASCII);
        assertThat(hap(seqEdit(3, "G", "T"))).isEqualTo("ACTTACGTAAGGCCTTAACCGGTTACGATCGATGCATGCA");
        assertThat(hap(seqEdit(4, "TACG", "T"))).isEqualTo("ACGTTAAGGCCTTAACCGGTTACGATCGATGCATGCA");
        assertThat(hap(seqEdit(4, "T", "TGGG"))).isEqualTo("ACGTGGGACGTAAGGCCTTAACCGGTTACGATCGATGCATGCA");
        // overlapping allele on the same haplotype is skipped
        Haplotype h = Haplotype.build(REF, List.of(seqEdit(4, "TACG", "T"), seqEdit(5, "A", "C")), 1, 1);
        assertThat(h.skipped).isEqualTo(1);
        assertThat(new String(h.seq, 0, h.length, StandardCharsets.US_ASCII)).isEqualTo(ref.substring(0, 4)
                + ref.substring(7));
    }

    @Test
    void structuralVariants() {
        // <DEL> POS=10 END=20: bases 11..20 removed
        assertThat(hap(sv(VariantShape.DEL, 10, 20))).isEqualTo("ACGTACGTAA" + "GGTTACGATCGATGCATGCA");
        // <INV> POS=10 END=16: bases 11..16 (GGCCTT) reverse-complemented (AAGGCC)
        assertThat(hap(sv(VariantShape.INV, 10, 16))).isEqualTo("ACGTACGTAA" + "AAGGCC" + "AACCGGTTACGATCGATGCATGCA");
        // <DUP> POS=10 END=14: bases 11..14 (GGCC) present twice
        assertThat(hap(sv(VariantShape.DUP, 10, 14))).isEqualTo("ACGTACGTAAGGCC" + "GGCC" + "TTAACCGGTTACGATCGATGCATGCA");
        // <INS> POS=10 SVLEN=5: five new bases after base 10
        String ins = hap(new Edit(9, 1, null, VariantShape.INS, 5, 1, 0, "x"));
        assertThat(ins).hasSize(45).startsWith("ACGTACGTAA").endsWith("GGCCTTAACCGGTTACGATCGATGCATGCA");
    }

    @Test
    void trueAlignmentCigars() {
        TrueAlignment a = new TrueAlignment();
        Haplotype del = Haplotype.build(REF, List.of(sv(VariantShape.DEL, 10, 20)), 1, 1);
        a.compute(del, 5, 10); // hap 6..15 = ref 6..10, then ref 21..25
        assertThat(a.start).isEqualTo(5);
        assertThat(a.cigar).isEqualTo("5M10D5M");
        Haplotype ins = Haplotype.build(REF, List.of(seqEdit(4, "T", "TGGG")), 1, 1);
        a.compute(ins, 0, 10);
        assertThat(a.cigar).isEqualTo("4M3I3M");
        a.compute(ins, 4, 6); // starts inside the insertion: soft-clipped
        assertThat(a.start).isEqualTo(4);
        assertThat(a.cigar).isEqualTo("3S3M");
        Haplotype dup = Haplotype.build(REF, List.of(sv(VariantShape.DUP, 10, 14)), 1, 1);
        a.compute(dup, 8, 10); // ref 9..14 then the copy of 11..14: clipped at the jump back
        assertThat(a.start).isEqualTo(8);
        assertThat(a.cigar).isEqualTo("6M4S");
        Haplotype inv = Haplotype.build(REF, List.of(sv(VariantShape.INV, 10, 16)), 1, 1);
        a.compute(inv, 10, 6); // entirely inverted: aligns to the reverse strand at ref 11..16
        assertThat(a.flipped).isTrue();
        assertThat(a.start).isEqualTo(10);
        assertThat(a.cigar).isEqualTo("6M");
    }
}
