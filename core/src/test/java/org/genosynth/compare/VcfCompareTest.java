package org.genosynth.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.seq.Normalizer;
import org.genosynth.testing.PeerTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link VcfCompare}: normalisation agrees with {@code bcftools norm -f REF -m-} record by record (indels written at
 * the right end of repeats, padded alleles, multi-allelic records), so a truth set compared with its own
 * bcftools-normalised copy is all true positives; tolerant SV matching; false-negative reasons; genotype
 * concordance; regions.
 */
class VcfCompareTest {
    @TempDir
    Path dir;

    // 1-based:       1234567890123456789012345678901234567890123456789012345678901234567890
    private static final String REF =
            "GATTACAGATTACACACACACAGGGTTTAAACCCGGGATATATATATCCGGAAATTTGGGCCCAAATTTGGCCATGGC"
            + "ACGTTGCAAGCTTGCAAGGCCTTAAGGTTCCAAGGTTAACCGGTTAAGGCCAATTGGCCAATTAAGGCTTAAGGCCTT".repeat(30);

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static String header(String sample) {
        return "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=" + REF.length() + ">\n"
                + "##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"t\">\n"
                + "##INFO=<ID=END,Number=1,Type=Integer,Description=\"e\">\n"
                + "##INFO=<ID=SVLEN,Number=.,Type=Integer,Description=\"l\">\n"
                + "##FILTER=<ID=LowQual,Description=\"q\">\n"
                + "##ALT=<ID=DEL,Description=\"d\">\n##ALT=<ID=INV,Description=\"i\">\n"
                + "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"g\">\n"
                + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + sample + "\n";
    }

    private Path reference() throws IOException {
        return write("ref.fa", ">chr1\n" + REF + "\n");
    }

