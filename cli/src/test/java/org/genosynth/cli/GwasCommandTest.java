package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genosynth gwas} through the command line on the real mouse_hs1940 cohort: a run that works, and user errors
 * (unknown phenotype column, a phenotype row for a sample not in the genotypes, a non-binary logistic phenotype,
 * lmm with an unknown phenotype column) exit 2 with one stderr line and leave nothing in the output directory.
 */
class GwasCommandTest {
    private static final Path MOUSE = Path.of("../../shared/data/mouse_hs1940/mouse_hs1940");

    @TempDir
    Path dir;



    private String userError(Path outDir, String... args) throws IOException {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).startsWith("genosynth: error: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        try (Stream<Path> left = Files.list(outDir)) {
            assertThat(left.toList()).isEmpty();
        }
        return r.err().strip();
    }

    private static String s(Path p) {
        return p.toString();
    }

    private String[] gwas(Path outDir, String pheno, String column, String... more) {
        List<String> args = new ArrayList<>(List.of("gwas", "-t", "2", "--input", s(Path.of(MOUSE + ".bed.gz")),
                "--pheno", pheno, "--pheno-col", column, "--out", s(outDir.resolve("g"))));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void linearRunWritesTableAndPlots() throws IOException {
        Path outDir = Files.createDirectory(dir.resolve("ok"));
        CliRun r = CliRun.of(gwas(outDir, s(Path.of(MOUSE + ".pheno.txt.gz")), "1"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("tested", "1410 samples", "g.gwas.tsv");
        List<String> lines = Files.readAllLines(outDir.resolve("g.gwas.tsv"));
        assertThat(lines.get(0)).isEqualTo("#CHROM\tPOS\tID\tREF\tALT\tA1\tA1_FREQ\tOBS_CT\tBETA\tSE\tP");
        assertThat(lines).hasSize(12226 + 1);
        assertThat(Files.readString(outDir.resolve("g.manhattan.svg"))).startsWith("<svg").endsWith("</svg>\n");
        assertThat(Files.size(outDir.resolve("g.qq.svg"))).isLessThan(1_000_000);
    }

    @Test
    void unknownPhenotypeColumn() throws IOException {
        Path outDir = Files.createDirectory(dir.resolve("col"));
        assertThat(userError(outDir, gwas(outDir, s(Path.of(MOUSE + ".pheno.txt.gz")), "CD9")))
                .contains("mouse_hs1940.pheno.txt.gz", "no phenotype column 'CD9'");
        assertThat(userError(outDir, gwas(outDir, s(Path.of(MOUSE + ".pheno.txt.gz")), "7")))
                .contains("no phenotype column '7'");
    }

    @Test
    void phenotypeRowForAnUnknownSample() throws IOException {
        Path outDir = Files.createDirectory(dir.resolve("sample"));
        Path pheno = dir.resolve("pheno.txt");
        List<String> fam;
        try (var in = new GZIPInputStream(Files.newInputStream(Path.of(MOUSE + ".fam.gz")))) {
            fam = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(5).toList();
        }
        List<String> lines = new ArrayList<>(List.of("FID\tIID\ty"));
        for (String f : fam) {
            String[] x = f.split("\\s+");
            lines.add(x[0] + "\t" + x[1] + "\t1.5");
        }
        lines.add("nobody\tNOT_A_MOUSE\t2.5");
        Files.write(pheno, lines);
        assertThat(userError(outDir, gwas(outDir, s(pheno), "y"))).contains("pheno.txt:7", "NOT_A_MOUSE");
    }

    @Test
    void nonBinaryLogisticPhenotypeAndLmm() throws IOException {
        Path outDir = Files.createDirectory(dir.resolve("bin"));
        assertThat(userError(outDir, gwas(outDir, s(Path.of(MOUSE + ".pheno.txt.gz")), "1", "--model", "logistic")))
                .contains("is not binary");
        assertThat(userError(outDir, gwas(outDir, s(Path.of(MOUSE + ".pheno.txt.gz")), "9", "--model", "lmm")))
                .contains("9");
        assertThat(userError(outDir, gwas(outDir, s(Path.of(MOUSE + ".pheno.txt.gz")), "1", "--model", "probit")))
                .contains("--model");
    }
}
