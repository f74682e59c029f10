package org.genosynth.cli;

import picocli.CommandLine.Command;

/** {@code genosynth watermark}: add watermark SNPs to a cohort, verify a GWAS result against them. */
@Command(name = "watermark", mixinStandardHelpOptions = true,
        subcommands = {WatermarkAddCommand.class, WatermarkVerifyCommand.class},
        description = {"Watermark SNPs for checking that an outsourced GWAS was computed honestly."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth watermark add --input cohort.bed --pheno pheno.tsv --pheno-col Y --out wm/cohort",
            "  genosynth watermark verify --watermark wm/cohort.watermark.tsv --gwas server.glm.logistic.hybrid"})
final class WatermarkCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
