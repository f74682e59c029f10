package org.genosynth.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.genosynth.table.eval.TableEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth table evaluate}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a synthetic table against the real table it was learnt from: KS complement (numbers), "
            + "TV complement (labels), correlation and contingency similarity, missing-pattern similarity, each beside "
            + "the same score for real-vs-real at the same n; with --holdout (real rows the generator never saw): "
            + "distance to closest record with holdout calibration, exact copies and a membership-inference AUC. SDMetrics' "
            + "Quality Report figures (column shapes, column pair trends, overall) by their published definitions, "
            + "beside the holdout's own figures. "
            + "Writes DIR/report.html (pass/warn/fail summary first) and DIR/metrics.json."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth table evaluate --real train.csv --synthetic syn.csv --holdout holdout.csv --out eval/",
            "  genosynth table evaluate --real pheno.tsv --synthetic syn.tsv --out eval/   # no privacy scores",
            "  genosynth table evaluate --real train.csv --na-col insulin=0,skin=0 --synthetic syn.csv \\",
            "      --holdout holdout.csv --out eval/"})
final class TableEvaluateCommand implements Callable<Integer> {
    @Option(names = "--real", required = true, paramLabel = "TABLE", description = "The table the generator learnt.")
    Path real;

    @Option(names = "--synthetic", required = true, paramLabel = "TABLE", description = "The synthetic table.")
    Path synthetic;

    @Option(names = "--holdout", paramLabel = "TABLE",
            description = "Real rows the generator never saw (same columns); needed for the privacy scores.")
    Path holdout;

    @Mixin
    TableReadOptionsMixin read;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the subsamples and splits (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "10",
            description = "Subsamples averaged per score (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    public Integer call() {
        TableEvaluation.Result result = TableEvaluation.run(new TableEvaluation.Request(real, synthetic, holdout,
                read.toOptions(), seed, repeats, out));
        System.out.println(result.render());
        return 0;
    }
}
