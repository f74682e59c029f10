package org.genosynth.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.assoc.kinship.StructureInput;
import org.genosynth.assoc.ld.LdJob;
import org.genosynth.assoc.ld.LdTable;
import org.genosynth.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth ld}: r-squared table and LD pruning. */
@Command(name = "ld", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Linkage disequilibrium from hard calls. Writes OUT.vcor, the r^2 of variant pairs within a "
            + "window (#CHROM_A POS_A ID_A CHROM_B POS_B ID_B UNPHASED_R2, pairs with r^2 >= --r2-min). With "
            + "--indep-pairwise WIN STEP R2 (window and step in variants) writes OUT.prune.in / OUT.prune.out with "
            + "plink2's algorithm instead (add --table to get both)."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth ld --input mouse.bed --out ld/mouse",
            "  genosynth ld --input cohort.vcf.gz --window-kb 500 --window-variants 50 --r2-min 0.5 --out ld/cohort",
            "  genosynth ld --input mouse.bed --indep-pairwise 50 5 0.2 --out ld/pruned"})
final class LdCommand implements Callable<Integer> {
    @Mixin
    StructureOptions structure;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PREFIX", description = "Output prefix.")
    String out;

    @Option(names = "--window-kb", paramLabel = "KB", defaultValue = "1000",
            description = "Table: maximum distance in kb (default 1000).")
    double windowKb;

    @Option(names = "--window-variants", paramLabel = "N", defaultValue = "10",
            description = "Table: maximum distance in variants (default 10).")
    int windowVariants;

    @Option(names = "--r2-min", paramLabel = "X", defaultValue = "0.2",
            description = "Table: write pairs with r^2 >= X (default 0.2).")
    double r2Min;

    @Option(names = "--indep-pairwise", arity = "3", paramLabel = "WIN STEP R2",
            description = "Prune: window (variants), step (variants), r^2 threshold.")
    List<String> indepPairwise;

    @Option(names = "--table", description = "With --indep-pairwise, also write the r^2 table.")
    boolean table;



    @Mixin
    ExecutionOptions execution;

    @Override
    public Integer call() {
        // an output that is one of the inputs: refused before any work (AtomicOutput checks again per file)
        org.genosynth.io.Fileset.refuseOverwrite(out, ".vcor", ".prune.in", ".prune.out");
        LdJob.Prune prune = null;
        if (indepPairwise != null) {
            try {
                prune = new LdJob.Prune(Integer.parseInt(indepPairwise.get(0)), Integer.parseInt(indepPairwise.get(1)),
                        Double.parseDouble(indepPairwise.get(2)));
            } catch (NumberFormatException e) {
                throw InputException.usage("--indep-pairwise needs WIN STEP R2 as numbers (window and step in "
                        + "variants), got " + String.join(" ", indepPairwise));
            }
            // as plink2: an r^2 threshold of 1 or more prunes nothing, a window of one variant has no pair
            if (prune.window() < 2 || prune.step() < 1 || !(prune.r2() >= 0 && prune.r2() < 1)) {
                throw InputException.usage("--indep-pairwise needs a window of at least 2 variants, a step of at "
                        + "least 1 and an r^2 threshold in [0, 1), got " + String.join(" ", indepPairwise));
            }
        }
        if (!(r2Min >= 0 && r2Min <= 1)) {
            throw InputException.usage("--r2-min must be in [0, 1], got " + r2Min);
        }
        LdTable.Window window = prune == null || table ? new LdTable.Window(windowKb, windowVariants, r2Min) : null;
        StructureInput in = structure.toStructureInput();
        try (ExecutionContext context = execution.open(structure.threads, null)) {
            System.out.print(LdJob.run(new LdJob.Request(in, out, window, prune), context).render());
        }
        return 0;
    }
}
