package org.genosynth.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.assoc.GwasRequest;
import org.genosynth.assoc.GwasResult;
import org.genosynth.assoc.Model;
import org.genosynth.assoc.glm.GlmGwas;
import org.genosynth.assoc.lmm.LmmGwas;
import org.genosynth.assoc.loco.LocoGwas;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth gwas}: per-variant association of one phenotype (linear, logistic or linear mixed model). */
@Command(name = "gwas", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Test every variant for association with one phenotype, as plink2 --glm does (linear: least "
            + "squares + t test; logistic: IRLS with Firth fallback + Wald test; A1 = ALT, additive) or with a "
            + "linear mixed model (--model lmm: GEMMA's exact model; --model lmm-loco: BOLT-LMM-inf's, no n x n "
            + "matrix, leave-one-chromosome-out). Samples with a missing phenotype or covariate are left out; a "
            + "missing genotype call leaves the sample out of that variant's test. Writes OUT.gwas.tsv "
            + "(CHROM POS ID REF ALT A1 A1_FREQ OBS_CT BETA SE P [FIRTH]), OUT.manhattan.svg and OUT.qq.svg. "
            + "Linear and logistic test chromosome X, Y and MT as plink2 2.00a3.5 --glm: on X a SEX covariate "
            + "(samples of unknown sex left out) when both sexes are present, Y among the males, Y and MT with "
            + "haploid coding; the mixed models test them as autosomes.",
            "Filters (every model) run first, in plink2's order and with qc's semantics: --keep/--remove and "
            + "--extract/--exclude, then --mind, then --geno, --hwe, --maf over the samples kept (frequencies and HWE "
            + "over founders unless --nonfounders), whatever their phenotype; removed variants are absent from "
            + "OUT.gwas.tsv, as in plink2 --glm output. The mixed models' relatedness matrix and variance components "
            + "use only the samples and variants kept, as on a copy convert writes with the same filters.",
            "A logistic phenotype is 0 = control / 1 = case, or PLINK's 1 = control / 2 = case (then 0 = missing)."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth gwas --input mouse.bed --pheno mouse.pheno.txt --pheno-col 1 --covar pcs.eigenvec \\",
            "      --out gwas/cd8",
            "  genosynth gwas --input cohort.vcf.gz --pheno pheno.tsv --pheno-col case --model logistic \\",
            "      --covar covar.tsv --covar-col age,sex,PC1-PC10 --out gwas/case",
            "  genosynth gwas --input mouse.bed --pheno mouse.pheno.txt --pheno-col 1 --keep kept.txt \\",
            "      --extract snps.txt --maf 0.05 --geno 0.02 --hwe 1e-6 --out gwas/cd8_filtered"})
final class GwasCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--pheno", required = true, paramLabel = "FILE",
            description = "Phenotype table: PLINK style (header FID IID ... or IID ...; rows for samples not in the "
                + "genotypes are ignored, as plink2 does) or GEMMA style (plain columns, one row per sample in "
                + "genotype order). Only the columns used are read.")
    Path pheno;

    @Option(names = {"--pheno-col", "--pheno-name"}, required = true, paramLabel = "NAME|N",
            description = "Phenotype column: a name, or a 1-based number among the value columns.")
    String phenoCol;

    @Option(names = "--covar", paramLabel = "FILE", description = "Covariate table (same styles), e.g. plink2's "
            + ".eigenvec.")
    Path covar;

    @Option(names = {"--covar-col", "--covar-name"}, paramLabel = "NAME|N", split = ",",
            description = "Covariate columns: names, numbers, comma lists or ranges in file order as plink2's "
                + "--covar-name (PC1-PC10); default: all columns of --covar.")
    List<String> covarCols;

    @Option(names = "--model", paramLabel = "linear|logistic|lmm|lmm-loco", defaultValue = "linear",
            description = "Association model (default: linear). lmm: GEMMA -lmm 4 (n x n relatedness matrix and "
                + "its eigendecomposition); lmm-loco: BOLT-LMM-inf style for large cohorts (conjugate gradients, "
                + "Monte-Carlo REML variance components, leave-one-chromosome-out: variants on two or more "
                + "chromosomes, calibrated statistics).")
    String model;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PREFIX", description = "Output prefix.")
    String out;

    @Mixin
    FilterOptions filters;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "0",
            description = "Worker threads (default: all processors). Output is identical at any count.")
    int threads;

    @Mixin
    ExecutionOptions execution;

    @Override
    public Integer call() {
        // an output that is one of the inputs: refused before any work (AtomicOutput checks again per file)
        org.genosynth.io.Fileset.refuseOverwrite(out, ".gwas.tsv", ".manhattan.svg", ".qq.svg", ".lmm.log.tsv");
        GwasRequest request = new GwasRequest(input.input, input.toReadOptions(), pheno, phenoCol, covar,
                covarCols, Model.parse(model), out, threads, filters.any() ? filters.toRequest(input, threads) : null);
        try (ExecutionContext context = execution.open(threads, null)) {
            GwasResult result = switch (request.model()) {
                case LMM -> LmmGwas.run(request, context);
                case LMM_LOCO -> LocoGwas.run(request, context);
                default -> GlmGwas.run(request, context);
            };
            System.out.println(result.render());
        }
        return 0;
    }
}
