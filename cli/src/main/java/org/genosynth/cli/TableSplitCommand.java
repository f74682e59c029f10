package org.genosynth.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.genosynth.table.io.TableSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth table split}. */
@Command(name = "split", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Split a table's rows at random into a training part (round(fraction x n) rows) and a holdout "
            + "part, reproducibly from --seed, written as PREFIX.train.EXT and PREFIX.holdout.EXT with the input's "
            + "own header and lines. Learn from the training part; give the holdout to 'table evaluate --holdout'."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth table split --input diabetes.csv.gz --fraction 0.7 --seed 1 --out split/diabetes"})
final class TableSplitCommand implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "TABLE", description = "The table to split.")
    Path input;

    @Mixin
    TableReadOptionsMixin read;

    @Option(names = "--fraction", paramLabel = "F", defaultValue = "0.7",
            description = "Share of rows in the training part (default ${DEFAULT-VALUE}).")
    double fraction;

    @Option(names = "--seed", paramLabel = "S", required = true, description = "Random seed.")
    long seed;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PREFIX", description = "Output prefix.")
    String out;

    @Override
    public Integer call() {
        System.out.println(TableSplit.run(input, read.toOptions(), fraction, seed, out).render());
        return 0;
    }
}
