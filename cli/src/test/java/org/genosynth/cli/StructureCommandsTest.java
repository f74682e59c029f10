package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kinship}, {@code pca} and {@code ld} through the command line on a small random PLINK fileset. */
class StructureCommandsTest {
    private static final int SAMPLES = 60;
    private static final int VARIANTS = 300;

    @TempDir
    Path dir;
    Path prefix;

    @BeforeEach
    void fileset() throws IOException {
        prefix = dir.resolve("toy");
        Random random = new Random(7);
        int bytesPerVariant = (SAMPLES + 3) / 4;
        byte[] bed = new byte[3 + VARIANTS * bytesPerVariant];
        bed[0] = 0x6c;
        bed[1] = 0x1b;
        bed[2] = 0x01;
        List<String> bim = new ArrayList<>();
        for (int v = 0; v < VARIANTS; v++) {
            double p = 0.05 + 0.9 * random.nextDouble();
            for (int s = 0; s < SAMPLES; s++) {
                int alt = (random.nextDouble() < p ? 1 : 0) + (random.nextDouble() < p ? 1 : 0);
                int code = random.nextDouble() < 0.01 ? 1 : alt == 2 ? 0 : alt == 1 ? 2 : 3; // .bed: A1 = ALT
                bed[3 + v * bytesPerVariant + s / 4] |= (byte) (code << (2 * (s % 4)));
            }
            bim.add((v < 150 ? "1" : "2") + "\trs" + v + "\t0\t" + (1000 + 500 * v) + "\tA\tG");
        }
        List<String> fam = new ArrayList<>();
        for (int s = 0; s < SAMPLES; s++) {
            fam.add("F" + s + "\tI" + s + "\t0\t0\t0\t-9");
        }
        Files.write(dir.resolve("toy.bed"), bed);
        Files.write(dir.resolve("toy.bim"), bim);
        Files.write(dir.resolve("toy.fam"), fam);
    }

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void kinshipWritesEveryPair() throws IOException {
        assertThat(run("kinship", "--input", prefix.toString(), "--grm", "--out", dir.resolve("k").toString()))
                .isZero();
        assertThat(Files.readAllLines(dir.resolve("k.kin0"))).hasSize(1 + SAMPLES * (SAMPLES - 1) / 2)
                .first().isEqualTo("#FID1\tIID1\tFID2\tIID2\tNSNP\tHETHET\tIBS0\tKINSHIP");
        assertThat(Files.readAllLines(dir.resolve("k.rel"))).hasSize(SAMPLES);
        assertThat(Files.readAllLines(dir.resolve("k.rel.id"))).hasSize(SAMPLES + 1);
    }

    @Test
    void pcaWritesPlink2FilesAndProjection() throws IOException {
        assertThat(run("pca", "--input", prefix.toString(), "--pcs", "3", "--project", prefix.toString(),
                "--out", dir.resolve("p").toString())).isZero();
        assertThat(Files.readAllLines(dir.resolve("p.eigenval"))).hasSize(3);
        assertThat(Files.readAllLines(dir.resolve("p.eigenvec"))).hasSize(SAMPLES + 1)
                .first().isEqualTo("#FID\tIID\tPC1\tPC2\tPC3");
        assertThat(Files.readAllLines(dir.resolve("p.eigenvec.var"))).hasSize(VARIANTS + 1);
        // the toy data has 1% missing calls: exact PCA divides each pair by its jointly called count (as plink2),
        // the projection mean-imputes, so the cohort projects close to, not exactly onto, its eigenvectors
        List<String> projected = Files.readAllLines(dir.resolve("p.projected.eigenvec"));
        List<String> vec = Files.readAllLines(dir.resolve("p.eigenvec"));
        assertThat(projected).hasSameSizeAs(vec).first().isEqualTo(vec.get(0));
        for (int i = 1; i < vec.size(); i++) {
            String[] a = vec.get(i).split("\t");
            String[] b = projected.get(i).split("\t");
            assertThat(b[1]).isEqualTo(a[1]);
            for (int c = 2; c < 5; c++) {
                assertThat(Double.parseDouble(b[c])).isCloseTo(Double.parseDouble(a[c]),
                        org.assertj.core.api.Assertions.within(0.02));
            }
        }
        assertThat(run("pca", "--input", prefix.toString(), "--pcs", "3", "--approx",
                "--out", dir.resolve("a").toString())).isZero();
    }

    @Test
    void ldWritesTableAndPruneLists() throws IOException {
        assertThat(run("ld", "--input", prefix.toString(), "--r2-min", "0", "--out", dir.resolve("l").toString()))
                .isZero();
        // 10 partners per variant within each chromosome of 150
        assertThat(Files.readAllLines(dir.resolve("l.vcor"))).hasSize(1 + 2 * (140 * 10 + 45));
        assertThat(run("ld", "--input", prefix.toString(), "--indep-pairwise", "50", "5", "0.01",
                "--out", dir.resolve("l").toString())).isZero();
        int in = Files.readAllLines(dir.resolve("l.prune.in")).size();
        int out = Files.readAllLines(dir.resolve("l.prune.out")).size();
        assertThat(in + out).isEqualTo(VARIANTS);
        assertThat(out).isPositive();
    }

    @Test
    void badPruneArgumentsAreUserErrors() {
        assertThat(run("ld", "--input", prefix.toString(), "--indep-pairwise", "50kb", "5", "0.2",
                "--out", dir.resolve("x").toString())).isEqualTo(Main.USER_ERROR);
        assertThat(run("pca", "--input", prefix.toString(), "--pcs", "0", "--out", dir.resolve("x").toString()))
                .isEqualTo(Main.USER_ERROR);
        assertThat(dir.resolve("x.prune.in")).doesNotExist();
    }
}
