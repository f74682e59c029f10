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
    void fullPhenotypeTableOnASplitCohortAndCovariateRanges() throws IOException {
        String split = MouseTables.split(Files.createDirectory(dir.resolve("split")));
        Path full = MouseTables.fullTable(dir.resolve("full.tsv"));
        Path outDir = Files.createDirectory(dir.resolve("range"));
        List<String> common = List.of("gwas", "-t", "2", "--input", split + ".train", "--pheno", s(full),
                "--pheno-col", "CD8", "--covar", s(full));
        List<String> a = new ArrayList<>(common);
        a.addAll(List.of("--covar-col", "PC1-PC10", "--out", s(outDir.resolve("a"))));
        CliRun r = CliRun.of(a.toArray(new String[0]));
        assertThat(r.exitCode()).as(r.err()).isZero();
        // 1,940 rows, 1,358 training mice: the other 582 rows are ignored with one note, as plink2 does
        assertThat(r.out()).contains("full.tsv: 582 rows for samples not in the genotype file ignored")
                .containsOnlyOnce("rows for samples not in the genotype file");
        List<String> b = new ArrayList<>(common);
        b.addAll(List.of("--covar-col", "PC1,PC2,PC3,PC4,PC5", "--covar-col", "PC6,PC7,PC8,PC9,PC10",
                "--out", s(outDir.resolve("b"))));
        assertThat(CliRun.of(b.toArray(new String[0])).exitCode()).isZero();
        List<String> ranged = Files.readAllLines(outDir.resolve("a.gwas.tsv"));
        assertThat(ranged).hasSize(12_226 + 1).isEqualTo(Files.readAllLines(outDir.resolve("b.gwas.tsv")));
        assertThat(Files.readString(outDir.resolve("a.gwas.tsv")))
                .isEqualTo(Files.readString(outDir.resolve("b.gwas.tsv")));
        // plink2's option names: --pheno-name and --covar-name are the same options
        CliRun named = CliRun.of("gwas", "-t", "2", "--input", split + ".train", "--pheno", s(full), "--pheno-name",
                "CD8", "--covar", s(full), "--covar-name", "PC1-PC10", "--out", s(outDir.resolve("c")));
        assertThat(named.exitCode()).as(named.err()).isZero();
        assertThat(Files.readString(outDir.resolve("c.gwas.tsv")))
                .isEqualTo(Files.readString(outDir.resolve("a.gwas.tsv")));
    }

    @Test
    void aCategoricalCovariateIsItsIndicatorColumnsAsInPlink2() throws IOException {
        Path full = MouseTables.fullTable(dir.resolve("cat.tsv"));
        // the same covariate coded by hand: 'cage 0' the reference, one 0/1 column for each other cage
        List<String> lines = Files.readAllLines(full);
        List<String> coded = new ArrayList<>();
        coded.add("FID\tIID\tcage1\tcage2\tcage3\tcage4\tcage5\tcage6");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            int cage = Integer.parseInt(f[8].substring("cage ".length()));
            StringBuilder row = new StringBuilder(f[0] + "\t" + f[1]);
            for (int c = 1; c <= 6; c++) {
                row.append('\t').append(cage == c ? 1 : 0);
            }
            coded.add(row.toString());
        }
        Path byHand = Files.write(dir.resolve("coded.tsv"), coded);
        Path outDir = Files.createDirectory(dir.resolve("categorical"));
        CliRun words = CliRun.of(gwas(outDir, s(full), "CD8", "--covar", s(full), "--covar-col", "note"));
        assertThat(words.exitCode()).as(words.err()).isZero();
        assertThat(words.out() + words.err())
                .contains("cat.tsv: categorical covariate 'note' (7 levels) as 6 indicator columns, reference level "
                        + "'cage 0'");
        String table = Files.readString(outDir.resolve("g.gwas.tsv"));
        try (Stream<Path> left = Files.list(outDir)) {
            for (Path p : left.toList()) {
                Files.delete(p);
            }
        }
        CliRun numbers = CliRun.of(gwas(outDir, s(full), "CD8", "--covar", s(byHand)));
        assertThat(numbers.exitCode()).as(numbers.err()).isZero();
        assertThat(table).hasLineCount(12_226 + 1).isEqualTo(Files.readString(outDir.resolve("g.gwas.tsv")));
    }

    @Test
    void badValueInAnUnusedColumnDoesNoHarmAndIsReportedWhenUsed() throws IOException {
        Path full = MouseTables.fullTable(dir.resolve("full.tsv"));
        Path outDir = Files.createDirectory(dir.resolve("unused"));
        CliRun r = CliRun.of(gwas(outDir, s(full), "MCH", "--covar", s(full), "--covar-col", "PC1-PC3"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("1580 samples").doesNotContain("rows for samples not in the genotype file");
        Path bad = Files.createDirectory(dir.resolve("bad"));
        assertThat(userError(bad, gwas(bad, s(full), "note")))
                .contains("full.tsv:2", "field 'note'", "not a number: 'cage 0'").doesNotContain("FID IID");
        // a covariate column is called one, in the covariate file (here the same table as --pheno)
        assertThat(userError(bad, gwas(bad, s(full), "CD8", "--covar", s(full), "--covar-col", "PC1-PC20")))
                .contains("full.tsv: no covariate column 'PC1-PC20' in the covariate file; available: CD8")
                .doesNotContain("phenotype");
    }

    @Test
    void logisticAndLocoTablesHaveOneLinePerInputVariant() throws IOException {
        // every model writes a line per input variant, as the linear model does (untested ones with NA)
        for (String[] m : new String[][] {{"logistic", "4"}, {"lmm-loco", "1"}}) {
            Path outDir = Files.createDirectory(dir.resolve(m[0]));
            CliRun r = CliRun.of(gwas(outDir, s(Path.of(MOUSE + ".pheno.txt.gz")), m[1], "--model", m[0]));
            assertThat(r.exitCode()).as(m[0] + ": " + r.err()).isZero();
            List<String> lines = Files.readAllLines(outDir.resolve("g.gwas.tsv"));
            assertThat(lines).as(m[0]).hasSize(12_226 + 1);
            assertThat(lines.stream().skip(1).filter(l -> l.endsWith("\tNA")).count()).as(m[0]).isPositive()
                    .isLessThan(12_226 / 4);
        }
    }

    @Test
    void lmmTableHasOneLinePerInputVariant() throws IOException {
        Path outDir = Files.createDirectory(dir.resolve("lmm"));
        CliRun r = CliRun.of(gwas(outDir, s(Path.of(MOUSE + ".pheno.txt.gz")), "1", "--model", "lmm"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(outDir.resolve("g.gwas.tsv"));
        assertThat(lines).hasSize(12_226 + 1);
        // GEMMA 0.98.5 tests 10,768 of the 12,226 SNPs on CD8; the other 1,458 lines carry NA statistics
        assertThat(lines.stream().skip(1).filter(l -> l.endsWith("\tNA\tNA\tNA\tNA\tNA\tNA")).count())
                .isEqualTo(12_226 - 10_768);
        assertThat(r.out()).contains("1458 variants not tested");
        assertThat(Files.readAllLines(outDir.resolve("g.lmm.log.tsv")).stream()
                .filter(l -> l.startsWith("untested\t")).count()).isEqualTo(1_458);
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
