package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genosynth watermark add|verify} on the real mouse cohort and its binary phenotype (column 4, with missing
 * values): the logistic GWAS of the watermarked cohort is verified (exit 0), a result with one watermark p-value
 * altered is not (exit 3), keyed watermarks take their key from a file; bad keys are user errors.
 */
class WatermarkCommandTest {
    private static final String MOUSE = "../../shared/data/mouse_hs1940/mouse_hs1940";

    @TempDir
    Path dir;

    @Test
    void addThenVerifyTheGwas() throws IOException {
        for (boolean keyed : new boolean[] {false, true}) {
            String out = dir.resolve(keyed ? "keyed" : "sg6").toString();
            List<String> args = new ArrayList<>(List.of("watermark", "add", "--input", MOUSE + ".bed.gz", "--pheno",
                    MOUSE + ".pheno.txt.gz", "--pheno-col", "4", "--count", "5", "--out", out));
            if (keyed) {
                Path key = dir.resolve("secret.key");
                Files.writeString(key, "a secret key that is long enough\n");
                args.addAll(List.of("--key-file", key.toString(), "--target-p", "1e-9"));
            }
            CliRun add = CliRun.of(args.toArray(new String[0]));
            assertThat(add.exitCode()).as(add.err()).isZero();
            assertThat(add.out()).contains("watermark add: 5 SNPs over 1940 samples");
            assertThat(Files.readAllLines(Path.of(out + ".bim"))).hasSize(12226 + 5);
            assertThat(Files.readAllLines(Path.of(out + ".watermark.csv"))).hasSize(1 + 1940 + 1);

            CliRun gwas = CliRun.of("gwas", "-t", "2", "--input", out, "--pheno", MOUSE + ".pheno.txt.gz",
                    "--pheno-col", "4", "--model", "logistic", "--out", out + ".glm");
            assertThat(gwas.exitCode()).as(gwas.err()).isZero();
            CliRun ok = CliRun.of("watermark", "verify", "--watermark", out + ".watermark.tsv", "--gwas",
                    out + ".glm.gwas.tsv");
            assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
            assertThat(ok.out()).contains("VERIFIED (5 of 5");

            List<String> lines = Files.readAllLines(Path.of(out + ".glm.gwas.tsv"));
            String firstId = Files.readAllLines(Path.of(out + ".watermark.tsv")).stream()
                    .filter(l -> !l.startsWith("#")).findFirst().orElseThrow().split("\t")[0];
            List<String> tampered = lines.stream().map(l -> {
                String[] f = l.split("\t");
                if (!f[2].equals(firstId)) {
                    return l;
                }
                f[10] = Double.toString(Double.parseDouble(f[10]) * 3);
                return String.join("\t", f);
            }).toList();
            Path bad = dir.resolve("bad.gwas.tsv");
            Files.write(bad, tampered);
            CliRun no = CliRun.of("watermark", "verify", "--watermark", out + ".watermark.tsv", "--gwas",
                    bad.toString());
            assertThat(no.exitCode()).isEqualTo(WatermarkVerifyCommand.NOT_VERIFIED);
            assertThat(no.out()).contains("FAILED (4 of 5", firstId + ": P differs");
        }
    }

    @Test
    void phenotypeRowsOfAbsentSamplesAreIgnoredWithANote() throws IOException {
        // the 1,940 mice plus 3 rows of samples the genotypes do not have; P4 is the binary column 4
        Path pheno = MouseTables.withAbsentSamples(MouseTables.fullTable(dir.resolve("full.tsv")),
                dir.resolve("plus3.tsv"), 3);
        CliRun r = CliRun.of("watermark", "add", "--input", MOUSE + ".bed.gz", "--pheno", pheno.toString(),
                "--pheno-col", "P4", "--count", "2", "--out", dir.resolve("n").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("watermark add: 2 SNPs over 1940 samples",
                "note: plus3.tsv: 3 rows for samples not in the genotype file ignored");
    }

    @Test
    void badInputsAreUserErrors() throws IOException {
        Path key = dir.resolve("short.key");
        Files.writeString(key, "short");
        CliRun r = CliRun.of("watermark", "add", "--input", MOUSE + ".bed.gz", "--pheno", MOUSE + ".pheno.txt.gz",
                "--pheno-col", "4", "--key-file", key.toString(), "--out", dir.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).startsWith("genosynth: error: ").contains("16 bytes");
        CliRun q = CliRun.of("watermark", "add", "--input", MOUSE + ".bed.gz", "--pheno", MOUSE + ".pheno.txt.gz",
                "--pheno-col", "1", "--out", dir.resolve("y").toString());
        assertThat(q.exitCode()).isEqualTo(Main.USER_ERROR);
        assertThat(q.err()).contains("binary phenotype");
        Path notGwas = dir.resolve("not.tsv");
        Files.writeString(notGwas, "a\tb\n1\t2\n");
        Path truth = dir.resolve("t.tsv");
        Files.writeString(truth, "#ID\tCHROM\tPOS\tREF\tALT\tA1\tA1_FREQ\tOBS_CT\tBETA\tSE\tLOG10_P\n"
                + "rs1\t1\t5\tA\tG\tG\t0.5\t10\t1\t0.1\t-3\n");
        CliRun v = CliRun.of("watermark", "verify", "--watermark", truth.toString(), "--gwas", notGwas.toString());
        assertThat(v.exitCode()).isEqualTo(Main.USER_ERROR);
        assertThat(v.err()).contains("not a GWAS table");
    }
}
