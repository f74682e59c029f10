package org.genosynth.cli;

import java.util.concurrent.Callable;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.qc.QcPipeline;
import org.genosynth.qc.QcSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth qc}: allele frequencies, missingness, Hardy–Weinberg and heterozygosity, with filters. */
@Command(name = "qc", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Describe a cohort the way plink2 does: writes OUT.afreq, OUT.vmiss, OUT.smiss, OUT.hardy "
            + "(founders, exact test of Wigginton et al. 2005), OUT.hardy.x for chromosome X when sexes are known "
            + "(females and males, exact test of Graffelman and Weir 2016) and, with --het, OUT.het (inbreeding F), "
            + "tab-separated with plink2's column names, after applying any filters, and prints a short summary."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth qc --input mouse.bed --out qc/mouse --het",
            "  genosynth qc --input cohort.vcf.gz --maf 0.01 --geno 0.05 --hwe 1e-6 --mind 0.1 --out qc/cohort",
            "  genosynth qc --input data --keep kept.txt --exclude bad_snps.txt --out qc/data"})
final class QcCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PREFIX", description = "Output prefix.")
    String out;

    @Option(names = "--het", description = "Also write OUT.het: per-sample O(HOM), E(HOM), OBS_CT and inbreeding F "
            + "(plink2 --het; costs an extra pass over missing calls).")
    boolean het;

    @Mixin
    FilterOptions filters;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "0",
            description = "Worker threads (default: all processors).")
    int threads;

    @Mixin
    ExecutionOptions execution;

    @Override
    public Integer call() {
        // an output that is one of the inputs: refused before any work (AtomicOutput checks again per file)
        org.genosynth.io.Fileset.refuseOverwrite(out, ".afreq", ".vmiss", ".smiss", ".hardy", ".hardy.x", ".het");
        try (Progress progress = Progress.forTerminal();
             ExecutionContext context = execution.open(threads, progress)) {
            QcSummary summary = QcPipeline.run(filters.toRequest(input, threads), new QcPipeline.Sinks(out, het, null, progress),
                    context);
            progress.close();
            System.out.println(summary.render());
        }
        return 0;
    }
}
