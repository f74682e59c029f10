package org.genosynth.reads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import org.genosynth.io.InputException;
import org.genosynth.io.TextInput;
import org.genosynth.seq.SyntheticReference;
import org.genosynth.testing.PeerTool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReadSimulator} on a 300 kb synthetic reference: identical bytes at 1 and 2 threads, base errors at the rate
 * the qualities state (counted by samtools calmd + stats on the golden BAM), chr1 vs 1 naming, exome capture, and a
 * quality model learned from ART's reads (the peer simulator) reproduced in our reads.
 */
class ReadSimulatorTest {
    @TempDir
    Path dir;
    private Path ref;
    private Path vcf;
    private SyntheticReference.Genome genome;

    @BeforeEach
    void setUp() throws IOException {
        genome = SyntheticReference.generate(1, 300_000, 0.41, 5);
        ref = dir.resolve("ref.fa");
        SyntheticReference.write(genome, ref, null);
        vcf = dir.resolve("cohort.vcf");
        TestCohorts.cohort(vcf, "chr1", genome.sequences().get(0), 3, 40, 9);
    }

    private ReadsRequest request(Path variants, String out, int threads, Path targets, Path model, int readLength) {
        return new ReadsRequest(ref, variants, "S0001", targets, 0, 5, readLength, 300, 40, model,
                dir.resolve(out).toString(), 42, threads, true, 1, Map.of());
    }

    @Test
    void sameBytesAtAnyThreadCount() throws IOException {
        ReadsResult one = ReadSimulator.run(request(vcf, "t1", 1, null, null, 150));
        ReadsResult two = ReadSimulator.run(request(vcf, "t2", 2, null, null, 150));
        assertThat(one.pairs()).isEqualTo(two.pairs()).isEqualTo(5_000L);
        for (String suffix : List.of("_R1.fastq.gz", "_R2.fastq.gz", ".golden.bam", ".golden.bam.bai",
                ".golden.vcf.gz", ".golden.vcf.gz.tbi")) {
            assertThat(Files.readAllBytes(dir.resolve("t2" + suffix))).as(suffix)
                    .isEqualTo(Files.readAllBytes(dir.resolve("t1" + suffix)));
        }
        // mates pair up by name in the two files
        try (BufferedReader a = TextInput.openReader(dir.resolve("t1_R1.fastq.gz"));
             BufferedReader b = TextInput.openReader(dir.resolve("t1_R2.fastq.gz"))) {
            String x;
            long n = 0;
            while ((x = a.readLine()) != null) {
                String y = b.readLine();
                if (n++ % 4 == 0) {
                    assertThat(y.substring(0, y.length() - 1)).isEqualTo(x.substring(0, x.length() - 1));
                }
            }
        }
    }

    @Test
    void errorRateFollowsQualities() throws IOException {
        Path none = dir.resolve("none.vcf");
        Files.writeString(none, "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS0001\n");
        ReadSimulator.run(request(none, "e", 2, null, null, 150));
        String stats = PeerTool.run(dir, "bash", "-c", "set -o pipefail; samtools calmd -b e.golden.bam ref.fa "
                + "2>/dev/null | samtools stats -");
        double measured = Double.parseDouble(stats.lines().filter(l -> l.startsWith("SN\terror rate:"))
                .findFirst().orElseThrow().split("\t")[2]);
        double stated = (statedErrors(dir.resolve("e_R1.fastq.gz")) + statedErrors(dir.resolve("e_R2.fastq.gz")))
                / 2;
        assertThat(stated).isBetween(0.002, 0.004);
        assertThat(measured).isCloseTo(stated, org.assertj.core.data.Percentage.withPercentage(5));
    }

    /** Mean of 10^(-Q/10) over the bases of a FASTQ (Q0/Q1 count 0.75: a random base). */
    private static double statedErrors(Path fastq) throws IOException {
        double sum = 0;
        long n = 0;
        try (BufferedReader r = TextInput.openReader(fastq)) {
            String line;
            long i = 0;
            while ((line = r.readLine()) != null) {
                if (i++ % 4 == 3) {
                    for (int k = 0; k < line.length(); k++) {
                        int q = line.charAt(k) - 33;
                        sum += Math.min(0.75, Math.pow(10, -q / 10.0));
                        n++;
                    }
                }
            }
        }
        return sum / n;
    }

