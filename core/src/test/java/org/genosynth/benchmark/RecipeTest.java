package org.genosynth.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.genosynth.io.InputException;
import org.genosynth.io.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recipe validation: each bad recipe gives one line naming the file, the line, the key and what is wrong. */
class RecipeTest {
    @TempDir
    Path dir;

    private String good() {
        return "name: t\n"
                + "input: {genotypes: " + SharedData.mouse(".bed.gz") + "}\n"
                + "populations: {infer: 2, counts: {P1: 10, P2: 10}}\n"
                + "phenotype:\n  h2: 0.4\n  prevalence: 0.2\n"
                + "watermark: {count: 5}\n"
                + "relatives:\n  pedigree: syngen6=4\n";
    }

    private Path write(String text) throws IOException {
        Path p = dir.resolve("recipe.yaml");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aGoodRecipeReadsWithItsDefaults() throws IOException {
        Recipe r = Recipe.read(write(good()));
        assertThat(r.name()).isEqualTo("t");
        assertThat(r.seed()).isEqualTo(1);
        assertThat(r.perPopulation()).containsEntry("P1", 10).containsEntry("P2", 10);
        assertThat(r.pheno().h2()).isEqualTo(0.4);
        assertThat(r.pheno().h2Causal()).isEqualTo(0.4);
        assertThat(r.pheno().binary()).isTrue();
        assertThat(r.watermark().keyed()).isFalse();
        assertThat(r.watermark().eps()).isEqualTo(0.3);
        assertThat(r.watermark().z0()).isEqualTo(0.49);
        assertThat(r.relatives().pedigree().entries()).hasSize(1);
        assertThat(r.formats()).containsExactly(Recipe.Format.VCF, Recipe.Format.BED, Recipe.Format.CSV);
    }

    @Test
    void admixedGroupsAndTheirModel() throws IOException {
        Recipe r = Recipe.read(write(good().replace("{infer: 2, counts: {P1: 10, P2: 10}}", "{infer: 2, counts: "
                + "{P1: 10, P2: 10}, admixed: {MIX: {count: 12, sources: {P1: 3, P2: 1}}}, admixture_generations: 6, "
                + "admixture_alpha: 5}")
                + "synth: {clusters: 4, em_iterations: 2}\n"));
        assertThat(r.admixed().generations()).isEqualTo(6);
        assertThat(r.admixed().alpha()).isEqualTo(5);
        assertThat(r.admixed().groups()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("MIX");
            assertThat(g.count()).isEqualTo(12);
            assertThat(g.sources()).containsExactly(Map.entry("P1", 0.75), Map.entry("P2", 0.25));
        });
        assertThat(r.hmm().clusters()).isEqualTo(4);
        assertThat(r.hmm().iterations()).isEqualTo(2);
        assertThat(Recipe.read(write(good())).admixed()).isNull();
    }

    @Test
    void badRecipesNameFileLineKeyAndProblem() throws IOException {
        String g = good();
        check(g.replace("h2: 0.4", "h2: 1.5"), ":5: field 'phenotype.h2': must be in [0, 1], got 1.5");
        check(g.replace("  h2: 0.4\n", "  h2: 0.4\n  heritability: 2\n"),
                ":6: field 'phenotype.heritability': unknown key");
        check(g.replace("name: t\n", ""), "missing key 'name'");
        check(g.replace("infer: 2", "infer: two"), ":3: field 'populations.infer': 'two' is not a whole number");
        check(g.replace("syngen6=4", "syngen6=6"), ":9: field 'relatives.pedigree': syngen6: count must be positive "
                + "and a multiple of 4, got 6");
        check(g.replace("syngen6=4", "cousins=4"), "field 'relatives.pedigree': unknown design 'cousins'");
        check(g.replace("  prevalence: 0.2\n", ""), "field 'watermark': SynGen6 watermark SNPs need a binary "
                + "phenotype");
        check(g.replace("  prevalence: 0.2\n", "  prevalence: 0.2\n  cases: 5\n"),
                "field 'phenotype.prevalence': give either 'prevalence' or 'cases' and 'controls'");
        check(g.replace("{count: 5}", "{mode: keyed}"), "field 'watermark': mode keyed needs 'key_file'");
        check(g.replace("{count: 5}", "{mode: secret}"), "field 'watermark.mode': expected one of syngen6, keyed");
        check(g + "outputs: {formats: [vcf, cram]}\n", "field 'outputs.formats[1]': expected one of vcf, bed, csv");
        check(g.replace(SharedData.mouse(".bed.gz").toString(), "nowhere.bed"),
                ":2: field 'input.genotypes': no such file");
        check(g.replace("name: t", "name: a b"), ":1: field 'name': use letters");
        check(g.replace("{infer: 2,", "{infer: 2, labels: x.tsv,"), "field 'populations.infer': give either");
        String admixed = "{infer: 2, counts: {P1: 10, P2: 10}, admixed: {MIX: {count: 5, sources: {P1: 1, P2: 1}}}}";
        check(g.replace("{infer: 2, counts: {P1: 10, P2: 10}}", admixed.replace("count: 5", "count: 0")),
                "field 'populations.admixed.MIX.count': must be at least 1, got 0");
        check(g.replace("{infer: 2, counts: {P1: 10, P2: 10}}", admixed.replace(", P2: 1", "")),
                "field 'populations.admixed.MIX.sources': name at least two source populations");
        check(g.replace("{infer: 2, counts: {P1: 10, P2: 10}}", admixed.replace("P2: 1}", "P2: -1}")),
                "field 'populations.admixed.MIX.sources.P2': a weight must be a positive number, got -1");
        check(g.replace("{infer: 2, counts: {P1: 10, P2: 10}}", "{infer: 2, admixture_generations: 5}"),
                "field 'populations.admixture_generations': admixture_generations needs populations.admixed");
        check(g.replace("{infer: 2, counts: {P1: 10, P2: 10}}", "{infer: 2, admixture_alpha: 5}"),
                "field 'populations.admixture_alpha': admixture_alpha needs populations.admixed");
        check(g + "synth: {clusters: 100}\n", "field 'synth.clusters': expected 2 to 64 clusters");
        check("name: [unclosed\n", "not valid YAML");
        check("- a\n- b\n", "expected a YAML mapping");
    }

    private void check(String text, String expected) throws IOException {
        Path p = write(text);
        assertThatThrownBy(() -> Recipe.read(p)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(p.toString())
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
