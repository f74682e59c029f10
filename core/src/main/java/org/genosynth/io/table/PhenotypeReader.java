package org.genosynth.io.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.genosynth.io.InputException;
import org.genosynth.io.LineReader;
import org.genosynth.model.PhenotypeTable;
import org.genosynth.model.Sample;

/**
 * Reads a phenotype or covariate table aligned to the cohort, following plink2's rules. The style is detected from the
 * first line: a header whose first fields are {@code FID IID} or {@code IID} (optionally prefixed by {@code #}) means
 * PLINK style, rows matched to cohort samples by FID and IID, or by IID alone (samples without a row are missing; rows
 * for samples not in the cohort are ignored, with a note of how many); anything else is GEMMA style, plain numeric
 * columns named {@code 1..k} with one row per cohort sample in cohort order, unless its first line starts with the FID
 * and IID of a cohort sample: then it is plink 1's headerless table, {@code FID IID} and values named
 * {@code PHENO1..PHENOk}. Only the requested columns are parsed, so
 * a bad value in another column does no harm. Columns are chosen by name, 1-based number among the value columns,
 * comma lists and plink2-style ranges {@code A-B} (the columns from A to B in file order, e.g. {@code PC1-PC10}).
 * Missing values: {@code NA}, {@code nan}, {@code .}, {@code -9}, empty. In a covariate table with a header, a column of
 * words is categorical, read as indicator columns ({@link CategoricalCovariates}).
 */
public final class PhenotypeReader {
    private static final String HEADER_HINT =
            " (a table with sample IDs needs a header line starting with FID IID, #FID IID or IID)";
    /** The words for the table's columns in errors: "phenotype" or "covariate". */
    private static final String PHENOTYPE = "phenotype";
    private static final String COVARIATE = "covariate";

    private PhenotypeReader() {
    }

    /** Reads every column of {@code file}, aligning its rows to {@code cohortSamples}. */
    public static PhenotypeTable read(Path file, List<Sample> cohortSamples) {
        return read(file, cohortSamples, List.of());
    }

    /**
     * Reads the {@code columns} of {@code file} (names, numbers, comma lists or ranges; empty = every column), in the
     * order given, aligning the rows to {@code cohortSamples}. Only these columns are parsed.
     */
    public static PhenotypeTable read(Path file, List<Sample> cohortSamples, List<String> columns) {
        return read(file, cohortSamples, columns, PHENOTYPE);
    }

    /**
     * As {@link #read(Path, List, List)} for a covariate table: errors about its columns say "covariate column" and
     * name the covariate file.
     */
    public static PhenotypeTable readCovariates(Path file, List<Sample> cohortSamples, List<String> columns) {
        return read(file, cohortSamples, columns, COVARIATE);
    }

    private static PhenotypeTable read(Path file, List<Sample> cohortSamples, List<String> columns, String kind) {
        try (LineReader lines = new LineReader(file)) {
            String first = firstLine(lines, kind);
            TableFields fields = TableFields.forFirstLine(first);
            String[] header = fields.split(first);
            int idColumns = idColumns(header, lines);
            String firstRow = null;
            if (headerless(idColumns, header, cohortSamples)) {
                // plink 1's headerless table: FID IID and values, the columns named PHENO1.. as plink2 names them
                firstRow = first;
                header = plinkNames(header.length);
                idColumns = 2;
            }
            List<String> ids = cohortSamples.stream().map(Sample::id).toList();
            List<String> names = idColumns == 0 ? gemmaNames(header.length)
                    : Arrays.asList(header).subList(idColumns, header.length);
            if (idColumns > 0 && firstRow == null) {
                checkNames(names, lines);
            }
            int[] selected = select(names, columns, file, kind);
            List<String> selectedNames = Arrays.stream(selected).mapToObj(names::get).toList();
            if (idColumns == 0) {
                return new PhenotypeTable(ids, selectedNames,
                        readGemma(lines, fields, header, selected, cohortSamples.size()));
            }
            List<String> notes = new ArrayList<>();
            if (kind.equals(COVARIATE)) {
                // plink2's --glm: a column of words is a categorical covariate, as indicator columns
                String[][] raw = new String[selected.length][cohortSamples.size()];
                long[] lineOf = new long[cohortSamples.size()];
                readPlink(lines, fields, header, firstRow, idColumns, selected, cohortSamples, notes, raw, lineOf);
                CategoricalCovariates.Columns expanded = CategoricalCovariates.expand(file, selectedNames, raw,
                        lineOf);
                notes.addAll(expanded.notes());
                return new PhenotypeTable(ids, expanded.names(), expanded.values(), notes);
            }
            double[][] values = readPlink(lines, fields, header, firstRow, idColumns, selected, cohortSamples, notes,
                    null, null);
            return new PhenotypeTable(ids, selectedNames, values, notes);
        }
    }

