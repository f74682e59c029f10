package org.genosynth.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.convert.Conversion;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.InputException;
import org.genosynth.io.WriteOptions;
import org.genosynth.qc.QcSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth convert}: any genotype format to any other, with the same filters as qc. */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Convert genotypes between PLINK 1 (.bed/.bim/.fam), VCF/VCF.gz (bgzip + tabix index)/BCF "
            + "and BIMBAM (GEMMA's mean genotypes + annotation), optionally filtering samples and variants. "
            + "Dosages (BIMBAM, VCF DS) and phase are kept where the output format can hold them; per-sample "
            + "columns a VCF cannot hold (e.g. .fam phenotypes) go to a table only with --pheno-out FILE (else a "
            + "note says they were not written). Unsorted inputs are sorted in memory for VCF/BCF. Inputs are never "
            + "modified; outputs appear only when complete."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth convert --input mouse.bed --out mouse.vcf.gz",
            "  genosynth convert --input cohort.vcf.gz --out cohort --output-format bed --maf 0.01",
            "  genosynth convert --input mouse.geno.txt.gz --out mouse --output-format bed",
            "  genosynth convert --input mouse --out mouse_bimbam --output-format bimbam"})
final class ConvertCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PATH",
            description = "Output: a .vcf/.vcf.gz/.bcf file name, or a prefix for bed and bimbam.")
    Path out;

    @Option(names = "--output-format", paramLabel = "FMT",
            description = "bed, vcf, bcf or bimbam (default: from the --out name).")
    String outputFormat;

    @Option(names = "--no-dosage", description = "Do not write dosages even when the input has them.")
    boolean noDosage;

    @Option(names = "--pheno-out", paramLabel = "FILE",
            description = "VCF/BCF output: also write the input's per-sample columns (e.g. the phenotypes of a .fam), "
                + "which a VCF cannot hold, to this PLINK-style table (FID IID ...). Not written unless asked; an "
                + "error with another output format or an input without such columns.")
    Path phenoOut;

    @Mixin
    FilterOptions filters;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "0",
            description = "Worker threads (default: all processors).")
    int threads;

    @Mixin
    ExecutionOptions execution;

    @Override
    public Integer call() {
        String prefix = out.toString().replaceFirst("\\.(bed|bim|fam)$", "");
        org.genosynth.io.Fileset.refuseOverwrite(out.toString(), "", ".tbi");
        org.genosynth.io.Fileset.refuseOverwrite(prefix, ".bed", ".bim", ".fam", ".geno.txt.gz", ".anno.txt.gz");
        GenotypeFormat format = outputFormat != null ? GenotypeFormat.parse(outputFormat) : GenotypeFormat.detectOutput(out);
        if (format == null) {
            throw InputException.usage("cannot tell the output format from '" + out
                    + "': add --output-format bed|vcf|bcf|bimbam or use a .vcf.gz/.bcf/.bed name");
        }
        try (Progress progress = Progress.forTerminal();
             ExecutionContext context = execution.open(threads, progress)) {
            QcSummary summary = Conversion.run(filters.toRequest(input, threads), out, format,
                    new WriteOptions(format, !noDosage), phenoOut, context);
            progress.close();
            System.out.println(summary.render());
        }
        return 0;
    }
}
