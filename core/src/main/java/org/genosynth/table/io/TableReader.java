package org.genosynth.table.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genosynth.io.InputException;
import org.genosynth.table.Column;
import org.genosynth.table.ColumnType;
import org.genosynth.table.DataTable;

/**
 * Reads a small table (CSV, TSV, space-separated, with or without header, or ARFF; gzipped or not) into a
 * {@link DataTable}, inferring column types (see {@link TypeInference}) unless declared.
 */
public final class TableReader {
    private TableReader() {
    }

    /** Reads {@code path}, inferring the types of the columns not declared in {@code options}. */
    public static DataTable read(Path path, TableReadOptions options) {
        RawTable raw = parse(path, options);
        List<Column> columns = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (int c = 0; c < raw.names().size(); c++) {
            String name = raw.names().get(c);
            String declared = options.types().get(name);
            if (declared == null && raw.declaredTypes() != null) {
                declared = raw.declaredTypes().get(c);
            }
            if ("skip".equalsIgnoreCase(declared)) {
                continue;
            }
            Set<String> missing = missingOf(options, name);
            TypeInference.Result r = TypeInference.infer(path, name, cells(raw, c, options), raw.lines(), declared,
                    missing);
            columns.add(r.column());
            values.add(r.values());
        }
        if (columns.isEmpty()) {
            throw InputException.inFile(path, "no column left to read (all skipped)");
        }
        return new DataTable(columns, values.toArray(new double[0][]));
    }

    /**
     * Reads {@code path} with the columns (names, types, formats) of {@code reference}: a synthetic or holdout table to
     * compare with it. Labels not seen in the reference are added to the levels (after the reference's own).
     */
    public static DataTable readLike(Path path, TableReadOptions options, DataTable reference) {
        RawTable raw = parse(path, options);
        List<Column> columns = new ArrayList<>();
        double[][] values = new double[reference.columnCount()][];
        for (int k = 0; k < reference.columnCount(); k++) {
            Column ref = reference.column(k);
            int c = raw.names().indexOf(ref.name());
            if (c < 0) {
                throw InputException.inFile(path, "has no column '" + ref.name() + "' (its columns: "
                        + String.join(", ", raw.names()) + "); both tables need the same column names");
            }
            String[] cells = cells(raw, c, options);
            Set<String> missing = missingOf(options, ref.name());
            double[] v = new double[cells.length];
            List<String> levels = new ArrayList<>(ref.levels());
            Map<String, Integer> code = new HashMap<>();
            for (int i = 0; i < levels.size(); i++) {
                code.put(levels.get(i), i);
            }
            for (int r = 0; r < cells.length; r++) {
                String s = cells[r];
                if (missing.contains(s) || !ref.type().isModelled()) {
                    v[r] = Double.NaN;
                    continue;
                }
                v[r] = switch (ref.type()) {
                    case NUMERIC, INTEGER -> TypeInference.number(s);
                    case DATE -> ref.parseDate(s);
                    default -> code.computeIfAbsent(s, x -> {
                        levels.add(x);
                        return levels.size() - 1;
                    });
                };
                if (Double.isNaN(v[r])) {
                    throw new InputException(path, raw.lines()[r], ref.name(), "'" + s + "' is not "
                            + (ref.type() == ColumnType.DATE ? "a date of the form " + ref.datePattern()
                                    : "a number") + ", as the column is in the real table");
                }
            }
            values[k] = v;
            columns.add(ref.withLevels(levels));
        }
        return new DataTable(columns, values);
    }

    private static RawTable parse(Path path, TableReadOptions options) {
        RawTable raw = ArffParser.isArff(path) ? ArffParser.parse(path) : DelimitedParser.parse(path, options);
        List<String> names = raw.names();
        if (options.names() != null) {
            if (options.names().size() != names.size()) {
                throw InputException.usage("--names gives " + options.names().size() + " names but " + path
                        + " has " + names.size() + " columns");
            }
            names = options.names();
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new InputException(path, 1, n, "column name appears twice; names must be unique");
            }
        }
        for (String declared : options.columnMissing().keySet()) {
            if (!seen.contains(declared)) {
                throw InputException.usage("--na-col names column '" + declared + "' but " + path
                        + " has no such column (its columns: " + String.join(", ", names) + ")");
            }
        }
        for (String declared : options.types().keySet()) {
            if (!seen.contains(declared)) {
                throw InputException.usage("--type names column '" + declared + "' but " + path
                        + " has no such column (its columns: " + String.join(", ", names) + ")");
            }
        }
        if (raw.rows().size() < 2) {
            throw InputException.inFile(path, "has " + raw.rows().size() + " data rows; a table needs a header "
                    + "and at least 2 rows");
        }
        return new RawTable(raw.path(), names, raw.rows(), raw.lines(), raw.declaredTypes());
    }

    /**
     * The cells of column {@code c}; a cell equal to one of the column's own missing codes, or a number equal to a
     * numeric code ({@code 0.0} for the code {@code 0}), is replaced by that code.
     */
    private static String[] cells(RawTable raw, int c, TableReadOptions options) {
        Set<String> codes = options.columnMissing().getOrDefault(raw.names().get(c), Set.of());
        List<String> numericCodes = codes.stream().filter(s -> !Double.isNaN(TypeInference.number(s))).sorted()
                .toList();
        String[] out = new String[raw.rows().size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = raw.rows().get(r)[c].strip();
            if (!numericCodes.isEmpty() && !codes.contains(out[r])) {
                double v = TypeInference.number(out[r]);
                for (String code : numericCodes) {
                    if (v == TypeInference.number(code)) {
                        out[r] = code;
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The texts that mean "missing" in the column named {@code name}: the global ones and its own. */
    private static Set<String> missingOf(TableReadOptions options, String name) {
        Set<String> own = options.columnMissing().get(name);
        if (own == null || own.isEmpty()) {
            return options.missing();
        }
        Set<String> all = new HashSet<>(options.missing());
        all.addAll(own);
        return all;
    }
}
