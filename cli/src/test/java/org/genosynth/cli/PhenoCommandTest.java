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
 * {@code genosynth pheno simulate} on the real mouse cohort: a binary trait with simulated covariates that the logistic
 * GWAS reads back (with the covariates), exact case counts, the same bytes from the same seed, and user errors.
 */
class PhenoCommandTest {
    private static final String MOUSE = "../../shared/data/mouse_hs1940/mouse_hs1940.bed.gz";

    @TempDir
    Path dir;

    @Test
    void binaryTraitWithCovariatesFeedsTheLogisticGwas() throws IOException {
        String out = dir.resolve("sim").toString();
        CliRun r = CliRun.of("pheno", "simulate", "--input", MOUSE, "--causal", "4", "--h2", "0.6", "--h2-causal",
                "0.3", "--sim-covariates", "2", "--covar-var", "0.1", "--cases", "500", "--controls", "1000",
                "--seed", "5", "--out", out);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("500 cases, 1000 controls");
        List<String> pheno = Files.readAllLines(Path.of(out + ".pheno.tsv"));
        assertThat(pheno.get(0)).isEqualTo("#FID\tIID\tTRAIT1");
        assertThat(pheno.stream().filter(l -> l.endsWith("\t2")).count()).isEqualTo(500);
        assertThat(pheno.stream().filter(l -> l.endsWith("\t1")).count()).isEqualTo(1000);
        assertThat(pheno.stream().filter(l -> l.endsWith("\tNA")).count()).isEqualTo(1940 - 1500);
        List<String> truth = Files.readAllLines(Path.of(out + ".truth.tsv"));
        assertThat(truth.stream().filter(l -> l.contains("\tsnp\t")).count()).isEqualTo(4);
        assertThat(truth.stream().filter(l -> l.contains("\tcovariate\t")).count()).isEqualTo(2);

        String again = dir.resolve("again").toString();
        CliRun r2 = CliRun.of("pheno", "simulate", "--input", MOUSE, "--causal", "4", "--h2", "0.6", "--h2-causal",
                "0.3", "--sim-covariates", "2", "--covar-var", "0.1", "--cases", "500", "--controls", "1000",
                "--seed", "5", "--out", again);
        assertThat(r2.exitCode()).isZero();
        for (String ext : List.of(".pheno.tsv", ".truth.tsv", ".variance.tsv", ".covar.tsv", ".liability.tsv")) {
            assertThat(Files.readAllBytes(Path.of(again + ext))).isEqualTo(Files.readAllBytes(Path.of(out + ext)));
        }

        CliRun g = CliRun.of("gwas", "-t", "2", "--input", MOUSE, "--pheno", out + ".pheno.tsv", "--pheno-col",
                "TRAIT1", "--covar", out + ".covar.tsv", "--model", "logistic", "--out", dir.resolve("g").toString());
        assertThat(g.exitCode()).as(g.err()).isZero();
        assertThat(g.out()).contains("1500 samples");
    }

    @Test
    void covariateRowsOfAbsentSamplesAreIgnoredWithANote() throws IOException {
        Path covar = MouseTables.withAbsentSamples(MouseTables.fullTable(dir.resolve("full.tsv")),
                dir.resolve("plus5.tsv"), 5);
        CliRun r = CliRun.of("pheno", "simulate", "--input", MOUSE, "--causal", "3", "--h2", "0.4", "--covar",
                covar.toString(), "--covar-cols", "PC1-PC2", "--covar-var", "0.1", "--seed", "2", "--out",
                dir.resolve("c").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("pheno simulate: 1940 samples",
                "note: plus5.tsv: 5 rows for samples not in the genotype file ignored");
        // both covariates enter the truth
        assertThat(Files.readAllLines(dir.resolve("c.truth.tsv")).stream().filter(l -> l.contains("\tcovariate\t")))
                .hasSize(2);
    }

    @Test
    void badOptionsAreUserErrors() throws IOException {
        Path outDir = Files.createDirectory(dir.resolve("bad"));
        String out = outDir.resolve("x").toString();
        for (String[] args : List.of(
                new String[] {"--h2", "1.5"},
                new String[] {"--h2", "0.5", "--h2-causal", "0.7"},
                new String[] {"--cases", "10"},
                new String[] {"--causal", "100000"},
                new String[] {"--covar-var", "0.2"},
                new String[] {"--cases", "1900", "--controls", "1000"})) {
            String[] all = Stream.concat(Stream.of("pheno", "simulate", "--input", MOUSE, "--out", out),
                    Stream.of(args)).toArray(String[]::new);
            CliRun r = CliRun.of(all);
            assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(Main.USER_ERROR);
            assertThat(r.err()).startsWith("genosynth: error: ").doesNotContain("Exception");
        }
        try (Stream<Path> left = Files.list(outDir)) {
            assertThat(left.toList()).isEmpty();
        }
    }
}
