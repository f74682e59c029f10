package org.genosynth.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.assoc.Model;
import org.genosynth.eval.Evaluation;
import org.genosynth.eval.EvaluationRequest;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.ReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth evaluate}: fidelity, utility and privacy of a synthetic cohort, in one HTML report. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure how good and how safe a synthetic cohort is, against the real cohort it was trained "
            + "on and (recommended) a holdout of real samples that the generator never saw. Writes DIR/report.html "
            + "(self-contained: inline SVG, opens offline; a pass/warn/fail summary with its thresholds at the top) "
            + "and DIR/metrics.json.",
            "Fidelity: allele frequencies, MAF spectrum, Hardy-Weinberg, heterozygosity, LD decay and an LD heatmap, "
                + "PCA with the synthetic cohort projected, pairwise kinship.",
            "Utility (with --pheno): the same GWAS on both cohorts; precision/recall/F1 of the hits per threshold, "
                + "locus recall, -log10 p correlation, lambda_GC, Manhattan and QQ plots.",
            "Privacy: distance to closest record vs the holdout, exact and near copies, largest KING kinship to a "
                + "training genome, nearest-neighbour adversarial accuracy (AATS) and privacy loss, a membership-"
                + "inference AUC, and real sample IDs in the synthetic files."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth split --input mouse.bed --fraction 0.7 --seed 1 --pheno pheno.txt --out split/mouse",
            "  genosynth evaluate --real split/mouse.train.bed --synthetic syn.bed --holdout split/mouse.holdout.bed \\",
            "      --pheno split/mouse.train.pheno.tsv --synthetic-pheno syn.pheno.tsv --pheno-col 1 --model lmm "
                + "--out eval/",
            "  genosynth evaluate --real real.vcf.gz --synthetic syn.vcf.gz --out eval/   # fidelity and privacy only"})
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--real", required = true, paramLabel = "PATH",
            description = "The real cohort the generator was trained on (any genotype format).")
    Path real;

    @Option(names = "--synthetic", required = true, paramLabel = "PATH", description = "The synthetic cohort.")
    Path synthetic;

    @Option(names = "--holdout", paramLabel = "PATH",
            description = "Real samples not used for training (see `genosynth split`); calibrates privacy metrics.")
    Path holdout;

    @Option(names = "--format", paramLabel = "FMT",
            description = "Genotype format when the names do not tell: bed, vcf, bcf, bimbam.")
    String format;

    @Option(names = "--pheno", paramLabel = "FILE",
            description = "Phenotype table of the real cohort (PLINK style with FID/IID, or GEMMA style in sample "
                    + "order); enables the utility section.")
    Path pheno;

    @Option(names = "--holdout-pheno", paramLabel = "FILE",
            description = "Phenotype table of the holdout: the same GWAS on the holdout gives the sampling baseline of "
                    + "the -log10 p correlation (a synthetic cohort is judged against what an unseen real sample "
                    + "achieves).")
    Path holdoutPheno;

    @Option(names = "--synthetic-pheno", paramLabel = "FILE",
            description = "Phenotype table of the synthetic cohort (default: --pheno, looked up by sample ID).")
    Path syntheticPheno;

    @Option(names = {"--pheno-col", "--pheno-name"}, paramLabel = "NAME|N", defaultValue = "1",
            description = "Phenotype column: name or 1-based number among the value columns (default 1).")
    String phenoCol;

    @Option(names = "--covar", paramLabel = "FILE", description = "Covariate table of the real cohort.")
    Path covar;

    @Option(names = "--synthetic-covar", paramLabel = "FILE",
            description = "Covariate table of the synthetic cohort (default: --covar).")
    Path syntheticCovar;

    @Option(names = {"--covar-col", "--covar-name"}, paramLabel = "NAME|N", split = ",", description = "Covariate columns: names, numbers, lists or ranges (PC1-PC10); default all.")
    List<String> covarCols;

    @Option(names = "--model", paramLabel = "lmm|linear|logistic", defaultValue = "lmm",
            description = "Association model run on both cohorts (default: lmm, GEMMA-style).")
    String model;

    @Option(names = "--p-threshold", paramLabel = "P", split = ",",
            description = "GWAS hit thresholds, comma-separated; the first is judged (default 5e-8,1e-5).")
    List<Double> thresholds;

    @Option(names = "--locus-window-kb", paramLabel = "KB", defaultValue = "1000",
            description = "Without a genetic map: hits closer than this join one locus (default ${DEFAULT-VALUE} kb).")
    long locusWindowKb;

    @Option(names = "--locus-window-cm", paramLabel = "CM", defaultValue = "1",
            description = "With a genetic map (cM in the real cohort's variants): hits closer than this join one "
                    + "locus (default ${DEFAULT-VALUE} cM).")
    double locusWindowCm;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the random subsets used by AATS and the membership attack (default 1).")
    long seed;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "0",
            description = "Worker threads (default: all processors). Results do not depend on it.")
    int threads;

    @Mixin
    ExecutionOptions execution;

    @Override
    public Integer call() {
        ReadOptions read = ReadOptions.defaults();
        if (format != null) {
            read = read.withFormat(GenotypeFormat.parse(format));
        }
        for (Path cohort : new Path[] {real, synthetic, holdout}) {
            InputOptions.noteMissingAnnotation(cohort, read.format(), null);
        }
        Evaluation.Result r;
        try (Progress progress = Progress.forTerminal();
             ExecutionContext context = execution.open(threads, progress)) {
            r = Evaluation.run(new EvaluationRequest(real, synthetic, holdout, read, pheno, syntheticPheno, phenoCol,
                    covar, syntheticCovar, covarCols, Model.parse(model), thresholds, locusWindowKb * 1000,
                    locusWindowCm, out, seed, threads, holdoutPheno), context);
        }
        System.out.println(r.render());
        return 0;
    }
}
