package org.genosynth.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.SharedData;
import org.genosynth.model.GenotypeMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark recipe with an admixed group ({@code populations.admixed}): the dataset holds the admixed genomes with
 * their label, and its local-ancestry truth ({@code NAME.ancestry.tsv}) covers every variant of each of their
 * haplotypes with the recipe's source populations.
 */
class AdmixedBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void theDatasetCarriesTheAdmixedGenomesAndTheirLocalAncestryTruth() throws IOException {
        Path recipe = Files.writeString(dir.resolve("r.yaml"), "name: mm\nseed: 2\n"
                + "input: {genotypes: " + SharedData.mouse(".bed.gz") + "}\n"
                + "populations: {infer: 2, counts: {P1: 40, P2: 40}, admixed: {MIX: {count: 30, sources: "
                + "{P1: 1, P2: 1}}}, admixture_generations: 4}\n"
                + "synth: {method: mosaic, segment_cm: 160, clusters: 4, em_iterations: 2}\n"
                + "phenotype: {h2: 0.5, causal: 5}\n"
                + "outputs: {formats: [bed]}\n");
        Path out = dir.resolve("out");
        BenchmarkJob.run(Recipe.read(recipe), out, 2);

        Map<String, String> pop = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("mm.populations.tsv"))) {
            if (!line.startsWith("#")) {
                String[] f = line.split("\t");
                pop.put(f[1], f[2]);
            }
        }
        assertThat(pop.values().stream().filter("MIX"::equals).count()).isEqualTo(30);
        GenotypeMatrix data = GenotypeLoader.load(out.resolve("mm.bed"), ReadOptions.defaults(), null);
        assertThat(data.sampleCount()).isEqualTo(110);
        // mouse_hs1940: 19 autosomes with positions; every admixed haplotype's tracts cover each chromosome's
        // variants once, from the two sources
        Map<String, Integer> variantsPerHaplotype = new HashMap<>();
        Set<String> ancestries = new HashSet<>();
        List<String> lines = Files.readAllLines(out.resolve("mm.ancestry.tsv"));
        assertThat(lines.get(0)).startsWith("#IID\tHAPLOTYPE\tCHROM");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            assertThat(pop.get(f[0])).isEqualTo("MIX");
            variantsPerHaplotype.merge(f[0] + "/" + f[1], Integer.parseInt(f[8]), Integer::sum);
            ancestries.add(f[7]);
        }
        assertThat(variantsPerHaplotype).hasSize(60);
        assertThat(ancestries).containsExactlyInAnyOrder("P1", "P2");
        assertThat(new HashSet<>(variantsPerHaplotype.values())).singleElement()
                .isEqualTo(data.variantCount());
        String manifest = Files.readString(out.resolve("mm.manifest.json"));
        assertThat(manifest).contains("mm.ancestry.tsv").contains("\"admixture\"");
    }
}
