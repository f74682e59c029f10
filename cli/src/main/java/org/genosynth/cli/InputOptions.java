package org.genosynth.cli;

import java.nio.file.Path;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.ReadOptions;
import picocli.CommandLine.Option;

/** Options naming a genotype input, shared by every command that reads one. */
final class InputOptions {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "PATH",
            description = "Genotypes: PLINK prefix or .bed[.gz], .vcf[.gz], .bcf, BIMBAM .geno.txt[.gz].")
    Path input;

    @Option(names = "--format", paramLabel = "FMT",
            description = "Input format when the name does not tell: bed, vcf, bcf, bimbam.")
    String format;

    @Option(names = "--multiallelic", paramLabel = "split|reject", defaultValue = "split",
            description = "VCF sites with several ALT alleles: split into bi-allelic records (default) or stop.")
    String multiallelic;

    @Option(names = "--anno", paramLabel = "FILE",
            description = "BIMBAM annotation (rs bp chr [cM]); default PREFIX.anno.txt[.gz] beside the genotypes.")
    Path annotation;

    @Option(names = "--samples", paramLabel = "FILE",
            description = "BIMBAM sample file (.fam); default PREFIX.fam beside the genotypes.")
    Path samples;

    ReadOptions toReadOptions() {
        ReadOptions.MultiallelicPolicy policy = switch (multiallelic.toLowerCase(java.util.Locale.ROOT)) {
            case "split" -> ReadOptions.MultiallelicPolicy.SPLIT;
            case "reject" -> ReadOptions.MultiallelicPolicy.REJECT;
            default -> throw org.genosynth.io.InputException.usage("--multiallelic must be split or reject, got '"
                    + multiallelic + "'");
        };
        return new ReadOptions(format == null ? null : GenotypeFormat.parse(format), policy, annotation, samples);
    }
}