    /**
     * The rows of a table with sample IDs, as text: {@code header} its header line (null for plink 1's headerless
     * table), {@code rows[s]} the line of cohort sample {@code s} (null when it has none), {@code notes} as for
     * {@link #read}. Nothing is parsed but the IDs, so columns of words pass unchanged (a split copies the table).
     */
    public record RawRows(String header, String[] rows, List<String> notes) {
    }

    /** The rows of {@code file} per cohort sample ({@link RawRows}), or null for a GEMMA-style table (no IDs). */
    public static RawRows readRows(Path file, List<Sample> cohortSamples) {
        try (LineReader lines = new LineReader(file)) {
            String first = firstLine(lines, PHENOTYPE);
            TableFields fields = TableFields.forFirstLine(first);
            String[] header = fields.split(first);
            int idColumns = idColumns(header, lines);
            boolean headerless = headerless(idColumns, header, cohortSamples);
            if (idColumns == 0 && !headerless) {
                return null;
            }
            if (headerless) {
                idColumns = 2;
            } else {
                checkNames(Arrays.asList(header).subList(idColumns, header.length), lines);
            }
            String[] rows = new String[cohortSamples.size()];
            List<String> notes = new ArrayList<>();
            matchRows(lines, fields, header.length, headerless ? first : null, idColumns, cohortSamples, notes,
                    (sample, f, text) -> rows[sample] = text);
            return new RawRows(headerless ? null : first, rows, notes);
        }
    }

    /** Reads the one column {@code column} (a name or number) of {@code file}: a table with exactly one column. */
    public static PhenotypeTable readOne(Path file, List<Sample> cohortSamples, String column) {
        PhenotypeTable t = read(file, cohortSamples, List.of(column));
        if (t.columnCount() != 1) {
            throw InputException.inFile(file, "'" + column + "' names " + t.columnCount()
                    + " columns where one phenotype column is needed");
        }
        return t;
    }

    /**
     * The 0-based indices of the value columns {@code specs} name: each spec is a comma list of names, 1-based
     * numbers, or ranges {@code A-B} of either (file order, inclusive); a name that contains a dash is taken as a name
     * first. Empty specs select every column.
     */
    public static int[] select(List<String> names, List<String> specs, Path file) {
        return select(names, specs, file, PHENOTYPE);
    }

