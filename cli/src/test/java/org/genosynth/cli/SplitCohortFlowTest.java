package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's mouse flow with the full 1,940-row phenotype table (IDs, named columns, a text column no analysis uses)
 * on a 70/30 split: {@code synth} and {@code evaluate} ignore the 582 rows of mice outside the training set, as plink2
 * does, with one note per table (evaluate: for --pheno, --holdout-pheno and --synthetic-pheno), and the report reads
 * right: loci window in cM, the unplaced lead hit mCV22965443 in the Manhattan plot, tick
 * labels on the QQ plot's x axis.
 */
class SplitCohortFlowTest {
    @TempDir
    static Path dir;

    static String synthOut;
    static String evalOut;
    static String report;

    @BeforeAll
    static void run() throws IOException {
        String split = MouseTables.split(dir);
        Path full = MouseTables.fullTable(dir.resolve("full.tsv"));
        CliRun synth = CliRun.of("synth", "--input", split + ".train", "--pheno", full.toString(), "--pheno-col",
                "CD8", "--method", "mosaic", "--n", "600", "--seed", "1", "-t", "2", "--out",
                dir.resolve("syn").toString());
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        synthOut = synth.out();
        // the synthetic table with 4 rows of samples the synthetic cohort does not have; the full table for the
        // holdout too
        Path synPheno = MouseTables.withAbsentSamples(dir.resolve("syn.pheno.tsv"), dir.resolve("syn_plus.tsv"), 4);
        CliRun eval = CliRun.of("evaluate", "--real", split + ".train.bed", "--synthetic",
                dir.resolve("syn.bed").toString(), "--holdout", split + ".holdout.bed", "--pheno", full.toString(),
                "--synthetic-pheno", synPheno.toString(), "--holdout-pheno", full.toString(), "--pheno-col", "CD8",
                "--model", "lmm", "-t", "2", "--out", dir.resolve("eval").toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        evalOut = eval.out();
        report = Files.readString(dir.resolve("eval/report.html"));
    }

    @Test
    void splittingASplitCohortWithTheFullTableNotesTheIgnoredRows() throws IOException {
        // the training set split again with the 1,940-row table: 582 rows name no sample of it, ignored as plink2 does
        CliRun r = CliRun.of("split", "--input", dir.resolve("mouse.train.bed").toString(), "--pheno",
                dir.resolve("full.tsv").toString(), "--fraction", "0.5", "--seed", "2", "--out",
                dir.resolve("again/m").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsOnlyOnce("note: full.tsv: 582 rows for samples not in the genotype file ignored");
        long rows = Files.readAllLines(dir.resolve("again/m.train.pheno.tsv")).size()
                + Files.readAllLines(dir.resolve("again/m.holdout.pheno.tsv")).size() - 2;
        assertThat(rows).isEqualTo(1358);
    }

    @Test
    void synthIgnoresRowsOfOtherMiceWithOneNote() throws IOException {
        assertThat(synthOut).contains("note: full.tsv: 582 rows for samples not in the genotype file ignored");
        List<String> pheno = Files.readAllLines(dir.resolve("syn.pheno.tsv"));
        assertThat(pheno).hasSize(600 + 1);
        assertThat(pheno.get(0)).endsWith("\tCD8");
    }

    @Test
    void evaluateNotesTheIgnoredRowsOfEachPhenotypeTable() {
        // as gwas prints them: --pheno on the 1,358 training mice, --holdout-pheno on the 582 holdout mice,
        // --synthetic-pheno with its 4 rows of absent samples
        assertThat(evalOut).contains("note: full.tsv: 582 rows for samples not in the genotype file ignored\n",
                "note: full.tsv: 1358 rows for samples not in the genotype file ignored\n",
                "note: syn_plus.tsv: 4 rows for samples not in the genotype file ignored\n");
        assertThat(evalOut.lines().filter(l -> l.endsWith("rows for samples not in the genotype file ignored")))
                .hasSize(3);
    }

    @Test
    void utilityLociWindowIsInCentimorgans() {
        // the mouse cohort has a genetic map: the default window is 1 cM, not "0.001 kb"
        assertThat(report).contains("Loci: hits within 1 cM of each other").doesNotContain("0.001 kb");
    }

    @Test
    void manhattanShowsTheUnplacedLeadHit() {
        String real = svgTitled("Manhattan: real");
        // mCV22965443 has no position in the .bim (bp -9) and is the strongest CD8 hit of the training mice
        assertThat(real).contains(">unplaced</text>", ">mCV22965443</text>");
        assertThat(real).contains("fill=\"#8e44ad\"");
    }

    @Test
    void qqPlotHasTickLabelsOnBothAxes() {
        String qq = svgTitled("QQ: real");
        // labels under the x axis (y = 420 - 45 + 16), one per tick, the same ticks as the y axis
        Matcher m = Pattern.compile("y=\"391\" text-anchor=\"middle\">(\\d+)</text>").matcher(qq);
        List<String> labels = new java.util.ArrayList<>();
        while (m.find()) {
            labels.add(m.group(1));
        }
        assertThat(labels).startsWith("0", "5", "10");
    }

    private static String svgTitled(String title) {
        int at = report.indexOf(title);
        assertThat(at).as(title).isPositive();
        int start = report.lastIndexOf("<svg", at);
        return report.substring(start, report.indexOf("</svg>", at) + 6);
    }
}