    @Test
    void normalisationMatchesBcftoolsNorm() throws IOException {
        Path ref = reference();
        // CA deleted, written at the right end of (CA)n; AT inserted in (AT)n at the right; padded SNV; MNP-like;
        // a multi-allelic record; a deletion with a long shared suffix
        String body = "chr1\t20\t.\tACA\tA\t.\tPASS\t.\tGT\t0/1\n"
                + "chr1\t47\t.\tT\tTAT\t.\tPASS\t.\tGT\t1/1\n"
                + "chr1\t52\t.\tAAAT\tAACT\t.\tPASS\t.\tGT\t0/1\n"
                + "chr1\t58\t.\tG\tGG,T\t.\tPASS\t.\tGT\t1/2\n"
                + "chr1\t64\t.\tAAATTTGG\tAATTTGG\t.\tPASS\t.\tGT\t0/1\n";
        Path truth = write("truth.vcf", header("T") + body);
        PeerTool.run(dir, "bash", "-c", "bcftools norm -f ref.fa -m- truth.vcf -Ov -o norm.vcf 2>/dev/null");
        List<String[]> bcf = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve("norm.vcf"))) {
            if (!l.startsWith("#")) {
                bcf.add(l.split("\t"));
            }
        }
        byte[] seq = REF.getBytes(StandardCharsets.US_ASCII);
        List<String> ours = new ArrayList<>();
        for (String l : body.split("\n")) {
            String[] f = l.split("\t");
            for (String alt : f[4].split(",")) {
                Normalizer.Alleles a = Normalizer.normalize(Long.parseLong(f[1]), f[3], alt, seq);
                ours.add(a.pos() + ":" + a.ref() + ":" + a.alt());
            }
        }
        List<String> theirs = bcf.stream().map(f -> f[1] + ":" + f[3] + ":" + f[4]).toList();
        // bcftools keeps AAAT>AACT as an MNP-like record trimmed to A>C at 54; ours equal
        assertThat(ours).containsExactlyInAnyOrderElementsOf(theirs);

        CompareResult r = VcfCompare.run(new CompareRequest(truth, dir.resolve("norm.vcf"), null, ref, null, null,
                dir.resolve("self").toString(), 500, 0.7, false));
        assertThat(r.row("SNV").fn()).isZero();
        assertThat(r.row("INDEL").fn()).isZero();
        assertThat(r.row("INDEL").fp()).isZero();
        assertThat(r.row("INDEL").tp()).isEqualTo(4);
        assertThat(r.row("INDEL").genotypeConcordance()).isEqualTo(1.0);
    }

    @Test
    void svToleranceReasonsRegionsAndGenotypes() throws IOException {
        Path ref = reference();
        Path truth = write("t.vcf", header("T")
                + "chr1\t100\tsnvA\tA\tG\t.\tPASS\t.\tGT\t0/1\n"
                + "chr1\t200\tsnvB\tC\tT\t.\tPASS\t.\tGT\t1/1\n"
                + "chr1\t300\tsnvC\tG\tA\t.\tPASS\t.\tGT\t0/1\n"
                + "chr1\t400\tsnvD\tT\tC\t.\tPASS\t.\tGT\t0/1\n"
                + "chr1\t1000\tdel1\tA\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=1500\tGT\t0/1\n"
                + "chr1\t1700\tdel2\tA\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=1800\tGT\t0/1\n"
                + "chr1\t2000\tinv1\tA\t<INV>\t.\tPASS\tSVTYPE=INV;END=2300\tGT\t0/1\n"
                + "chr1\t2100\tsnvE\tA\tG\t.\tPASS\t.\tGT\t0/1\n");
        Path calls = write("c.vcf", header("C")
                + "chr1\t100\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\n"       // TP, genotype matches
                + "chr1\t200\t.\tC\tT\t50\tPASS\t.\tGT\t0/1\n"       // TP, genotype differs
                + "chr1\t300\t.\tG\tC\t50\tPASS\t.\tGT\t0/1\n"       // other allele: FN + FP
                + "chr1\t400\t.\tT\tC\t5\tLowQual\t.\tGT\t0/1\n"     // filtered
                + "chr1\t1100\t.\tA\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=1580\tGT\t0/1\n"  // 100 bp off, 480/500
                + "chr1\t2500\t.\tA\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=2600\tGT\t0/1\n"  // 800 bp from del2: FP
                // (del2's nearest DEL call is the one at 1100, 600 bp away: the reason names that distance)
                + "chr1\t2100\t.\tA\tG\t50\tPASS\t.\tGT\t0/0\n");     // hom-ref: not a call
        CompareResult r = VcfCompare.run(new CompareRequest(truth, calls, null, ref, null, null,
                dir.resolve("o").toString(), 500, 0.7, false));
        CompareResult.Row snv = r.row("SNV");
        assertThat(new long[] {snv.tp(), snv.fp(), snv.fn()}).containsExactly(2, 1, 3);
        assertThat(snv.gtCompared()).isEqualTo(2);
        assertThat(snv.gtMatch()).isEqualTo(1);
        CompareResult.Row del = r.row("SV_DEL");
        assertThat(new long[] {del.tp(), del.fp(), del.fn()}).containsExactly(1, 1, 1);
        assertThat(r.row("SV_INV").fn()).isEqualTo(1);
        assertThat(r.row("SV").tp()).isEqualTo(1);
        List<String> fn = Files.readAllLines(dir.resolve("o.fn.tsv"));
        assertThat(fn).contains("chr1\t300\tG\tA\tSNV\tallele_mismatch", "chr1\t400\tT\tC\tSNV\tfiltered_call",
                "chr1\t2000\tA\t<INV>\tSV_INV\tno_sv_call_of_this_type_in_call_set",
                "chr1\t2100\tA\tG\tSNV\tno_call", "chr1\t1700\tA\t<DEL>\tSV_DEL\tbreakpoint_distance_600");
        assertThat(Files.readAllLines(dir.resolve("o.summary.tsv"))).contains("SNV\t2\t1\t3\t0.6667\t0.4000\t0.5000");

        // regions: only 1-250 (BED 0-based) -> two truth SNVs, both found
        Path bed = write("r.bed", "chr1\t0\t250\n");
        CompareResult inRegion = VcfCompare.run(new CompareRequest(truth, calls, bed, ref, null, null,
                dir.resolve("reg").toString(), 500, 0.7, false));
        assertThat(inRegion.row("SNV").recall()).isEqualTo(1.0);
        assertThat(inRegion.row("SNV").precision()).isEqualTo(1.0);
        assertThat(inRegion.row("SV").tp() + inRegion.row("SV").fn()).isZero();

        // a stricter size ratio rejects the 480/500 deletion
        CompareResult strict = VcfCompare.run(new CompareRequest(truth, calls, null, ref, null, null,
                dir.resolve("strict").toString(), 500, 0.99, false));
        assertThat(strict.row("SV_DEL").tp()).isZero();
        assertThat(Files.readAllLines(dir.resolve("strict.fn.tsv")))
                .contains("chr1\t1000\tA\t<DEL>\tSV_DEL\tsize_similarity_0.96");
    }
}
