package org.genosynth.cli;

import java.nio.file.Path;
import org.genosynth.qc.QcRequest;
import org.genosynth.qc.QcThresholds;
import picocli.CommandLine.Option;

/** plink-style sample and variant filters, shared by qc, convert and gwas. */
final class FilterOptions {
    @Option(names = "--keep", paramLabel = "FILE", description = "Keep only these samples (FID IID or IID per line).")
    Path keep;

    @Option(names = "--remove", paramLabel = "FILE", description = "Remove these samples (FID IID or IID per line).")
    Path remove;

    @Option(names = "--extract", paramLabel = "FILE", description = "Keep only these variant IDs (one per line).")
    Path extract;

    @Option(names = "--exclude", paramLabel = "FILE", description = "Remove these variant IDs (one per line).")
    Path exclude;

    @Option(names = "--maf", paramLabel = "X", description = "Remove variants with founder minor allele frequency < X.")
    Double maf;

    @Option(names = "--geno", paramLabel = "X", description = "Remove variants with missing rate > X.")
    Double geno;

    @Option(names = "--mind", paramLabel = "X",
            description = "Remove samples with missing rate > X (computed first, over the selected variants).")
    Double mind;

    @Option(names = "--hwe", paramLabel = "P", description = "Remove variants with founder HWE exact p < P.")
    Double hwe;

    @Option(names = "--nonfounders",
            description = "Use every sample for frequencies and HWE (default: founders only, as plink2).")
    boolean nonfounders;

    /** True when any filter is given (--nonfounders alone changes nothing). */
    boolean any() {
        return keep != null || remove != null || extract != null || exclude != null || maf != null || geno != null
                || mind != null || hwe != null;
    }

    QcRequest toRequest(InputOptions input, int threads) {
        QcThresholds t = new QcThresholds(orNaN(maf), orNaN(geno), orNaN(mind), orNaN(hwe));
        return new QcRequest(input.input, input.toReadOptions(), keep, remove, extract, exclude, t, nonfounders,
                threads);
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }
}
