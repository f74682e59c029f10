package org.genosynth.table.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.genosynth.eval.TrainHoldoutSplit;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.InputException;
import org.genosynth.io.LineReader;

/**
 * A reproducible train/holdout split of a table's rows (the same seeded shuffle as {@code genosynth split}), each part
 * written with the input's own lines: header (or ARFF header) first, then the rows in input order, unchanged.
 */
public final class TableSplit {
    private TableSplit() {
    }

    /** The files written and their row counts. */
    public record Result(Path train, Path holdout, int trainRows, int holdoutRows) {
        public String render() {
            return String.format(Locale.ROOT, "train %,d rows, holdout %,d rows%nwrote %s%nwrote %s", trainRows,
                    holdoutRows, train, holdout);
        }
    }

    public static Result run(Path input, TableReadOptions options, double fraction, long seed, String prefix) {
        if (!(fraction > 0 && fraction < 1)) {
            throw InputException.usage("--fraction must be between 0 and 1 (exclusive), got " + fraction);
        }
        RawTable raw = ArffParser.isArff(input) ? ArffParser.parse(input) : DelimitedParser.parse(input, options);
        long[] lines = raw.lines();
        boolean[] train = TrainHoldoutSplit.assign(lines.length, fraction, seed);
        List<String> head = new ArrayList<>();
        List<String> trainLines = new ArrayList<>();
        List<String> holdLines = new ArrayList<>();
        try (LineReader reader = new LineReader(input)) {
            String line;
            int row = 0;
            while ((line = reader.next()) != null) {
                long n = reader.lineNumber();
                if (row < lines.length && n == lines[row]) {
                    (train[row] ? trainLines : holdLines).add(line);
                    row++;
                } else if (row == 0) {
                    head.add(line);
                }
            }
        }
        String name = input.getFileName().toString();
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        int dot = base.lastIndexOf('.');
        String ext = dot > 0 ? base.substring(dot) : ".txt";
        Path trainPath = Path.of(prefix + ".train" + ext);
        Path holdPath = Path.of(prefix + ".holdout" + ext);
        try (AtomicOutput out = new AtomicOutput()) {
            write(out.temp(trainPath), head, trainLines);
            write(out.temp(holdPath), head, holdLines);
            out.commit();
        }
        return new Result(trainPath, holdPath, trainLines.size(), holdLines.size());
    }

    private static void write(Path path, List<String> head, List<String> rows) {
        try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            for (String l : head) {
                w.write(l);
                w.write('\n');
            }
            for (String l : rows) {
                w.write(l);
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
    }
}
