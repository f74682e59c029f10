package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class HelpTest {

    @ParameterizedTest(name = "genosynth {0}")
    @CsvSource(delimiter = '|', value = {
        "--help|genosynth", "-h|genosynth", "qc --help|genosynth qc", "convert --help|genosynth convert",
        "demo --help|genosynth demo", "help qc|genosynth qc", "help convert|genosynth convert",
        "kinship --help|genosynth kinship", "pca --help|genosynth pca", "ld --help|genosynth ld",
        "gwas --help|genosynth gwas", "split --help|genosynth split",
        "synth --help|genosynth synth",
        "evaluate --help|genosynth evaluate",
        "table --help|genosynth table",
        "table synth --help|genosynth table synth", "table evaluate --help|genosynth table evaluate",
        "table split --help|genosynth table split",
        "spike --help|genosynth spike",
        "reads --help|genosynth reads", "reads-model --help|genosynth reads-model", "compare --help|genosynth compare",
        "reference --help|genosynth reference", "pheno --help|genosynth pheno",
        "pheno simulate --help|genosynth pheno simulate", "relatives --help|genosynth relatives",
        "watermark --help|genosynth watermark", "watermark add --help|genosynth watermark add",
        "watermark verify --help|genosynth watermark verify", "benchmark --help|genosynth benchmark"})
    void helpExitsZeroWithUsageAndExamples(String args, String usageOf) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args.split(" "));
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("Usage: " + usageOf).contains("Examples:");
    }

    @org.junit.jupiter.api.Test
    void synthExamplesNameTheOutputFormatWithOutputFormat() {
        // --format names the input's format; the VCF example used it and got PLINK output
        String help = Main.commandLine().getSubcommands().get("synth").getUsageMessage();
        assertThat(help).doesNotContain("--format vcf").contains("--n 5000 --output-format vcf");
    }
}