    private static int[] select(List<String> names, List<String> specs, Path file, String kind) {
        if (specs == null || specs.isEmpty()) {
            return IntStream.range(0, names.size()).toArray();
        }
        List<Integer> out = new ArrayList<>();
        for (String spec : specs) {
            for (String part : spec.split(",")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                int single = index(names, p);
                if (single >= 0) {
                    out.add(single);
                    continue;
                }
                int[] range = range(names, p);
                if (range == null) {
                    throw unknown(names, p, file, kind);
                }
                if (range[0] > range[1]) {
                    throw InputException.inFile(file, "column range '" + p + "' runs backwards: '"
                            + names.get(range[0]) + "' comes after '" + names.get(range[1]) + "' in the file");
                }
                for (int c = range[0]; c <= range[1]; c++) {
                    out.add(c);
                }
            }
        }
        if (out.isEmpty()) {
            throw InputException.inFile(file, "no " + kind + " column given");
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The 0-based index of a column given by name or by 1-based number among the value columns (GEMMA's {@code -n}
     * convention: 1 is the first value column).
     */
    public static int resolveColumn(PhenotypeTable table, String nameOrNumber, Path file) {
        int c = index(table.names(), nameOrNumber.strip());
        if (c < 0) {
            throw unknown(table.names(), nameOrNumber, file, PHENOTYPE);
        }
        return c;
    }

    private static int index(List<String> names, String nameOrNumber) {
        int byName = names.indexOf(nameOrNumber);
        if (byName >= 0) {
            return byName;
        }
        try {
            int n = Integer.parseInt(nameOrNumber);
            if (n >= 1 && n <= names.size()) {
                return n - 1;
            }
        } catch (NumberFormatException ignored) {
            // not a number
        }
        return -1;
    }

    /** {@code [from, to]} for a spec {@code A-B} whose ends are both columns, else null. */
    private static int[] range(List<String> names, String spec) {
        for (int dash = spec.indexOf('-', 1); dash > 0 && dash < spec.length() - 1;
                dash = spec.indexOf('-', dash + 1)) {
            int from = index(names, spec.substring(0, dash));
            int to = index(names, spec.substring(dash + 1));
            if (from >= 0 && to >= 0) {
                return new int[] {from, to};
            }
        }
        return null;
    }

    private static InputException unknown(List<String> names, String spec, Path file, String kind) {
        return InputException.inFile(file, "no " + kind + " column '" + spec + "'"
                + (kind.equals(COVARIATE) ? " in the covariate file" : "") + "; available: "
                + String.join(", ", names) + " (or a number 1.." + names.size() + ", a list A,B or a range A-B)");
    }

    /** The table's first non-blank line; an empty table is an error. */
    private static String firstLine(LineReader lines, String kind) {
        String first = lines.nextNonBlank();
        if (first == null) {
            throw InputException.inFile(lines.path(), kind + " file is empty");
        }
        return first;
    }

    /** 2 for {@code FID IID}, 1 for {@code IID}, 0 for no header. */
    private static int idColumns(String[] header, LineReader lines) {
        String first = header[0].startsWith("#") ? header[0].substring(1) : header[0];
        switch (first.toUpperCase(Locale.ROOT)) {
            case "FID":
                if (header.length < 2 || !header[1].equalsIgnoreCase("IID")) {
                    throw lines.error(null, "a header starting with FID must continue with IID");
                }
                return 2;
            case "IID":
                return 1;
            default:
                return 0;
        }
    }

    private static List<String> gemmaNames(int k) {
        List<String> names = new ArrayList<>(k);
        for (int c = 1; c <= k; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    private static void checkNames(List<String> names, LineReader lines) {
        if (names.isEmpty()) {
            throw lines.error(null, "the header names no value columns after the sample IDs");
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (n.isEmpty() || !seen.add(n)) {
                throw lines.error(n, n.isEmpty() ? "empty column name" : "column name appears twice");
            }
        }
    }

    private static double[][] readGemma(LineReader lines, TableFields fields, String[] firstRow, int[] selected,
                                        int cohortSize) {
        int width = firstRow.length;
        int k = selected.length;
        List<double[]> rows = new ArrayList<>();
        String[] f = firstRow;
        while (f != null) {
            checkWidth(f, width, lines);
            double[] row = new double[k];
            String hint = lines.lineNumber() == 1 && !looksNumeric(f[0]) ? HEADER_HINT : "";
            for (int c = 0; c < k; c++) {
                row[c] = TableFields.value(f[selected[c]], lines, Integer.toString(selected[c] + 1), hint);
            }
            rows.add(row);
            String line = lines.nextNonBlank();
            f = line == null ? null : fields.split(line);
        }
        if (rows.size() != cohortSize) {
            throw InputException.inFile(lines.path(), "has " + rows.size() + " rows but the genotype data has "
                    + cohortSize + " samples: a table without a header needs one row per sample, in genotype order");
        }
        double[][] columns = new double[k][cohortSize];
        for (int r = 0; r < cohortSize; r++) {
            for (int c = 0; c < k; c++) {
                columns[c][r] = rows.get(r)[c];
            }
        }
        return columns;
    }

    /**
     * The selected columns' values in cohort order (NaN where a sample has no row); with {@code raw}, their field texts
     * go there instead (null where no row) and the row's line to {@code lineOf}, and the values are not parsed.
     */
    /**
     * The selected columns' values in cohort order (NaN where a sample has no row); with {@code raw}, their field texts
     * go there instead (null where no row) and the row's line to {@code lineOf}, and the values are not parsed.
     */
    private static double[][] readPlink(LineReader lines, TableFields fields, String[] header, String firstRow,
                                        int idColumns, int[] selected, List<Sample> cohort, List<String> notes,
                                        String[][] raw, long[] lineOf) {
        double[][] columns = new double[selected.length][cohort.size()];
        for (double[] c : columns) {
            Arrays.fill(c, Double.NaN);
        }
        matchRows(lines, fields, header.length, firstRow, idColumns, cohort, notes, (s, f, text) -> {
            for (int c = 0; c < selected.length; c++) {
                int field = idColumns + selected[c];
                if (raw != null) {
                    raw[c][s] = f[field];
                    lineOf[s] = lines.lineNumber();
                } else {
                    columns[c][s] = TableFields.value(f[field], lines, header[field], "");
                }
            }
        });
        return columns;
    }

    /** A data row matched to cohort sample {@code sample}: its fields and its text. */
    private interface RowVisitor {
        void row(int sample, String[] fields, String text);
    }

    /**
     * Reads the data rows (from {@code firstRow}'s text when the table has no header line, else from the next line),
     * matching each to a cohort sample by FID and IID, or by IID alone when that IID is unique in the cohort (one note
     * of how many: plink2 would not match those): a row for a sample not in the cohort is ignored (one note of how
     * many; an error when no row names a cohort sample), a second row for a sample is an error. {@code visit} gets every matched row while {@code lines} is at it.
     */
    private static void matchRows(LineReader lines, TableFields fields, int width, String firstRow, int idColumns,
                                  List<Sample> cohort, List<String> notes, RowVisitor visit) {
        CohortIndex index = new CohortIndex(cohort);
        long[] seenAt = new long[cohort.size()];
        int ignored = 0;
        int byIidAlone = 0;
        for (String line = firstRow != null ? firstRow : lines.nextNonBlank(); line != null;
                line = lines.nextNonBlank()) {
            String[] f = fields.split(line);
            checkWidth(f, width, lines);
            int s = index.find(idColumns == 2 ? f[0] : null, f[idColumns - 1], lines);
            if (s < 0) {
                ignored++;
                continue;
            }
            if (seenAt[s] != 0) {
                throw lines.error("IID", "sample '" + f[idColumns - 1] + "' already has a row (line " + seenAt[s]
                        + ")");
            }
            seenAt[s] = lines.lineNumber();
            if (idColumns == 2 && !index.has(f[0], f[1])) {
                byIidAlone++;
            }
            visit.row(s, f, line);
        }
        if (ignored > 0 && Arrays.stream(seenAt).allMatch(at -> at == 0)) {
            throw InputException.inFile(lines.path(), "none of its " + ignored + " rows names a sample of the "
                    + "genotype file (" + cohort.size() + " samples" + (cohort.isEmpty() ? "" : ", e.g. '"
                    + cohort.get(0).id() + "'") + "); check the IDs");
        }
        if (ignored > 0) {
            notes.add(lines.path().getFileName() + ": " + ignored + " rows for samples not in the genotype file "
                    + "ignored");
        }
        if (byIidAlone > 0) {
            // plink2 would not match these: say so rather than match them silently
            notes.add(lines.path().getFileName() + ": " + byIidAlone + " rows matched by IID alone (their FID is not "
                    + "the genotype file's)");
        }
    }

    /** Whether a table without a header is plink 1's: its first line starts with a cohort sample's FID and IID. */
    private static boolean headerless(int idColumns, String[] firstLine, List<Sample> cohort) {
        return idColumns == 0 && firstLine.length >= 3 && new CohortIndex(cohort).has(firstLine[0], firstLine[1]);
    }

    /** {@code FID IID PHENO1 .. PHENOk} for a headerless plink 1 table of {@code width} fields. */
    private static String[] plinkNames(int width) {
        String[] names = new String[width];
        names[0] = "FID";
        names[1] = "IID";
        for (int c = 2; c < width; c++) {
            names[c] = "PHENO" + (c - 1);
        }
        return names;
    }

    private static boolean looksNumeric(String field) {
        return TableFields.isDecimal(field);
    }

    private static void checkWidth(String[] f, int width, LineReader lines) {
        if (f.length != width) {
            throw lines.error(null, "expected " + width + " fields like the first line, found " + f.length);
        }
    }
}
