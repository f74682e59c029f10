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
    public enum Method { COPULA, CART, PRIVBAYES, AIM, DPCOPULA }

    /** AIM's default delta (McKenna et al. 2022 and Private-PGM use 1e-9). */
    public static final double DEFAULT_DELTA = 1e-9;

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
     * @param bounds    PrivBayes, AIM: user-given {min, max} per numeric column
     * @param delta     AIM: the delta of (epsilon, delta)-DP, or null for {@link #DEFAULT_DELTA}
     * @param seedGiven whether the seed was chosen by the user (else it is secret and not written anywhere)
     */
    public record Request(Path input, TableReadOptions read, int rows, Method method, Double epsilon, long seed,
            Path out, int minBucket, int degree, int bins, Map<String, double[]> bounds, Double delta,
            boolean seedGiven) {
        public Request {
            if (epsilon != null && !(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) {
                throw InputException.usage("--epsilon must be a finite number above 0, got " + epsilon);
            }
            if ((method == Method.AIM || method == Method.DPCOPULA || method == Method.PRIVBAYES) && epsilon == null) {
                throw InputException.usage("--method " + method.name().toLowerCase(Locale.ROOT) + " needs --epsilon");
            }
            if (delta != null && !(delta > 0 && delta < 1)) {
                throw InputException.usage("--delta must be above 0 and below 1, got " + delta);
            }
            if (delta != null && method != Method.AIM && method != Method.DPCOPULA) {
                throw InputException.usage("--delta applies to --method aim and dpcopula only (PrivBayes is pure "
                        + "epsilon-DP)");
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

        public Request(Path input, TableReadOptions read, int rows, Method method, Double epsilon, long seed,
                Path out, int minBucket, int degree, int bins, Map<String, double[]> bounds) {
            this(input, read, rows, method, epsilon, seed, out, minBucket, degree, bins, bounds, null, true);
        }
    }

    /** The manifest written beside a synthetic table {@code NAME.csv[.gz]}: {@code NAME.manifest.json}. */
    public static Path manifestPath(Path out) {
        String name = out.getFileName().toString().replaceFirst("(?i)(\\.(csv|tsv|txt|arff))?(\\.gz)?$", "");
        return out.resolveSibling(name + ".manifest.json");
    }

    /** What was done. */
    public record Result(DataTable real, DataTable synthetic, String model, List<String> notes,
            List<String> guarantee) {
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
            guarantee.forEach(g -> sb.append("privacy: ").append(g).append('\n'));
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
        if (request.method() == Method.AIM || request.method() == Method.DPCOPULA) {
            List<String> unbounded = new ArrayList<>();
            for (int c : real.modelledColumns()) {
                if (real.column(c).type().isNumeric() && !request.bounds().containsKey(real.column(c).name())) {
                    unbounded.add(real.column(c).name());
                }
            }
            if (!unbounded.isEmpty()) {
                throw InputException.usage("--method " + request.method().name().toLowerCase(Locale.ROOT)
                        + " needs public bounds for every numeric column (a range taken "
                        + "from the data would not be covered by the guarantee): give --bounds NAME=MIN:MAX for "
                        + String.join(", ", unbounded));
            }
        }
        Synthesizer synthesizer;
        if (request.method() == Method.AIM) {
            synthesizer = new Aim(request.epsilon(), request.delta() == null ? DEFAULT_DELTA : request.delta(),
                    Math.max(request.bins(), 2), request.bounds());
        } else if (request.method() == Method.DPCOPULA) {
            synthesizer = new DpCopula(request.epsilon(), request.delta() == null ? DEFAULT_DELTA : request.delta(),
                    Math.max(request.bins(), 2), request.bounds());
        } else if (request.epsilon() != null) {
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
        List<String> guarantee = new ArrayList<>();
        if (synthesizer instanceof PrivBayes pb) {
            guarantee.add(request.epsilon() + "-DP (PrivBayes, Laplace mechanism) for replacing one row, given what "
                    + "is public: n = " + real.rows() + ", the column names and types" + (pb.leaks().isEmpty() ? ""
                    : ", and, taken from the data (give --bounds to avoid the ranges): "
                    + String.join("; ", pb.leaks())));
        } else if (synthesizer instanceof ZcdpSynthesizer dp) {
            double delta = request.delta() == null ? DEFAULT_DELTA : request.delta();
            guarantee.add(String.format(Locale.ROOT, "(%s, %s)-DP for adding or removing one row: %.6g-zCDP "
                    + "(Gaussian measurements rho = 1/(2 sigma^2) each%s), converted by Canonne-Kamath-Steinke 2020 "
                    + "(the classic rho + 2 sqrt(rho ln(1/delta)) would claim epsilon %.3f); the number of rows is "
                    + "measured with noise, not assumed public", request.epsilon(), delta, dp.rho(),
                    dp instanceof Aim ? ", exponential-mechanism selections eps^2/8 each" : "",
                    Zcdp.classicEpsilon(dp.rho(), delta)));
            String bounds = new java.util.TreeMap<>(request.bounds()).entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()[0] + ":" + e.getValue()[1])
                    .collect(java.util.stream.Collectors.joining(", "));
            guarantee.add("assumed public (the schema): the column names and types, the numeric bounds given ("
                    + bounds + ")" + (dp.leaks().isEmpty() ? "" : ", the label sets of the label columns: "
                    + String.join("; ", dp.leaks())) + "; nothing else is taken from the data outside the budget "
                    + "(no range, point mass or missing-value flag)");
        }
        if (!guarantee.isEmpty()) {
            guarantee.add("not covered: a known --seed (its noise can be replayed: omit --seed for a release), "
                    + "floating-point attacks on the noise samplers (Mironov 2012), an unaudited implementation");
        }
        TableWriter.write(synthetic, request.out());
        Map<String, Object> manifest = new java.util.LinkedHashMap<>();
        manifest.put("command", "table synth");
        manifest.put("input", request.input().toString());
        manifest.put("method", synthesizer instanceof PrivBayes ? "privbayes"
                : request.method().name().toLowerCase(Locale.ROOT));
        manifest.put("epsilon", request.epsilon());
        manifest.put("delta", synthesizer instanceof ZcdpSynthesizer
                ? (request.delta() == null ? DEFAULT_DELTA : request.delta()) : null);
        manifest.put("rho_zcdp", synthesizer instanceof ZcdpSynthesizer dp ? dp.rho() : null);
        manifest.put("seed", request.seedGiven() ? request.seed() : "secret (not recorded)");
        manifest.put("rows_real", real.rows());
        manifest.put("rows_synthetic", synthetic.rows());
        manifest.put("columns", real.columns().stream().map(c -> c.name() + "=" + c.type().label()).toList());
        manifest.put("model", synthesizer.describe());
        manifest.put("privacy_guarantee", guarantee);
        manifest.put("notes", notes);
        try {
            org.genosynth.report.html.HtmlReport.writeText(manifestPath(request.out()),
                    org.genosynth.report.html.Json.write(manifest));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("writing the manifest", e);
        }
        return new Result(real, synthetic, synthesizer.describe(), notes, guarantee);
    }
}
