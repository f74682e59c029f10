package org.genosynth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code genosynth table}: synthesize small mixed-type tables and score them. */
@Command(name = "table", mixinStandardHelpOptions = true,
        subcommands = {TableSplitCommand.class, TableSynthCommand.class, TableEvaluateCommand.class},
        description = {"Small mixed-type tables (clinical tables, phenotype tables): synthesize them with a Gaussian "
            + "copula, sequential CART or a differentially private Bayesian network, and score synthetic against real "
            + "with a real-vs-real baseline and holdout-calibrated privacy metrics. See docs/tables.md."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth table split --input table.csv --fraction 0.7 --seed 1 --out split/t",
            "  genosynth table synth --input train.csv --n 300 --method cart --seed 1 --out syn.csv",
            "  genosynth table evaluate --real train.csv --synthetic syn.csv --holdout holdout.csv --out report/"})
final class TableCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
