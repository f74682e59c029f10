package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that need placed variants refuse a cohort without any, instead of computing on nothing: on a BIMBAM file
 * without annotation (every variant on chromosome 0 at an unknown position) {@code kinship}, {@code pca} and
 * {@code ld} have no variant left (they skip unplaced ones, as plink2 does) and {@code gwas --model lmm-loco} has no
 * chromosome to leave out; each exits 2 with one line giving the reason and {@code --anno FILE}, writing nothing. With
 * an annotation on one chromosome lmm-loco still refuses (it would be linear regression), and kinship, pca and gwas
 * (linear, lmm) refuse a cohort without a polymorphic variant.
 */
class UnplacedVariantsCliTest {
    private static final int SAMPLES = 60;
    private static final int SNPS = 300;

    @TempDir
    Path dir;

    Path geno;
    Path pheno;
    Path out;

    @BeforeEach
    void write() throws IOException {
        geno = dir.resolve("BXD_geno.txt.gz");
        writeGeno(geno, false);
        pheno = dir.resolve("pheno.txt");
        Random rng = new Random(3);
        StringBuilder y = new StringBuilder();
        for (int s = 0; s < SAMPLES; s++) {
            y.append(rng.nextGaussian()).append('\n');
        }
        Files.writeString(pheno, y);
        out = Files.createDirectory(dir.resolve("out"));
    }

    private static void writeGeno(Path file, boolean monomorphic) throws IOException {
        Random rng = new Random(15);
        StringBuilder sb = new StringBuilder();
        for (int v = 0; v < SNPS; v++) {
            double p = 0.2 + 0.6 * rng.nextDouble();
            sb.append("rs").append(v).append(", A, G");
            for (int s = 0; s < SAMPLES; s++) {
                int x = monomorphic ? 0 : (rng.nextDouble() < p ? 1 : 0) + (rng.nextDouble() < p ? 1 : 0);
                sb.append(", ").append(x);
            }
            sb.append('\n');
        }
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            o.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private String refused(String... args) throws IOException {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).startsWith("genosynth: error: ").doesNotContain("Exception").doesNotContain("\tat ")
                .hasLineCount(1);
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.toList()).as("outputs").isEmpty();
        }
        return r.err();
    }

    @Test
    void structureCommandsRefuseACohortWithOnlyUnplacedVariants() throws IOException {
        for (String command : List.of("kinship", "pca", "ld")) {
            assertThat(refused(command, "--input", geno.toString(), "--out", out.resolve("x").toString()))
                    .as(command).contains("BXD_geno.txt.gz: no variant to analyse: all 300 variants are unplaced",
                            "chromosome 0", "pass --anno FILE (rs, bp, chr) to place them", "--keep-unknown-positions");
        }
        // with --keep-unknown-positions the same variants are used, as asked
        CliRun k = CliRun.of("kinship", "--input", geno.toString(), "--keep-unknown-positions", "--out",
                out.resolve("k").toString());
        assertThat(k.exitCode()).as(k.err()).isZero();
        assertThat(k.out()).contains(SAMPLES + " samples, " + SNPS + " variants");
    }

    @Test
    void lmmLocoRefusesUnplacedVariantsAndASingleChromosome() throws IOException {
        assertThat(refused("gwas", "--input", geno.toString(), "--pheno", pheno.toString(), "--pheno-col", "1",
                "--model", "lmm-loco", "--out", out.resolve("g").toString()))
                .contains("BXD_geno.txt.gz: every tested variant is unplaced (chromosome 0",
                        "leave-one-chromosome-out needs variants on two or more chromosomes", "pass --anno FILE",
                        "--model lmm");
        List<String> anno = new ArrayList<>();
        for (int v = 0; v < SNPS; v++) {
            anno.add("rs" + v + ", " + (1000 + 1000 * v) + ", 7");
        }
        Files.write(dir.resolve("BXD_anno.txt"), anno);
        assertThat(refused("gwas", "--input", geno.toString(), "--pheno", pheno.toString(), "--pheno-col", "1",
                "--model", "lmm-loco", "--out", out.resolve("g").toString()))
                .contains("every tested variant is on chromosome 7", "--model lmm").doesNotContain("--anno");
        // placed on one chromosome, the structure commands run
        CliRun p = CliRun.of("pca", "--input", geno.toString(), "--pcs", "2", "--out", out.resolve("p").toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(p.out()).contains(SAMPLES + " samples, " + SNPS + " variants");
    }

    @Test
    void kinshipPcaAndGwasRefuseACohortWithoutVariation() throws IOException {
        Path flat = dir.resolve("flat.geno.txt.gz");
        writeGeno(flat, true);
        List<String> anno = new ArrayList<>();
        for (int v = 0; v < SNPS; v++) {
            anno.add("rs" + v + ", " + (1000 + 1000 * v) + ", " + (1 + v % 3));
        }
        Files.write(dir.resolve("flat.anno.txt"), anno);
        for (String command : List.of("kinship", "pca")) {
            assertThat(refused(command, "--input", flat.toString(), "--out", out.resolve("f").toString()))
                    .contains("flat.geno.txt.gz: none of its 300 variants used is polymorphic among the 60 samples");
        }
        // gwas wrote a table of NA statistics (linear) or failed with an internal error (lmm)
        assertThat(refused("gwas", "--input", flat.toString(), "--pheno", pheno.toString(), "--pheno-col", "1",
                "--out", out.resolve("g").toString()))
                .contains("flat.geno.txt.gz: none of its 300 variants can be tested: each is constant among the 60 "
                        + "samples used");
        assertThat(refused("gwas", "--input", flat.toString(), "--pheno", pheno.toString(), "--pheno-col", "1",
                "--model", "lmm", "--out", out.resolve("g").toString()))
                .contains("--model lmm: none of the 300 variants passes GEMMA's SNP filters among the 60 samples "
                        + "used (allele frequency within [0.01, 0.99], at most 5% missing calls");
    }
}
