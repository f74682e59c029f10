package org.genosynth.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.genosynth.assoc.kinship.StructureInput;
import org.genosynth.assoc.pca.PcaJob;
import org.genosynth.exec.ExecutionContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth pca}: principal components, variant weights and projection of another cohort. */
@Command(name = "pca", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Principal components of the standardized GRM, as plink2 --pca: writes OUT.eigenval, "
            + "OUT.eigenvec (#FID IID PC1..), OUT.eigenvec.var (variant weights, plink2 biallelic-var-wts layout) and "
            + "OUT.eigenvec.afreq (the frequencies used). Exact (LAPACK) by default; --approx uses a seeded "
            + "randomized method that never forms the n x n matrix. --project places the samples of another cohort "
            + "(variants matched by ID) on the same axes: OUT.projected.eigenvec, in eigenvector scale."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth pca --input mouse.bed --out pca/mouse",
            "  genosynth pca --input biobank.bed --pcs 20 --approx --out pca/biobank",
            "  genosynth pca --input real.bed --project synthetic.vcf.gz --out pca/real   # synthetic on real PCs"})
final class PcaCommand implements Callable<Integer> {
    @Mixin
    StructureOptions structure;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PREFIX", description = "Output prefix.")
    String out;

    @Option(names = "--pcs", paramLabel = "K", defaultValue = "10", description = "Number of PCs (default 10).")
    int pcs;

    @Option(names = "--approx", description = "Randomized PCA (for many samples; like plink2 --pca approx).")
    boolean approx;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of --approx (default 1).")
    long seed;

    @Option(names = "--project", paramLabel = "PATH",
            description = "Another cohort to project onto the PCs (any input format; read like --input).")
    Path project;

    @Mixin
    ExecutionOptions execution;

    @Override
    public Integer call() {
        // an output that is one of the inputs: refused before any work (AtomicOutput checks again per file)
        org.genosynth.io.Fileset.refuseOverwrite(out, ".eigenval", ".eigenvec", ".eigenvec.var", ".eigenvec.afreq",
                ".projected.eigenvec");
        StructureInput in = structure.toStructureInput();
        try (ExecutionContext context = execution.open(structure.threads, null)) {
            PcaJob.Summary s = PcaJob.run(new PcaJob.Request(in, out, pcs, approx, project, seed), context);
            System.out.print(s.render());
        }
        return 0;
    }
}
