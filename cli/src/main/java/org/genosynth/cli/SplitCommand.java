package org.genosynth.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.genosynth.eval.TrainHoldoutSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth split}: a reproducible train/holdout split of a cohort's samples. */
@Command(name = "split", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Split the samples of a cohort at random into a training set (round(fraction x n) samples) and "
            + "a holdout set, reproducibly from --seed, and write each in the input's format: PREFIX.train.* and "
            + "PREFIX.holdout.*, with PREFIX.train.ids / PREFIX.holdout.ids (FID IID, usable as --keep lists) and, "
            + "with --pheno, the phenotype table split the same way (PREFIX.train.pheno.tsv: a table with sample IDs "
            + "copied row by row, rows for other samples left out with a note; a GEMMA-style one written PLINK "
            + "style). The holdout "
            + "set is what privacy metrics are calibrated on: never train a generator on it."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth split --input mouse.bed --fraction 0.7 --seed 1 --out split/mouse",
            "  genosynth split --input cohort.vcf.gz --fraction 0.8 --seed 42 --pheno pheno.txt --out split/cohort"})
final class SplitCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--fraction", paramLabel = "F", defaultValue = "0.7",
            description = "Share of samples in the training set (default ${DEFAULT-VALUE}).")
    double fraction;

    @Option(names = "--seed", paramLabel = "S", required = true, description = "Random seed.")
    long seed;

    @Option(names = "--pheno", paramLabel = "FILE",
            description = "Phenotype table to split alongside (PLINK or GEMMA style).")
    Path pheno;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PREFIX", description = "Output prefix.")
    String out;

    @Override
    public Integer call() {
        // an output that is one of the inputs: refused before any work (AtomicOutput checks again per file)
        org.genosynth.io.Fileset.refuseOverwrite(out, ".train.bed", ".train.bim", ".train.fam", ".train.ids",
                ".train.pheno.tsv", ".train.vcf.gz", ".train.bcf", ".holdout.bed", ".holdout.bim", ".holdout.fam",
                ".holdout.ids", ".holdout.pheno.tsv", ".holdout.vcf.gz", ".holdout.bcf");
        TrainHoldoutSplit.Result result = TrainHoldoutSplit.run(new TrainHoldoutSplit.Request(input.input,
                input.toReadOptions(), fraction, seed, out, pheno));
        System.out.println(result.render());
        return 0;
    }
}
