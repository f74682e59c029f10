package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genosynth benchmark}: the shipped example recipe runs on the bundled mouse data and its watermark verifies
 * against a logistic GWAS of the written cohort; bad recipes and failing steps are one-line user errors.
 */
class BenchmarkCommandTest {
    private static final String MOUSE = Path.of("../../shared/data/mouse_hs1940/mouse_hs1940").toAbsolutePath()
            .normalize().toString();

    @TempDir
    Path dir;

    @Test
    void theExampleRecipeBuildsAVerifiableDataset() throws IOException {
        Path out = dir.resolve("bench");
        CliRun run = CliRun.of("benchmark", "--config", "../examples/recipes/syngen6_mouse.yaml", "--out",
                out.toString(), "--threads", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("benchmark: 600 samples", "{P1=300, P2=300}", "20 watermark SNPs",
                "140 relatives");
        for (String f : List.of("mouse_snp.csv", "mouse_phenotype.csv", "mouse_watermarksnp.csv",
                "mouse_kinship_relatedness.csv", "mouse_relative_snps.csv", "mouse_variant_map.csv", "mouse.vcf.gz",
                "mouse.bed", "mouse.relatives.bed", "mouse.manifest.json")) {
            assertThat(out.resolve(f)).exists();
        }
        assertThat(Files.readAllLines(out.resolve("mouse_snp.csv"))).hasSize(601);
        // staged in a sibling .tmp- directory and moved into place: nothing of it left, and no output names it
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("bench");
        }
        try (java.util.stream.Stream<Path> s = Files.walk(out)) {
            for (Path f : s.filter(p -> p.toString().matches(".*\\.(json|tsv|txt|csv)$")).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(".tmp-");
            }
        }
        assertThat(run.out()).doesNotContain(".tmp-").contains("wrote " + out.resolve("mouse.manifest.json"));
        CliRun gwas = CliRun.of("gwas", "-t", "2", "--input", out.resolve("mouse").toString(), "--pheno",
                out.resolve("mouse.pheno.tsv").toString(), "--pheno-col", "TRAIT1", "--model", "logistic", "--out",
                out.resolve("server").toString());
        assertThat(gwas.exitCode()).as(gwas.err()).isZero();
        CliRun verify = CliRun.of("watermark", "verify", "--watermark",
                out.resolve("steps/watermark.watermark.tsv").toString(), "--gwas",
                out.resolve("server.gwas.tsv").toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("VERIFIED (20 of 20");
    }

    @Test
    void theReadmeCommandWithARelativeOutRuns() throws IOException {
        // README: ./genosynth benchmark --config examples/recipes/syngen6_mouse.yaml --out bench/mouse (relative --out
        // crashed with "'other' is different type of Path"); relative to the working directory, inside target/
        Path rel = Path.of("target", "readme-bench-" + ProcessHandle.current().pid(), "mouse");
        try {
            CliRun run = CliRun.of("benchmark", "--config", "../examples/recipes/syngen6_mouse.yaml", "--out",
                    rel.toString(), "--threads", "2");
            assertThat(run.exitCode()).as(run.err()).isZero();
            String manifest = Files.readString(rel.resolve("mouse.manifest.json"));
            assertThat(manifest).contains("\"mouse.vcf.gz\"", "\"mouse_snp.csv\"").doesNotContain(rel.toString());
        } finally {
            try (java.util.stream.Stream<Path> s = Files.walk(rel.getParent())) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void badRecipesAndFailingStepsAreOneLineUserErrors() throws IOException {
        Path recipe = dir.resolve("bad.yaml");
        Files.writeString(recipe, "name: x\ninput: {genotypes: " + MOUSE + ".bed.gz}\nphenotype: {h2: 2}\n");
        CliRun bad = CliRun.of("benchmark", "--config", recipe.toString(), "--out", dir.resolve("o").toString());
        assertThat(bad.exitCode()).isEqualTo(Main.USER_ERROR);
        assertThat(bad.err().strip()).isEqualTo("genosynth: error: " + recipe + ":3: field 'phenotype.h2': must be "
                + "in [0, 1], got 2");

        Files.writeString(recipe, "name: x\ninput: {genotypes: " + MOUSE + ".bed.gz}\n"
                + "populations: {infer: 2, counts: {P1: 10, P2: 10}}\nsynth: {segment_cm: 160}\n"
                + "phenotype: {cases: 100, controls: 100}\n");
        CliRun step = CliRun.of("benchmark", "--config", recipe.toString(), "--out", dir.resolve("o").toString());
        assertThat(step.exitCode()).isEqualTo(Main.USER_ERROR);
        assertThat(step.err()).startsWith("genosynth: error: " + recipe + ": field 'phenotype': ");
        // one error line (other stderr lines are the BLAS library's log)
        assertThat(step.err().lines().filter(l -> l.startsWith("genosynth:")).toList()).hasSize(1);
        assertThat(step.err().lines().findFirst().orElseThrow()).endsWith("10 possible controls");

        CliRun noOut = CliRun.of("benchmark", "--config", recipe.toString());
        assertThat(noOut.exitCode()).isEqualTo(Main.USER_ERROR);
        assertThat(noOut.err()).contains("--out DIR or outputs.dir");
    }

    @Test
    void aRecipeWhoseInputLiesInsideOutIsRefusedBeforeAnyWork() throws IOException {
        // the cohort inside --out: it failed after 31 s of steps and left steps/relatives.populations.txt
        Path out = Files.createDirectories(dir.resolve("o"));
        for (String ext : List.of(".bed.gz", ".bim.gz", ".fam.gz")) {
            Files.copy(Path.of(MOUSE + ext), out.resolve("cohort" + ext));
        }
        Path recipe = dir.resolve("inside.yaml");
        Files.writeString(recipe, Files.readString(Path.of("../examples/recipes/syngen6_mouse.yaml"))
                .replace("../mouse_hs1940/mouse_hs1940.bed.gz", out.resolve("cohort.bed.gz").toString()));
        long t0 = System.nanoTime();
        CliRun run = CliRun.of("benchmark", "--config", recipe.toString(), "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(Main.USER_ERROR);
        assertThat(run.err()).isEqualTo("genosynth: error: " + out.resolve("cohort.bed.gz") + ": this input lies inside "
                + "the output directory " + out + ", which the run fills with its outputs; choose another --out\n");
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds before the refusal").isLessThan(10);
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            assertThat(s.map(p -> dir.relativize(p).toString()).sorted().toList()).containsExactly("", "inside.yaml", "o",
                    "o/cohort.bed.gz", "o/cohort.bim.gz", "o/cohort.fam.gz");
        }
    }
}
