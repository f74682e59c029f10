package org.genosynth.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.genosynth.io.InputException;
import org.genosynth.watermark.WatermarkVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code genosynth watermark verify}. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a GWAS result against the watermark: every watermark SNP must be there with its "
            + "observation count, allele, BETA and P as OUT.watermark.tsv says (relative --tolerance; log10 P at "
            + "least to 0.01). Reads genosynth's OUT.gwas.tsv, plink2's .glm.logistic[.hybrid]/.glm.firth/.glm.linear "
            + "(ADD rows) and GEMMA's .assoc.txt. Exit code 0 when verified, 3 when not (the failing SNPs are "
            + "listed)."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth watermark verify --watermark wm/cohort.watermark.tsv --gwas results.gwas.tsv",
            "  genosynth watermark verify --watermark wm/cohort.watermark.tsv --gwas out.Y.glm.logistic.hybrid"})
final class WatermarkVerifyCommand implements Callable<Integer> {
    /** Exit code when the GWAS result does not match the watermark. */
    static final int NOT_VERIFIED = 3;

    @Option(names = "--watermark", required = true, paramLabel = "FILE", description = "OUT.watermark.tsv of add.")
    Path watermark;

    @Option(names = "--gwas", required = true, paramLabel = "FILE", description = "GWAS result to check.")
    Path gwas;

    @Option(names = "--tolerance", paramLabel = "X", defaultValue = "1e-4",
            description = "Relative tolerance on BETA and log10 P (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Override
    public Integer call() {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw InputException.usage("--tolerance must be in (0, 1)");
        }
        WatermarkVerifier.Report r = WatermarkVerifier.verify(watermark, gwas, tolerance);
        System.out.print(r.render());
        return r.verified() ? 0 : NOT_VERIFIED;
    }
}
