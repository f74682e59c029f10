package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User errors through the whole command line: exit code 2, exactly one stderr line {@code genosynth: error: ...}
 * naming the file (and line), no stack trace, and nothing left in the output directory.
 */
class BadInputCliTest {
    private static final int SAMPLES = 40;

    @TempDir
    Path dir;
    Path out;

    @BeforeEach
    void outputDirectory() throws IOException {
        out = Files.createDirectory(dir.resolve("out"));
    }



    /** Runs and checks the user-error contract; returns the single error line. */
    private String assertUserError(String... args) throws IOException {
        CliRun r = CliRun.of(args);
        String what = String.join(" ", args) + "\nstderr:\n" + r.err();
        assertThat(r.exitCode()).as(what).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).as(what).startsWith("genosynth: error: ").endsWith("\n")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as("stderr lines: " + what).isEqualTo(1);
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("left in the output directory: " + what)
                    .isEmpty();
        }
        return r.err().strip();
    }

    // ---- PLINK ----

    @Test
    void bedShorterThanBimAndFamInQcAndConvert() throws IOException {
        Path in = plink("x", SAMPLES, 30, false, false);
        truncatePlainBed(in, 7);
        for (String[] cmd : List.of(
                new String[] {"qc", "-t", "1", "--input", s(in), "--out", s(out.resolve("qc"))},
                new String[] {"convert", "-t", "1", "--input", s(in), "--out", s(out.resolve("y.vcf.gz"))},
                new String[] {"convert", "-t", "1", "--input", s(in), "--out", s(out.resolve("y")),
                    "--output-format", "bimbam"})) {
            assertThat(assertUserError(cmd)).contains("x.bed", "bytes");
        }
    }

    @Test
    void bimWithMoreVariantsThanTheBed() throws IOException {
        Path in = plink("x", SAMPLES, 30, false, false);
        Files.writeString(dir.resolve("x.bim"), "1\textra\t0\t99999\tA\tG\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(assertUserError("convert", "-t", "1", "--input", s(in), "--out", s(out.resolve("y.bed"))))
                .contains("x.bed", "31 variants");
    }

    @Test
    void truncatedGzippedBedFailsMidStreamAndLeavesNoPartialOutput() throws IOException {
        // several blocks are decoded and written before the stream runs dry; unsorted, so VCF output sorts in memory
        int samples = 20_000;
        int variants = 3_000;
        assertThat(org.genosynth.io.BlockStream.blockSizeFor(samples)).isLessThan(variants / 2);
        Path in = plink("x", samples, variants, true, true);
        for (String[] cmd : List.of(
                new String[] {"qc", "-t", "1", "--input", s(in), "--out", s(out.resolve("qc"))},
                new String[] {"convert", "-t", "1", "--input", s(in), "--out", s(out.resolve("y.bed"))},
                new String[] {"convert", "-t", "1", "--input", s(in), "--out", s(out.resolve("y.vcf.gz"))},
                new String[] {"convert", "-t", "1", "--input", s(in), "--out", s(out.resolve("y")),
                    "--output-format", "bimbam"})) {
            assertThat(assertUserError(cmd)).contains("x.bed.gz");
        }
    }

    @Test
    void evaluateSaysWhenTheCohortsNameTheirChromosomesDifferently() throws IOException {
        Path real = plink("real", SAMPLES, 30, false, false);
        Path syn = plink("syn", SAMPLES, 30, false, false);
        Files.writeString(dir.resolve("syn.bim"), Files.readString(dir.resolve("syn.bim")).replaceAll("(?m)^1\t",
                "chr1\t"));
        assertThat(assertUserError("evaluate", "-t", "1", "--real", s(real) + ".bed", "--synthetic", s(syn) + ".bed",
                "--out", s(out.resolve("e")))).contains("no variant in common", "chromosomes 1..., the synthetic chr1",
                "--rename-chrs");
    }

    @Test
    void duplicateSampleInFamNamesTheLine() throws IOException {
        Path in = plink("x", SAMPLES, 5, false, false);
        List<String> fam = new ArrayList<>(Files.readAllLines(dir.resolve("x.fam")));
        fam.set(3, fam.get(0));
        Files.write(dir.resolve("x.fam"), fam);
        assertThat(assertUserError("qc", "-t", "1", "--input", s(in), "--out", s(out.resolve("qc"))))
                .contains("x.fam:4", "duplicate");
    }

    // ---- VCF ----

    @Test
    void vcfWithABrokenDataLineNamesTheLine() throws IOException {
        Path vcf = vcf("x.vcf", 500, 300, "1\tnotaposition\trsX\tA\tG\t.\t.\t.\tGT");
        for (String[] cmd : List.of(
                new String[] {"qc", "-t", "1", "--input", s(vcf), "--out", s(out.resolve("qc"))},
                new String[] {"convert", "-t", "1", "--input", s(vcf), "--out", s(out.resolve("y.bed"))},
                new String[] {"convert", "-t", "1", "--input", s(vcf), "--out", s(out.resolve("y.vcf.gz"))})) {
            // 2 header lines before the data: data line 300 is file line 302
            assertThat(assertUserError(cmd)).contains("x.vcf:302");
        }
    }

    @Test
    void vcfWithTooFewGenotypeColumnsNamesTheLine() throws IOException {
        Path vcf = vcf("x.vcf", 50, 10, "1\t999\trsX\tA\tG\t.\t.\t.\tGT\t0/1");
        assertThat(assertUserError("convert", "-t", "1", "--input", s(vcf), "--out", s(out.resolve("y.bed"))))
                .contains("x.vcf:12");
    }

    @Test
    void gzippedVcfTruncated() throws IOException {
        Path plain = vcf("x.vcf", 2000, -1, null);
        byte[] gz = gzip(Files.readAllBytes(plain));
        Path cut = dir.resolve("cut.vcf.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length * 2 / 3));
        assertThat(assertUserError("convert", "-t", "1", "--input", s(cut), "--out", s(out.resolve("y.bed"))))
                .contains("cut.vcf.gz");
    }

    // ---- evaluate ----

    @Test
    void evaluateNamesTheMissingSyntheticCohortAndTheMissingPhenotypeColumn() throws IOException {
        Path real = plink("real", SAMPLES, 30, false, false);
        String err = assertUserError("evaluate", "--real", s(real) + ".bed", "--synthetic", s(dir.resolve("nope.bed")),
                "--out", s(out));
        assertThat(err).contains("nope");
        Path pheno = dir.resolve("pheno.tsv");
        StringBuilder sb = new StringBuilder("#FID\tIID\ty\n");
        for (String line : Files.readAllLines(Path.of(s(real) + ".fam"))) {
            String[] f = line.split("\\s+");
            sb.append(f[0]).append('\t').append(f[1]).append("\t1.5\n");
        }
        Files.writeString(pheno, sb.toString());
        err = assertUserError("evaluate", "--real", s(real) + ".bed", "--synthetic", s(real) + ".bed", "--pheno",
                s(pheno), "--pheno-col", "height", "--model", "linear", "--out", s(out));
        assertThat(err).contains("pheno.tsv").contains("height");
    }

    // ---- BIMBAM (no .fam, no annotation: a phenotype-free run) ----

    @Test
    void bimbamRowWithWrongColumnCountNamesTheLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        Random rnd = new Random(3);
        for (int v = 1; v <= 400; v++) {
            sb.append("rs").append(v).append(", A, G");
            int n = v == 321 ? SAMPLES - 1 : SAMPLES;
            for (int i = 0; i < n; i++) {
                sb.append(", ").append(rnd.nextInt(3));
            }
            sb.append('\n');
        }
        Path geno = Files.writeString(dir.resolve("x.geno.txt"), sb);
        for (String[] cmd : List.of(
                new String[] {"qc", "-t", "1", "--input", s(geno), "--out", s(out.resolve("qc"))},
                new String[] {"convert", "-t", "1", "--input", s(geno), "--out", s(out.resolve("y.bed"))})) {
            assertThat(assertUserError(cmd)).contains("x.geno.txt:321");
        }
    }

    @Test
    void bimbamWithAFamOfAnotherSize() throws IOException {
        Path geno = Files.writeString(dir.resolve("x.geno.txt"), "rs1, A, G, 0, 1, 2\nrs2, A, G, 1, 1, 1\n");
        Path fam = Files.writeString(dir.resolve("other.fam"), "f a 0 0 1 -9\nf b 0 0 2 -9\n");
        assertThat(assertUserError("qc", "-t", "1", "--input", s(geno), "--samples", s(fam), "--out",
                s(out.resolve("qc")))).contains("x.geno.txt:1", "other.fam");
    }

    // ---- files and options ----

    @Test
    void missingInputFile() throws IOException {
        for (String name : List.of("nope.vcf", "nope.bed", "nope.geno.txt", "nope.vcf.gz")) {
            assertThat(assertUserError("qc", "-t", "1", "--input", s(dir.resolve(name)), "--out",
                    s(out.resolve("qc")))).contains("nope");
        }
    }

    @Test
    void unknownInputAndOutputFormat() throws IOException {
        Path in = plink("x", SAMPLES, 5, false, false);
        assertThat(assertUserError("qc", "--input", s(in), "--format", "ped", "--out", s(out.resolve("qc"))))
                .contains("unknown format 'ped'");
        assertThat(assertUserError("convert", "--input", s(in), "--output-format", "gen", "--out",
                s(out.resolve("y")))).contains("unknown format 'gen'");
        assertThat(assertUserError("convert", "--input", s(in), "--out", s(out.resolve("y.txt"))))
                .contains("y.txt", "output format");
    }

    @Test
    void undetectableInputFormat() throws IOException {
        Path odd = Files.writeString(dir.resolve("data.txt"), "hello\n");
        assertThat(assertUserError("qc", "--input", s(odd), "--out", s(out.resolve("qc")))).contains("data.txt",
                "--format");
    }

    @Test
    void thresholdsOutOfRange() throws IOException {
        Path in = plink("x", SAMPLES, 5, false, false);
        assertThat(assertUserError("qc", "--input", s(in), "--maf", "2", "--out", s(out.resolve("qc"))))
                .contains("--maf");
        assertThat(assertUserError("convert", "--input", s(in), "--geno", "-0.5", "--out", s(out.resolve("y.bed"))))
                .contains("--geno");
        assertThat(assertUserError("qc", "--input", s(in), "--hwe", "1.5", "--out", s(out.resolve("qc"))))
                .contains("--hwe");
    }

    @Test
    void badMultiallelicPolicy() throws IOException {
        Path in = plink("x", SAMPLES, 5, false, false);
        assertThat(assertUserError("qc", "--input", s(in), "--multiallelic", "merge", "--out", s(out.resolve("qc"))))
                .contains("--multiallelic");
    }

    @Test
    void aGoodRunWritesItsOutputs() throws IOException {
        // the positive control for the assertions above
        Path in = plink("x", SAMPLES, 30, false, false);
        CliRun r = CliRun.of("qc", "-t", "1", "--input", s(in), "--out", s(out.resolve("qc")));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).contains("qc.afreq", "qc.hardy")
                    .noneMatch(n -> n.startsWith(".tmp-"));
        }
    }

    // ---- fixtures ----

    private static String s(Path p) {
        return p.toString();
    }

    /** A random PLINK fileset {@code dir/prefix.*}; returns the prefix path. */
    private Path plink(String prefix, int samples, int variants, boolean gzipped, boolean unsorted)
            throws IOException {
        Random rnd = new Random(samples * 31L + variants);
        StringBuilder fam = new StringBuilder();
        for (int i = 0; i < samples; i++) {
            fam.append("f").append(i).append(" s").append(i).append(" 0 0 ").append(1 + i % 2).append(" -9\n");
        }
        StringBuilder bim = new StringBuilder();
        for (int v = 0; v < variants; v++) {
            long pos = unsorted ? 1000 + (variants - v) * 10L : 1000 + v * 10L;
            bim.append("1\trs").append(v).append("\t0\t").append(pos).append("\tA\tG\n");
        }
        int bpv = (samples + 3) / 4;
        byte[] bed = new byte[3 + variants * bpv];
        for (int i = 0; i < bed.length; i++) {
            // mostly hom-ref (cheap to gzip), some random codes
            bed[i] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : 0xFF);
        }
        bed[0] = 0x6c;
        bed[1] = 0x1b;
        bed[2] = 0x01;
        Files.writeString(dir.resolve(prefix + ".fam"), fam);
        Files.writeString(dir.resolve(prefix + ".bim"), bim);
        if (gzipped) {
            byte[] gz = gzip(bed);
            // cut near the end: most blocks decode and are written before the stream runs dry
            Files.write(dir.resolve(prefix + ".bed.gz"), Arrays.copyOf(gz, gz.length * 9 / 10));
        } else {
            Files.write(dir.resolve(prefix + ".bed"), bed);
        }
        return dir.resolve(prefix);
    }

    private void truncatePlainBed(Path prefix, int bytes) throws IOException {
        Path bed = Path.of(prefix + ".bed");
        byte[] b = Files.readAllBytes(bed);
        Files.write(bed, Arrays.copyOf(b, b.length - bytes));
    }

    /**
     * A VCF of {@link #SAMPLES} samples and {@code records} data lines; data line {@code badAt} (1-based) is replaced
     * by {@code badLine} when {@code badAt > 0}.
     */
    private Path vcf(String name, int records, int badAt, String badLine) throws IOException {
        Random rnd = new Random(records);
        StringBuilder sb = new StringBuilder("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
        for (int i = 0; i < SAMPLES; i++) {
            sb.append("\ts").append(i);
        }
        sb.append('\n');
        String[] gts = {"0/0", "0/1", "1/1", "./."};
        for (int v = 1; v <= records; v++) {
            if (v == badAt) {
                sb.append(badLine).append('\n');
                continue;
            }
            sb.append("1\t").append(100 * v).append("\trs").append(v).append("\tA\tG\t.\t.\t.\tGT");
            for (int i = 0; i < SAMPLES; i++) {
                sb.append('\t').append(gts[rnd.nextInt(4)]);
            }
            sb.append('\n');
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(bytes)) {
            o.write(data);
        }
        return bytes.toByteArray();
    }
}
