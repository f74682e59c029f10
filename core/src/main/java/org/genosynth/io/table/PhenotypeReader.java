package org.genosynth.io.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.genosynth.io.InputException;
import org.genosynth.io.LineReader;
import org.genosynth.model.PhenotypeTable;
import org.genosynth.model.Sample;

/**
 * Reads a phenotype or covariate table aligned to the cohort. The style is detected from the first line: a header whose
 * first fields are {@code FID IID} or {@code IID} (optionally prefixed by {@code #}) means PLINK style, rows matched to
 * cohort samples by ID (samples without a row are missing); anything else is GEMMA style, plain numeric columns
 * named {@code 1..k} with one row per cohort sample in cohort order. Missing values: {@code NA}, {@code nan}, {@code .},
 * {@code -9}, empty.
 */
public final class PhenotypeReader {
    private static final String HEADER_HINT =
            " (a table with sample IDs needs a header line starting with FID IID, #FID IID or IID)";

    private PhenotypeReader() {
    }

    /** Reads {@code file}, aligning its rows to {@code cohortSamples}. */
    public static PhenotypeTable read(Path file, List<Sample> cohortSamples) {
        try (LineReader lines = new LineReader(file)) {
            String first = lines.nextNonBlank();
            if (first == null) {
                throw InputException.inFile(file, "phenotype file is empty");
            }
            TableFields fields = TableFields.forFirstLine(first);
            String[] header = fields.split(first);
            int idColumns = idColumns(header, lines);
            List<String> ids = cohortSamples.stream().map(Sample::id).toList();
            if (idColumns == 0) {
                return new PhenotypeTable(ids, gemmaNames(header.length),
                        readGemma(lines, fields, header, cohortSamples.size()));
            }
            List<String> names = Arrays.asList(header).subList(idColumns, header.length);
            checkNames(names, lines);
            return new PhenotypeTable(ids, names, readPlink(lines, fields, header, idColumns, cohortSamples));
        }
    }

    /**
     * The 0-based index of a column given by name or by 1-based number among the value columns (GEMMA's {@code -n}
     * convention: 1 is the first value column).
     */
    public static int resolveColumn(PhenotypeTable table, String nameOrNumber, Path file) {
        int byName = table.indexOf(nameOrNumber);
        if (byName >= 0) {
            return byName;
        }
        try {
            int n = Integer.parseInt(nameOrNumber.strip());
            if (n >= 1 && n <= table.columnCount()) {
                return n - 1;
            }
        } catch (NumberFormatException ignored) {
            // not a number: reported below with the available names
        }
        throw InputException.inFile(file, "no phenotype column '" + nameOrNumber + "'; available: "
                + String.join(", ", table.names()) + " (or a number 1.." + table.columnCount() + ")");
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

    private static double[][] readGemma(LineReader lines, TableFields fields, String[] firstRow, int cohortSize) {
        int k = firstRow.length;
        List<double[]> rows = new ArrayList<>();
        String[] f = firstRow;
        while (f != null) {
            checkWidth(f, k, lines);
            double[] row = new double[k];
            for (int c = 0; c < k; c++) {
                row[c] = TableFields.value(f[c], lines, Integer.toString(c + 1),
                        lines.lineNumber() == 1 ? HEADER_HINT : "");
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

    private static double[][] readPlink(LineReader lines, TableFields fields, String[] header, int idColumns,
                                        List<Sample> cohort) {
        int width = header.length;
        CohortIndex index = new CohortIndex(cohort);
        double[][] columns = new double[width - idColumns][cohort.size()];
        for (double[] c : columns) {
            Arrays.fill(c, Double.NaN);
        }
        long[] seenAt = new long[cohort.size()];
        String line;
        while ((line = lines.nextNonBlank()) != null) {
            String[] f = fields.split(line);
            checkWidth(f, width, lines);
            String fid = idColumns == 2 ? f[0] : null;
            int s = index.find(fid, f[idColumns - 1], lines);
            if (seenAt[s] != 0) {
                throw lines.error("IID", "sample '" + f[idColumns - 1] + "' already has a row (line " + seenAt[s]
                        + ")");
            }
            seenAt[s] = lines.lineNumber();
            for (int c = idColumns; c < width; c++) {
                columns[c - idColumns][s] = TableFields.value(f[c], lines, header[c], "");
            }
        }
        return columns;
    }

    private static void checkWidth(String[] f, int width, LineReader lines) {
        if (f.length != width) {
            throw lines.error(null, "expected " + width + " fields like the first line, found " + f.length);
        }
    }
}
