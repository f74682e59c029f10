package org.genosynth.table.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.genosynth.io.AtomicOutput;
import org.genosynth.table.Column;
import org.genosynth.table.ColumnType;
import org.genosynth.table.DataTable;

/**
 * Writes a table with a header line: tab-separated for {@code .tsv}/{@code .txt}, ARFF for {@code .arff}, comma-separated
 * otherwise; gzipped when the name ends in {@code .gz}. Missing values are {@code NA} ({@code ?} in ARFF). Identifier
 * columns are written as {@code syn1, syn2, ...}, never with real identifiers. Written atomically.
 */
public final class TableWriter {
    private TableWriter() {
    }

    public static void write(DataTable table, Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        try (AtomicOutput out = new AtomicOutput()) {
            Path temp = out.temp(path);
            try (Writer w = open(temp, name.endsWith(".gz"))) {
                if (base.endsWith(".arff")) {
                    writeArff(table, w);
                } else {
                    writeDelimited(table, w, base.endsWith(".tsv") || base.endsWith(".txt") ? '\t' : ',');
                }
            }
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
    }

    private static Writer open(Path temp, boolean gzip) throws IOException {
        var stream = Files.newOutputStream(temp);
        return new BufferedWriter(new OutputStreamWriter(gzip ? new GZIPOutputStream(stream) : stream,
                StandardCharsets.UTF_8), 1 << 16);
    }

    private static void writeDelimited(DataTable t, Writer w, char sep) throws IOException {
        for (int c = 0; c < t.columnCount(); c++) {
            w.write((c == 0 ? "" : String.valueOf(sep)) + quote(t.column(c).name(), sep, '"'));
        }
        w.write('\n');
        for (int r = 0; r < t.rows(); r++) {
            for (int c = 0; c < t.columnCount(); c++) {
                w.write((c == 0 ? "" : String.valueOf(sep)) + quote(cell(t, c, r, "NA"), sep, '"'));
            }
            w.write('\n');
        }
    }

    private static void writeArff(DataTable t, Writer w) throws IOException {
        w.write("@relation synthetic\n\n");
        for (Column c : t.columns()) {
            w.write("@attribute " + quote(c.name(), ' ', '\'') + " " + arffType(c) + "\n");
        }
        w.write("\n@data\n");
        for (int r = 0; r < t.rows(); r++) {
            for (int c = 0; c < t.columnCount(); c++) {
                w.write((c == 0 ? "" : ",") + quote(cell(t, c, r, "?"), ',', '\''));
            }
            w.write('\n');
        }
    }

    private static String arffType(Column c) {
        return switch (c.type()) {
            case NUMERIC, EMPTY -> "numeric";
            case INTEGER -> "integer";
            case DATE -> "date '" + c.datePattern() + "'";
            case ID -> "string";
            default -> {
                StringBuilder sb = new StringBuilder("{");
                for (int i = 0; i < c.levels().size(); i++) {
                    sb.append(i == 0 ? "" : ",").append(quote(c.levels().get(i), ',', '\''));
                }
                yield sb.append('}').toString();
            }
        };
    }

    private static String cell(DataTable t, int c, int r, String missing) {
        Column col = t.column(c);
        if (col.type() == ColumnType.ID) {
            return "syn" + (r + 1);
        }
        return col.format(t.value(c, r), missing);
    }

    private static String quote(String s, char sep, char q) {
        boolean needs = s.isEmpty() && q == '\'' || s.indexOf(sep) >= 0 || s.indexOf(q) >= 0 || s.indexOf('\n') >= 0
                || s.indexOf('\t') >= 0 || s.indexOf(' ') >= 0 && sep != ',' || !s.equals(s.strip())
                || q == '\'' && (s.indexOf(',') >= 0 || s.indexOf('{') >= 0 || s.indexOf('}') >= 0 || s.equals("?"));
        if (!needs) {
            return s;
        }
        String d = String.valueOf(q);
        return q + s.replace(d, d + d) + q;
    }
}
