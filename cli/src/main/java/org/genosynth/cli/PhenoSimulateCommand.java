package org.genosynth.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.io.InputException;
import org.genosynth.pheno.PhenoSettings;
import org.genosynth.pheno.PhenoSimulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth pheno simulate}: quantitative or binary traits with known causal SNPs and variance components. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate traits on a cohort's genotypes with known truth. The liability of each trait is "
            + "sqrt(h2-causal) G + sqrt(h2 - h2-causal) U + sqrt(covar-var) C + sqrt(1 - h2 - covar-var) E, each part "
            + "centred and scaled to unit variance in the sample: G from the causal SNPs (normal effects on "
            + "standardized genotypes, or per-allele effects with variance [p(1-p)]^alpha with --alpha), U the "
            + "infinitesimal background ~ N(0, GRM) over all SNPs, C the covariates' effects, E noise. Several traits "
            + "share the causal SNPs, with correlated effects and background (--genetic-corr) and noise "
            + "(--noise-corr). Binary traits: the top --prevalence of the liability are cases, or exactly --cases / "
            + "--controls sampled above / below that threshold (coded 1 = control, 2 = case; others NA).",
            "Writes OUT.pheno.tsv (#FID IID TRAIT1..), OUT.truth.tsv (causal SNPs and covariates: per-allele BETA, "
            + "variance explained), OUT.variance.tsv (realized variance components, h2, cases, threshold), "
            + "OUT.liability.tsv for binary traits and OUT.covar.tsv for simulated covariates."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth pheno simulate --input mouse.bed --causal 10 --h2 0.5 --seed 1 --out sim/mouse",
            "  genosynth pheno simulate --input cohort.vcf.gz --causal-fraction 0.001 --alpha -0.25 --h2 0.4 \\",
            "      --h2-causal 0.1 --traits 2 --genetic-corr 0.5 --noise-corr 0.2 --prevalence 0.1 --out sim/cc",
            "  genosynth pheno simulate --input data.bed --causal-list snps.txt --h2 0.3 --cases 1000 --controls 2000 \\",
            "      --sim-covariates 3 --covar-var 0.1 --out sim/cc"})
final class PhenoSimulateCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--causal", paramLabel = "N", defaultValue = "10", description = "Number of causal SNPs "
            + "(default ${DEFAULT-VALUE}).")
    int causal;

    @Option(names = "--causal-fraction", paramLabel = "F", description = "Fraction of eligible SNPs that are causal.")
    Double causalFraction;

    @Option(names = "--causal-list", paramLabel = "FILE",
            description = "Causal SNP IDs, one per line, optionally followed by a fixed per-allele effect.")
    Path causalList;

    @Option(names = "--causal-maf", paramLabel = "X", defaultValue = "0.01",
            description = "Causal SNPs are drawn among SNPs with minor allele frequency >= X (default ${DEFAULT-VALUE}).")
    double causalMaf;

    @Option(names = "--alpha", paramLabel = "A",
            description = "Frequency-dependent effects: per-allele variance [p(1-p)]^A (default: normal effects on "
                    + "standardized genotypes, i.e. A = -1).")
    Double alpha;

    @Option(names = "--h2", paramLabel = "H", defaultValue = "0.5", description = "SNP heritability (default "
            + "${DEFAULT-VALUE}).")
    double h2;

    @Option(names = "--h2-causal", paramLabel = "H",
            description = "Part of --h2 from the causal SNPs; the rest is the infinitesimal background (default: all "
                    + "of --h2).")
    Double h2Causal;

    @Option(names = "--covar", paramLabel = "FILE", description = "Covariate table (PLINK or GEMMA style).")
    Path covar;

    @Option(names = {"--covar-col", "--covar-name", "--covar-cols"}, paramLabel = "LIST", split = ",",
            description = "Covariate columns (names or 1-based numbers); default all.")
    List<String> covarCols = new ArrayList<>();

    @Option(names = "--sim-covariates", paramLabel = "K", defaultValue = "0",
            description = "Simulate K standard normal covariates (written to OUT.covar.tsv).")
    int simCovariates;

    @Option(names = "--covar-var", paramLabel = "V", defaultValue = "0",
            description = "Share of variance from the covariates (default ${DEFAULT-VALUE}).")
    double covarVar;

    @Option(names = "--traits", paramLabel = "T", defaultValue = "1", description = "Number of traits.")
    int traits;

    @Option(names = "--genetic-corr", paramLabel = "R", defaultValue = "0",
            description = "Correlation of effects and background between traits.")
    double geneticCorr;

    @Option(names = "--noise-corr", paramLabel = "R", defaultValue = "0",
            description = "Correlation of the noise between traits.")
    double noiseCorr;

    @Option(names = "--prevalence", paramLabel = "K", description = "Binary traits: fraction of cases.")
    Double prevalence;

    @Option(names = "--cases", paramLabel = "N", description = "Binary traits: exact number of cases.")
    Integer cases;

    @Option(names = "--controls", paramLabel = "N", description = "Binary traits: exact number of controls.")
    Integer controls;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default "
            + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PREFIX", description = "Output prefix.")
    String out;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "0",
            description = "Worker threads (default: all processors). Output is identical at any count.")
    int threads;

    @Mixin
    ExecutionOptions execution;

    @Override
    public Integer call() {
        // an output that is one of the inputs: refused before any work (AtomicOutput checks again per file)
        org.genosynth.io.Fileset.refuseOverwrite(out, ".pheno.tsv", ".liability.tsv", ".covar.tsv", ".truth.tsv",
                ".variance.tsv");
        if (causalFraction != null && causalList != null) {
            throw InputException.usage("--causal-fraction and --causal-list exclude each other");
        }
        PhenoSettings settings = new PhenoSettings(causal, causalFraction == null ? Double.NaN : causalFraction,
                causalList == null ? null : PhenoSimulation.readCausalList(causalList), causalMaf,
                alpha == null ? Double.NaN : alpha, h2, h2Causal == null ? h2 : h2Causal, covarVar, simCovariates,
                traits, geneticCorr, noiseCorr, prevalence == null ? Double.NaN : prevalence,
                cases == null ? -1 : cases, controls == null ? -1 : controls, seed);
        try (ExecutionContext context = execution.open(threads, null)) {
            PhenoSimulation.Outcome o = PhenoSimulation.run(new PhenoSimulation.Request(input.input,
                    input.toReadOptions(), covar, covarCols, settings, out), context);
            System.out.print(o.render());
        }
        return 0;
    }
}