    @Test
    void contigNamesWithoutChrPrefixAreMatched() throws IOException {
        Path plain = dir.resolve("plain.vcf");
        Files.writeString(plain, Files.readString(vcf).replace("ID=chr1,", "ID=1,").replaceAll("(?m)^chr1\t", "1\t"));
        ReadsResult r = ReadSimulator.run(request(plain, "alias", 2, null, null, 150));
        assertThat(r.variants()).isGreaterThan(10);
        assertThat(new String(Files.readAllBytes(dir.resolve("alias.golden.vcf.gz")))).isNotEmpty();
        Path other = dir.resolve("other.vcf");
        Files.writeString(other, Files.readString(vcf).replace("ID=chr1,", "ID=scaffold9,")
                .replaceAll("(?m)^chr1\t", "scaffold9\t"));
        assertThatThrownBy(() -> ReadSimulator.run(request(other, "bad", 2, null, null, 150)))
                .isInstanceOf(InputException.class).hasMessageContaining("scaffold9")
                .hasMessageContaining("--contig-alias");
    }

    @Test
    void exomeCaptureCoversTargetsOnly() throws IOException {
        Path bed = dir.resolve("targets.bed");
        Files.writeString(bed, "chr1\t50000\t50300\nchr1\t120000\t120200\nchr1\t250000\t250500\n");
        ReadsRequest req = new ReadsRequest(ref, vcf, "S0001", bed, 50, 60, 100, 250, 30, null,
                dir.resolve("x").toString(), 3, 2, true, 1, Map.of());
        ReadSimulator.run(req);
        try (SamReader sr = SamReaderFactory.makeDefault().open(dir.resolve("x.golden.bam"))) {
            long reads = 0;
            for (SAMRecord rec : sr) {
                reads++;
                int s = rec.getAlignmentStart();
                boolean near = Math.abs(s - 50150) < 500 || Math.abs(s - 120100) < 500 || Math.abs(s - 250250) < 600;
                assertThat(near).as(rec.getSAMString()).isTrue();
            }
            assertThat(reads).isGreaterThan(500);
        }
        String depth = PeerTool.run(dir, "samtools", "depth", "-a", "-b", "targets.bed", "x.golden.bam");
        double mean = depth.lines().mapToInt(l -> Integer.parseInt(l.split("\t")[2])).average().orElseThrow();
        assertThat(mean).isBetween(0.6 * 60, 1.4 * 60);
    }

    @Test
    void qualityModelLearnedFromArtReads() throws IOException {
        PeerTool.run(dir, "art_illumina", "-ss", "HS25", "-i", "ref.fa", "-p", "-l", "100", "-f", "5", "-m", "300",
                "-s", "30", "-rs", "7", "-na", "-o", "art_");
        QualityModel learned = ModelLearner.learn(List.of(dir.resolve("art_1.fq"), dir.resolve("art_2.fq")),
                1_000_000);
        Path modelFile = dir.resolve("art.qmodel.tsv");
        learned.write(modelFile);
        ReadSimulator.run(request(vcf, "m", 2, null, modelFile, 100));
        for (int read = 1; read <= 2; read++) {
            double[] art = meanQualityPerCycle(dir.resolve("art_" + read + ".fq"), 100);
            double[] ours = meanQualityPerCycle(dir.resolve("m_R" + read + ".fastq.gz"), 100);
            for (int c = 0; c < 100; c++) {
                assertThat(ours[c]).as("read %d cycle %d", read, c + 1).isCloseTo(art[c],
                        org.assertj.core.api.Assertions.within(1.0));
            }
        }
        // the same model learned back from the golden BAM (first/second of pair, reverse strands re-reversed)
        QualityModel fromBam = ModelLearner.learn(List.of(dir.resolve("m.golden.bam")), 1_000_000);
        for (int read = 0; read < 2; read++) {
            for (int c = 0; c < 100; c += 9) {
                assertThat(fromBam.meanQuality(read, c)).isCloseTo(learned.meanQuality(read, c),
                        org.assertj.core.api.Assertions.within(1.0));
            }
        }
    }

    private static double[] meanQualityPerCycle(Path fastq, int length) throws IOException {
        double[] sum = new double[length];
        long n = 0;
        try (BufferedReader r = TextInput.openReader(fastq)) {
            String line;
            long i = 0;
            while ((line = r.readLine()) != null) {
                if (i++ % 4 == 3) {
                    byte[] q = line.getBytes(StandardCharsets.US_ASCII);
                    for (int k = 0; k < length; k++) {
                        sum[k] += q[k] - 33;
                    }
                    n++;
                }
            }
        }
        for (int k = 0; k < length; k++) {
            sum[k] /= n;
        }
        return sum;
    }
}
