package org.genosynth.table.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.genosynth.io.InputException;
import org.genosynth.table.Column;
import org.genosynth.table.ColumnType;
import org.genosynth.table.DataTable;
import org.genosynth.table.io.TableReadOptions;
import org.genosynth.table.io.TableReader;
import org.genosynth.table.io.TableWriter;
import org.hipparchus.random.RandomGenerator;
import org.hipparchus.random.Well19937c;

/** {@code genosynth table synth}: read a table, learn it with one method, write {@code n} synthetic rows. */
public final class TableSynthesis {
    private TableSynthesis() {
    }

    /** The synthesis methods. */
    public enum Method { COPULA, CART }

    /**
     * @param input     the real table
     * @param read      how to read it
     * @param rows      synthetic rows to write ({@code <= 0}: as many as the input has)
     * @param method    copula or cart (ignored when {@code epsilon} is set)
     * @param epsilon   differential-privacy budget, or null for none
     * @param seed      random seed
     * @param out       output table (.csv, .tsv, .arff, optionally .gz)
     * @param minBucket CART: fewest real rows per leaf
     * @param degree    PrivBayes: most parents per column
     * @param bins      PrivBayes: bins per numeric column
     * @param bounds    PrivBayes: user-given {min, max} per numeric column
     */
    public record Request(Path input, TableReadOptions read, int rows, Method method, Double epsilon, long seed,
            Path out, int minBucket, int degree, int bins, Map<String, double[]> bounds) {
        public Request {
            if (epsilon != null && !(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) {
                throw InputException.usage("--epsilon must be a finite number above 0, got " + epsilon);
            }
            if (minBucket < 1) {
                throw InputException.usage("--min-bucket must be at least 1");
            }
            if (bins < 2) {
                throw InputException.usage("--bins must be at least 2");
            }
            if (degree < 0) {
                throw InputException.usage("--degree must be 0 or more");
            }
            bounds = bounds == null ? Map.of() : Map.copyOf(bounds);
        }
    }

    /** What was done. */
    public record Result(DataTable real, DataTable synthetic, String model, List<String> notes) {
        public String render(Path out) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "read %,d rows x %d columns; wrote %,d synthetic rows to %s%n",
                    real.rows(), real.columnCount(), synthetic.rows(), out));
            sb.append("model: ").append(model).append('\n');
            sb.append("columns:");
            for (Column c : real.columns()) {
                sb.append(' ').append(c.name()).append('=').append(c.type().label());
            }
            sb.append('\n');
            notes.forEach(n -> sb.append("note: ").append(n).append('\n'));
            return sb.toString().stripTrailing();
        }
    }

    public static Result run(Request request) {
        DataTable real = TableReader.read(request.input(), request.read());
        for (String name : request.bounds().keySet()) {
            int c = real.indexOf(name);
            if (c < 0 || !real.column(c).type().isNumeric()) {
                throw InputException.usage("--bounds names '" + name + "', which is not a numeric column");
            }
        }
        List<String> notes = new ArrayList<>();
        if (real.modelledColumns().length == 0) {
            throw InputException.inFile(request.input(), "no column to synthesize (only identifiers or empty "
                    + "columns)");
        }
        for (Column c : real.columns()) {
            if (c.type() == ColumnType.EMPTY) {
                notes.add("column '" + c.name() + "' has no value at all: written empty, not modelled");
            } else if (c.type() == ColumnType.ID) {
                notes.add("column '" + c.name() + "' holds identifiers (every value distinct): written as syn1, "
                        + "syn2, ..., never with real values (declare --type '" + c.name() + "=categorical' if it is "
                        + "not an identifier)");
            }
        }
        Synthesizer synthesizer;
        if (request.epsilon() != null) {
            PrivBayes pb = new PrivBayes(request.epsilon(), request.degree(), request.bins(), 0.3, request.bounds());
            synthesizer = pb;
        } else if (request.method() == Method.CART) {
            synthesizer = new SequentialCart(request.minBucket(), 1e-8);
        } else {
            synthesizer = new GaussianCopula();
        }
        int n = request.rows() > 0 ? request.rows() : real.rows();
        // a column of doubles (or category codes) per column, and the working copies of the synthesizers
        org.genosynth.util.Memory.require((double) n * real.columnCount() * 24, "table synth of " + n + " rows x "
                + real.columnCount() + " columns", "lower --n");
        RandomGenerator rng = new Well19937c(request.seed());
        DataTable synthetic = synthesizer.synthesize(real, n, rng);
        if (synthesizer instanceof PrivBayes pb) {
            notes.add("epsilon-DP holds for the rows' values given what is public: n = " + real.rows()
                    + ", the column names and types" + (pb.leaks().isEmpty() ? "" : ", and, taken from the data "
                    + "(give --bounds to avoid the ranges): " + String.join("; ", pb.leaks())));
        }
        TableWriter.write(synthetic, request.out());
        return new Result(real, synthetic, synthesizer.describe(), notes);
    }
}
