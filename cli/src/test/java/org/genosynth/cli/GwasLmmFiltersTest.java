package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gwas --model lmm} and {@code --model lmm-loco} with plink's filters give what they give on the filtered copy
 * {@code convert} writes with the same filters: the relatedness matrix, the variance components and every test are
 * those of the kept samples and variants, as GEMMA (or BOLT-LMM) given that copy computes them. On mouse_hs1940 with
 * masked calls ({@link MaskedMouse}): --keep --extract --mind 0.1 --geno 0.02 --maf 0.05 --hwe 1e-6 in one run, against
 * {@code convert} with the same filters then the unfiltered model; every output file must have the same bytes
 * (lmm-loco's Monte-Carlo REML and calibration variants use a fixed seed, so it is deterministic too).
 */
class GwasLmmFiltersTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void prepare() throws IOException {
        MaskedMouse.write(dir);
        List<String> convert = new ArrayList<>(List.of("convert", "-t", "2", "--input",
                dir.resolve("m.bed").toString(), "--out", dir.resolve("filtered").toString(), "--output-format",
                "bed"));
        convert.addAll(MaskedMouse.filters(dir));
        CliRun r = CliRun.of(convert.toArray(new String[0]));
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmm", "lmm-loco"})
    void filtersGiveTheOutputOfTheFilteredCopy(String model) throws IOException {
        Path out = Files.createDirectory(dir.resolve(model));
        List<String> filtered = new ArrayList<>(gwas(dir.resolve("m.bed"), model, out.resolve("filters")));
        filtered.addAll(MaskedMouse.filters(dir));
        CliRun withFilters = CliRun.of(filtered.toArray(new String[0]));
        assertThat(withFilters.exitCode()).as(withFilters.err()).isZero();
        CliRun onCopy = CliRun.of(gwas(dir.resolve("filtered.bed"), model, out.resolve("copy")).toArray(new String[0]));
        assertThat(onCopy.exitCode()).as(onCopy.err()).isZero();

        List<String> table = Files.readAllLines(out.resolve("filters.gwas.tsv"));
        assertThat(withFilters.out()).containsPattern("filters kept 14\\d\\d of 1940 samples \\(--mind removed \\d+\\)"
                + " and \\d+ of \\d+ variants");
        for (String suffix : List.of(".gwas.tsv", ".manhattan.svg", ".qq.svg")) {
            byte[] mine = Files.readAllBytes(out.resolve("filters" + suffix));
            assertThat(mine).as(model + " " + suffix).isEqualTo(Files.readAllBytes(out.resolve("copy" + suffix)));
        }
        if (model.equals("lmm")) {
            // every line of the null model's log but the one that times the steps
            assertThat(untimed(out.resolve("filters.lmm.log.tsv"))).isEqualTo(untimed(out.resolve("copy.lmm.log.tsv")))
                    .contains("samples_analysed\t");
        }
        long copyVariants = Files.readAllLines(dir.resolve("filtered.bim")).size();
        assertThat(table).hasSize((int) copyVariants + 1);
        // the null model (lmm: the log; lmm-loco: the summary's variance components) is that of the filtered cohort
        String nullModel = model.equals("lmm") ? "note: null model: " : "note: variance components (";
        assertThat(line(withFilters.out(), nullModel)).isEqualTo(line(onCopy.out(), nullModel));
        System.out.printf("gwas --model %s with filters = on the convert copy: %d variants, %s%n", model,
                copyVariants, line(withFilters.out(), nullModel));
    }

    /**
     * A GEMMA-style phenotype table (no IDs, one row per sample of the input) still works with filters: it is matched
     * against the whole input, then restricted to the samples the filters kept (a copy would need a filtered table).
     */
    @Test
    void gemmaStyleTableIsMatchedAgainstTheWholeInput() throws IOException {
        Path out = Files.createDirectory(dir.resolve("gemma_table"));
        List<String> byIds = new ArrayList<>(gwas(dir.resolve("m.bed"), "lmm", out.resolve("ids")));
        byIds.addAll(MaskedMouse.filters(dir));
        List<String> byRow = new ArrayList<>(List.of("gwas", "-t", "2", "--input", dir.resolve("m.bed").toString(),
                "--pheno", Path.of(MaskedMouse.MOUSE + ".pheno.txt.gz").toString(), "--pheno-col", "1", "--model",
                "lmm", "--out", out.resolve("rows").toString()));
        byRow.addAll(MaskedMouse.filters(dir));
        for (List<String> args : List.of(byIds, byRow)) {
            CliRun r = CliRun.of(args.toArray(new String[0]));
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        assertThat(Files.readAllBytes(out.resolve("rows.gwas.tsv")))
                .isEqualTo(Files.readAllBytes(out.resolve("ids.gwas.tsv")));
    }

    private static String line(String out, String start) {
        return out.lines().map(String::strip).filter(l -> l.startsWith(start)).findFirst().orElse("(none)");
    }

    private static String untimed(Path log) throws IOException {
        return String.join("\n", Files.readAllLines(log).stream().filter(l -> !l.startsWith("note\tseconds:"))
                .toList());
    }

    private static List<String> gwas(Path input, String model, Path out) {
        return List.of("gwas", "-t", "2", "--input", input.toString(), "--pheno", dir.resolve("pheno.txt").toString(),
                "--pheno-col", "CD8", "--model", model, "--out", out.toString());
    }
}
