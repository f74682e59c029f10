package org.genosynth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.InputException;
import org.genosynth.watermark.WatermarkJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth watermark add}. */
@Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Add watermark SNPs to a cohort. Default (SynGen6, Wang, Jiang & Vaidya 2021): each SNP starts "
            + "as a copy of the binary phenotype and is randomized to exactly floor(n eps) genotypes 2 and "
            + "floor(n z0 (1-eps)) genotypes 1; they are extremely associated and easy to spot (no case has 0, no "
            + "control 1; every SNP has the same counts). With --key-file: keyed SNPs whose IDs (in the cohort's "
            + "style), positions (between the cohort's), allele frequencies (copied from the cohort's) and "
            + "Hardy-Weinberg genotype patterns all derive from HMAC-SHA256 of the key, tuned to an ordinary-looking "
            + "association (--target-p); binary or quantitative phenotypes.",
            "Writes the cohort with the SNPs (input's format, hard calls), OUT.watermark.tsv (keep it secret: the "
            + "statistics a correct GWAS without covariates must report, for watermark verify) and OUT.watermark.csv "
            + "(SynGen6's layout: samples x watermark SNPs, last row the p-values)."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth watermark add --input cohort.bed --pheno pheno.tsv --pheno-col Y --out wm/cohort",
            "  genosynth watermark add --input cohort.bed --pheno pheno.tsv --pheno-col Y --key-file secret.key \\",
            "      --count 10 --target-p 1e-10 --out wm/cohort"})
final class WatermarkAddCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--pheno", required = true, paramLabel = "FILE", description = "Phenotype table.")
    Path pheno;

    @Option(names = {"--pheno-col", "--pheno-name"}, paramLabel = "COL", defaultValue = "1",
            description = "Phenotype column: name or 1-based number (default ${DEFAULT-VALUE}).")
    String phenoCol;

    @Option(names = "--count", paramLabel = "N", defaultValue = "20", description = "Watermark SNPs (default "
            + "${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--eps", paramLabel = "E", defaultValue = "0.3", description = "SynGen6: share of genotypes 2 "
            + "(default ${DEFAULT-VALUE}).")
    double eps;

    @Option(names = "--z0", paramLabel = "Z", defaultValue = "0.49", description = "SynGen6: share of genotypes 1 "
            + "among the rest (default ${DEFAULT-VALUE}).")
    double z0;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "Secret key (at least 16 bytes): keyed watermark instead of SynGen6's.")
    Path keyFile;

    @Option(names = "--target-p", paramLabel = "P", defaultValue = "1e-12",
            description = "Keyed: association each SNP is tuned to (default ${DEFAULT-VALUE}).")
    double targetP;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "SynGen6: random seed.")
    long seed;

    @Option(names = "--output-format", paramLabel = "FMT", description = "bed, vcf, bcf or bimbam (default: the "
            + "input's).")
    String outputFormat;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PREFIX", description = "Output prefix.")
    String out;

    @Override
    public Integer call() {
        // an output that is one of the inputs: refused before any work (AtomicOutput checks again per file)
        org.genosynth.io.Fileset.refuseOverwrite(out, ".bed", ".bim", ".fam", ".vcf.gz", ".vcf.gz.tbi", ".bcf",
                ".geno.txt.gz", ".anno.txt.gz", ".watermark.tsv", ".watermark.csv");
        if (!(eps > 0 && eps < 1 && z0 > 0 && z0 < 1)) {
            throw InputException.usage("--eps and --z0 must be in (0, 1)");
        }
        byte[] key = null;
        if (keyFile != null) {
            try {
                key = Files.readAllBytes(keyFile);
            } catch (IOException e) {
                throw InputException.inFile(keyFile, "cannot read the key: " + e.getMessage());
            }
            if (key.length < 16) {
                throw InputException.inFile(keyFile, "a watermark key needs at least 16 bytes, got " + key.length);
            }
        }
        WatermarkJob.Outcome o = WatermarkJob.add(new WatermarkJob.Request(input.input, input.toReadOptions(), pheno,
                phenoCol, key == null ? WatermarkJob.Mode.SYNGEN6 : WatermarkJob.Mode.KEYED, count, eps, z0, targetP,
                key, seed, outputFormat == null ? null : GenotypeFormat.parse(outputFormat), out));
        System.out.print(o.render());
        return 0;
    }
}
