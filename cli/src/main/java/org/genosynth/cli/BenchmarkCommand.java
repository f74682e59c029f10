package org.genosynth.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.benchmark.BenchmarkJob;
import org.genosynth.benchmark.Recipe;
import org.genosynth.io.InputException;
import org.genosynth.io.StagingDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth benchmark}: one YAML recipe -> a SynGen6-style benchmark dataset. */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build a SynGen6-style benchmark dataset from one YAML recipe: a synthetic cohort with "
            + "per-population counts (genosynth synth; or a cohort that already is synthetic), a simulated phenotype "
            + "with known truth (pheno simulate), watermark SNPs (watermark add: syngen6 or keyed) and relatives with "
            + "recombination (relatives; SynGen6's design per population or the other designs).",
            "Writes into the output directory: NAME.bed/.bim/.fam and/or NAME.vcf.gz (the cohort with the watermark "
            + "SNPs), NAME.relatives.* (the relatives with their founders under their cohort IDs and the pedigree), "
            + "NAME.pheno.tsv, NAME.populations.tsv, SynGen6's five CSV files NAME_snp.csv, NAME_phenotype.csv, "
            + "NAME_watermarksnp.csv, NAME_kinship_relatedness.csv, NAME_relative_snps.csv, the variant map "
            + "NAME_variant_map.csv (CHROM,POS,ID,REF,ALT,cM), NAME.manifest.json (recipe, input checksums, seed, "
            + "version) and steps/ (each step's own outputs: the truth tables). Same recipe and seed, same bytes.",
            "Recipe keys: see docs/benchmark-data.md and examples/recipes/syngen6_mouse.yaml."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth benchmark --config examples/recipes/syngen6_mouse.yaml --out work/bench/mouse",
            "  genosynth benchmark --config recipe.yaml --threads 4   # writes to the recipe's outputs.dir"})
final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "RECIPE.yaml", description = "The recipe (YAML).")
    Path config;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Output directory (default: the recipe's outputs.dir).")
    Path out;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "0",
            description = "Worker threads (default: one per processor); the output does not depend on it.")
    int threads;

    @Mixin
    ExecutionOptions execution;

    @Override
    public Integer call() {
        Recipe recipe = Recipe.read(config);
        Path dir = out != null ? out : recipe.outDir();
        if (dir == null) {
            throw InputException.usage("give --out DIR or outputs.dir in the recipe");
        }
        // before any work: an input inside the output directory (was refused only at the end, after the steps ran)
        java.util.List<Path> inputs = new java.util.ArrayList<>(BenchmarkJob.inputFiles(recipe));
        inputs.add(config);
        StagingDirectory.refuseInputsInside(dir, inputs);
        // the steps write into a staging sibling; everything appears under --out together at the end
        StagingDirectory stage = StagingDirectory.open(dir);
        try (ExecutionContext context = execution.open(threads, null)) {
            BenchmarkJob.Outcome o = BenchmarkJob.run(recipe, stage.path(), context);
            stage.publish();
            System.out.print(stage.finalText(o.render()));
        }
        return 0;
    }
}
