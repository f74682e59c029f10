package org.genosynth.cli;

import picocli.CommandLine.Command;

/** {@code genosynth pheno}: phenotype tools (for now: simulate). */
@Command(name = "pheno", mixinStandardHelpOptions = true, subcommands = {PhenoSimulateCommand.class},
        description = {"Phenotype tools with known truth."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth pheno simulate --input mouse.bed --causal 10 --h2 0.5 --out sim/mouse"})
final class PhenoCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
