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

    /**
     * Every example of every command's help, as printed at 120 columns, can be pasted into a shell: no line is longer
     * than 120 characters (picocli would wrap it mid-command), every line is a command, a comment or the continuation
     * of a command ending in a backslash, and notes after a command are shell comments ({@code # ...}), not words
     * that would be passed as arguments.
     */
    @org.junit.jupiter.api.Test
    void everyExampleLineFitsAndPastesIntoAShell() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        int[] examples = {0};
        visit(Main.commandLine(), problems, examples);
        assertThat(problems).isEmpty();
        assertThat(examples[0]).as("example lines checked").isGreaterThan(60);
    }

    private static void visit(CommandLine cl, java.util.List<String> problems, int[] examples) {
        String name = cl.getCommandSpec().qualifiedName();
        String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
        int at = usage.indexOf("\nExamples:\n");
        if (at >= 0) {
            boolean continued = false;
            for (String line : usage.substring(at + "\nExamples:\n".length()).lines().toList()) {
                if (line.isBlank()) {
                    assertThat(continued).as(name + ": a backslash before a blank line").isFalse();
                    break; // prose after the examples (the main help's note on errors)
                }
                examples[0]++;
                String code = line.replaceFirst("\\s+#.*$", "");
                boolean command = line.startsWith("  genosynth ") || line.startsWith("  ./genosynth ");
                boolean comment = line.startsWith("  # ");
                boolean continuation = continued && line.startsWith("      ") && !line.startsWith("       ");
                if (line.length() > 120) {
                    problems.add(name + ": longer than 120 columns: " + line);
                } else if (!command && !comment && !continuation) {
                    problems.add(name + ": not a command, comment or continuation (wrapped?): " + line);
                } else if (!comment && code.strip().contains("   ")) {
                    problems.add(name + ": a note after the command that is not a # comment: " + line);
                }
                continued = !comment && code.endsWith(" \\");
            }
            assertThat(continued).as(name + ": the last example ends in a backslash").isFalse();
        }
        for (java.util.Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
            if (!sub.getKey().equals("help")) {
                visit(sub.getValue(), problems, examples);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void synthExamplesNameTheOutputFormatWithOutputFormat() {
        // --format names the input's format; the VCF example used it and got PLINK output
        String help = Main.commandLine().getSubcommands().get("synth").getUsageMessage();
        assertThat(help).doesNotContain("--format vcf").contains("--n 5000 --output-format vcf");
    }
}
