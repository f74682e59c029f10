package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genosynth reference | spike | reads | reads-model | compare} through the command line on a small case: the
 * chain runs, the golden VCF compared with itself is all true positives, and user errors exit 2 with one line and
 * no output files.
 */
class SpikeReadsCommandsTest {
    @TempDir
    Path dir;

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private void ok(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    }

    private String userError(String... args) throws IOException {
        Path out = Files.createDirectories(dir.resolve("err"));
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).startsWith("genosynth: error: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.toList()).isEmpty();
        }
        return r.err().strip();
    }

    @Test
    void chainRunsAndErrorsAreOneLine() throws IOException {
        ok("reference", "--length", "100000", "--seed", "2", "--out", p("ref"));
        String seq = String.join("", Files.readAllLines(dir.resolve("ref.fa")).subList(1, 1668));
        StringBuilder cohort = new StringBuilder("##fileformat=VCFv4.2\n##contig=<ID=chr1,length=100000>\n"
                + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA1\tA2\tA3\n");
        for (int pos = 5000; pos < 60000; pos += 5000) {
            char ref = seq.charAt(pos - 1);
            cohort.append("chr1\t").append(pos).append("\tbg").append(pos).append('\t').append(ref).append('\t')
                    .append(ref == 'A' ? 'C' : 'A').append("\t.\tPASS\t.\tGT\t0|1\t1|1\t0|0\n");
        }
        Files.writeString(dir.resolve("cohort.vcf"), cohort);
        Files.writeString(dir.resolve("spikes.vcf"), "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
                + "chr1\t70001\tins1\t" + seq.charAt(70000) + "\t<INS>\t.\t.\tSVTYPE=INS;SVLEN=400\n"
                + "chr1\t80001\tinv1\t" + seq.charAt(80000) + "\t<INV>\t.\t.\tSVTYPE=INV;END=81000\n"
                + "chr1\t90001\tdup1\t" + seq.charAt(90000) + "\t<DUP>\t.\t.\tSVTYPE=DUP;END=90600\n");
        Files.writeString(dir.resolve("design.yaml"), "default: {samples: [A1, A3], zygosity: het}\n");
        ok("spike", "--input", p("cohort.vcf"), "--variants", p("spikes.vcf"), "--design", p("design.yaml"),
                "--out", p("sp"));
        ok("reads", "--reference", p("ref.fa"), "--vcf", p("sp.vcf.gz"), "--sample", "A1", "--coverage", "10",
                "--read-length", "100", "--fragment-mean", "300", "--fragment-sd", "30", "--threads", "2",
                "--out", p("sim"));
        ok("reads-model", p("sim_R1.fastq.gz"), p("sim_R2.fastq.gz"), "--out", p("m.qmodel.tsv"));
        assertThat(Files.readAllLines(dir.resolve("m.qmodel.tsv")).get(1)).isEqualTo("READ\tCYCLE\tQUALITY\tCOUNT");
        ok("compare", "--truth", p("sim.golden.vcf.gz"), "--calls", p("sim.golden.vcf.gz"), "--reference",
                p("ref.fa"), "--out", p("self"));
        List<String> summary = Files.readAllLines(dir.resolve("self.summary.tsv"));
        assertThat(summary).contains("SNV\t11\t0\t0\t1.0000\t1.0000\t1.0000", "SV_INS\t1\t0\t0\t1.0000\t1.0000\t1.0000",
                "SV_INV\t1\t0\t0\t1.0000\t1.0000\t1.0000", "SV_DUP\t1\t0\t0\t1.0000\t1.0000\t1.0000");

        String e = userError("reads", "--reference", p("ref.fa"), "--vcf", p("sp.vcf.gz"), "--sample", "NOBODY",
                "--out", p("err/x"));
        assertThat(e).contains("NOBODY");
        e = userError("reads", "--reference", p("ref.fa"), "--vcf", p("sp.vcf.gz"), "--sample", "A1",
                "--read-length", "300", "--fragment-mean", "200", "--out", p("err/x"));
        assertThat(e).contains("--fragment-mean");
        e = userError("spike", "--input", p("cohort.vcf"), "--variants", p("nope.vcf"), "--design", p("design.yaml"),
                "--out", p("err/x"));
        assertThat(e).contains("nope.vcf");
        e = userError("compare", "--truth", p("sim.golden.vcf.gz"), "--calls", p("ref.fa"), "--out", p("err/x"));
        assertThat(e).contains("ref.fa");
        // indels and SVs need the reference to be normalised (hap.py and vcfeval require it too)
        e = userError("compare", "--truth", p("sim.golden.vcf.gz"), "--calls", p("sim.golden.vcf.gz"), "--out",
                p("err/x"));
        assertThat(e).contains("sim.golden.vcf.gz has ", " indels or SVs", "needs --reference REF.fa");
    }

    @Test
    void variantsOnAContigShorterThanAReadAreLeftOutOfTheGoldenVcfWithANote() throws IOException {
        BadInputCorpusTest.all(dir);
        Files.writeString(dir.resolve("ref.fa"), Files.readString(dir.resolve("ref.fa")) + ">chr3\nACGTACGTAC\n");
        String cohort = Files.readString(dir.resolve("cohort.vcf")).replace("##contig=<ID=chr1,length=3000>\n",
                "##contig=<ID=chr1,length=3000>\n##contig=<ID=chr3,length=10>\n");
        Files.writeString(dir.resolve("cohort.vcf"), cohort + "chr3\t5\tc3\tA\tG\t.\tPASS\t.\tGT\t1|1\t0|1\t0|0\n");
        CliRun r = CliRun.of("reads", "--reference", p("ref.fa"), "--vcf", p("cohort.vcf"), "--sample", "A1",
                "--coverage", "2", "--read-length", "50", "--fragment-mean", "150", "--fragment-sd", "10", "-t", "1",
                "--out", p("r"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("note: 1 variant records of A1 on contigs shorter than a read (50 bp: chr3 (10 bp)) "
                + "are left out of the golden VCF: no read can cover them");
        String golden = new String(new java.util.zip.GZIPInputStream(Files.newInputStream(dir.resolve("r.golden.vcf.gz")))
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(golden.lines().filter(l -> !l.startsWith("#")).map(l -> l.split("\t")[0] + ":" + l.split("\t")[1]))
                .containsExactly("chr1:500", "chr1:1000", "chr1:2000");
    }
}
