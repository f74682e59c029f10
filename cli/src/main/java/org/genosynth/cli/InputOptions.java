package org.genosynth.cli;

import java.nio.file.Path;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.bimbam.BimbamReader;
import picocli.CommandLine.Option;

/** Options naming a genotype input, shared by every command that reads one. */
final class InputOptions {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "PATH",
            description = "Genotypes: PLINK prefix or .bed[.gz], .vcf[.gz], .bcf, BIMBAM .geno.txt[.gz]; other names "
                + "are recognised by content.")
    Path input;

    @Option(names = "--format", paramLabel = "FMT",
            description = "Input format when the name does not tell: bed, vcf, bcf, bimbam.")
    String format;

    @Option(names = "--multiallelic", paramLabel = "split|reject", defaultValue = "split",
            description = "VCF sites with several ALT alleles: split into bi-allelic records (default) or stop.")
    String multiallelic;

    @Option(names = "--anno", paramLabel = "FILE",
            description = "BIMBAM annotation (rs bp chr [cM]); default PREFIX.anno.txt[.gz] (or PREFIX_anno.txt, "
                + "PREFIX_snps.txt) beside the genotypes. Without one every variant is on chromosome 0 at an unknown "
                + "position.")
    Path annotation;

    @Option(names = "--coding", paramLabel = "diploid|strain", defaultValue = "diploid",
            description = "BIMBAM values: diploid dosages 0..2 (default) or inbred strains coded 0/1 (strain: a 1 is "
                + "read as the homozygous ALT genotype). qc and kinship note a 0/1 coding read as diploid.")
    String coding;

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
        boolean strain = switch (coding.toLowerCase(java.util.Locale.ROOT)) {
            case "diploid" -> false;
            case "strain" -> true;
            default -> throw org.genosynth.io.InputException.usage("--coding must be diploid or strain, got '"
                    + coding + "'");
        };
        ReadOptions options = new ReadOptions(format == null ? null : GenotypeFormat.parse(format), policy, annotation,
                samples, strain);
        noteMissingAnnotation(input, options.format(), annotation);
        return options;
    }

    /**
     * BIMBAM without an annotation loses every position: said once, on stderr, when the command has succeeded,
     * whichever command runs (a failing command prints only its one error line); the reader's own notes leave it out.
     *
     * @param input      a genotype input (nothing is said unless it is a BIMBAM file)
     * @param format     its declared format, or null to detect it
     * @param annotation the annotation given, or null
     */
    static void noteMissingAnnotation(Path input, GenotypeFormat format, Path annotation) {
        if (input == null || !java.nio.file.Files.isRegularFile(input)) {
            return;
        }
        GenotypeFormat f = format;
        if (f == null) {
            try {
                f = GenotypeFormat.detectOrFail(input);
            } catch (RuntimeException e) {
                return;
            }
        }
        if (f == GenotypeFormat.BIMBAM && BimbamReader.lacksAnnotation(input, annotation)) {
            Main.noteAfterSuccess(BimbamReader.missingAnnotation(input));
        }
    }
}
