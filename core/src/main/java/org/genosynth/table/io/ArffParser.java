package org.genosynth.table.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.genosynth.io.InputException;
import org.genosynth.io.LineReader;

/**
 * Reads Weka's ARFF: {@code @attribute} lines (numeric, real, integer, nominal {@code {a,b}}, string, date [pattern])
 * and dense {@code @data} rows, {@code ?} missing, {@code %} comments. Sparse and relational data are refused.
 */
final class ArffParser {
    /** ARFF's default date format. */
    static final String DEFAULT_DATE = "yyyy-MM-dd'T'HH:mm:ss";

    private ArffParser() {
    }

    static boolean isArff(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".arff") || name.endsWith(".arff.gz");
    }

    static RawTable parse(Path path) {
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        boolean data = false;
        try (LineReader reader = new LineReader(path)) {
            String line;
            while ((line = reader.next()) != null) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("%")) {
                    continue;
                }
                if (!data) {
                    String lower = t.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("@relation")) {
                        continue;
                    } else if (lower.startsWith("@attribute")) {
                        attribute(t.substring("@attribute".length()).strip(), names, types, reader);
                    } else if (lower.startsWith("@data")) {
                        data = true;
                    } else {
                        throw reader.error(null, "expected @relation, @attribute or @data in the ARFF header, got '"
                                + abbreviate(t) + "'");
                    }
                    continue;
                }
                if (t.startsWith("{")) {
                    throw reader.error(null, "sparse ARFF rows are not supported; write the data densely");
                }
                String[] cells = DelimitedParser.splitQuoted(t, ',', t.indexOf('\'') >= 0 ? '\'' : '"', path,
                        reader.lineNumber());
                if (cells.length != names.size()) {
                    throw reader.error(null, "this row has " + cells.length + " values but " + names.size()
                            + " attributes are declared");
                }
                rows.add(cells);
                lines.add(reader.lineNumber());
            }
        }
        if (names.isEmpty()) {
            throw InputException.inFile(path, "the ARFF file declares no @attribute (is it empty?)");
        }
        if (rows.isEmpty()) {
            throw InputException.inFile(path, "the ARFF file has no data rows after @data");
        }
        return new RawTable(path, names, rows, lines.stream().mapToLong(Long::longValue).toArray(), types);
    }

    private static void attribute(String rest, List<String> names, List<String> types, LineReader reader) {
        String name;
        String type;
        if (rest.startsWith("'") || rest.startsWith("\"")) {
            int end = rest.indexOf(rest.charAt(0), 1);
            if (end < 0) {
                throw reader.error(null, "unterminated attribute name");
            }
            name = rest.substring(1, end);
            type = rest.substring(end + 1).strip();
        } else {
            String[] parts = rest.split("\\s+", 2);
            name = parts[0];
            type = parts.length > 1 ? parts[1].strip() : "";
        }
        String lower = type.toLowerCase(Locale.ROOT);
        if (type.startsWith("{")) {
            types.add(type);
        } else if (lower.equals("numeric") || lower.equals("real") || lower.equals("integer")) {
            types.add(lower.equals("integer") ? "integer" : null);
        } else if (lower.equals("string")) {
            types.add(null);
        } else if (lower.startsWith("date")) {
            String pattern = type.substring(4).strip();
            types.add("date:" + (pattern.isEmpty() ? DEFAULT_DATE : TypeInference.unquote(pattern)));
        } else {
            throw reader.error(name, "unsupported ARFF attribute type '" + type + "' (numeric, real, integer, "
                    + "string, date, {nominal} are supported)");
        }
        names.add(name);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
