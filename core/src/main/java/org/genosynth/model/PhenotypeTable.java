package org.genosynth.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Numeric phenotype or covariate columns aligned to a list of samples; {@code NaN} marks a missing value.
 *
 * @param sampleIds the IIDs of the rows, in cohort order
 * @param names     column names
 * @param columns   {@code columns[c][row]}
 * @param notes     what the reader ignored (rows for samples not in the cohort), one line each
 */
public record PhenotypeTable(List<String> sampleIds, List<String> names, double[][] columns, List<String> notes)
        implements java.io.Serializable {
    public PhenotypeTable {
        sampleIds = List.copyOf(sampleIds);
        names = List.copyOf(names);
        notes = List.copyOf(notes);
        Objects.requireNonNull(columns);
        if (columns.length != names.size()) {
            throw new IllegalArgumentException(columns.length + " columns but " + names.size() + " names");
        }
        for (double[] c : columns) {
            if (c.length != sampleIds.size()) {
                throw new IllegalArgumentException("column length " + c.length + " != " + sampleIds.size() + " rows");
            }
        }
    }

    public PhenotypeTable(List<String> sampleIds, List<String> names, double[][] columns) {
        this(sampleIds, names, columns, List.of());
    }

    /** A table with no columns. */
    public static PhenotypeTable empty(List<String> sampleIds) {
        return new PhenotypeTable(sampleIds, List.of(), new double[0][]);
    }

    public int columnCount() {
        return names.size();
    }

    public int rowCount() {
        return sampleIds.size();
    }

    /** One column by 0-based index. */
    public double[] column(int index) {
        return columns[index];
    }

    /** Index of a column by name, or -1. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    /** Number of non-missing values in a column. */
    public int observedCount(int index) {
        return (int) Arrays.stream(columns[index]).filter(v -> !Double.isNaN(v)).count();
    }

    /** The rows {@code keep} (indices into this table), in that order. */
    public PhenotypeTable selectRows(int[] keep) {
        String[] ids = new String[keep.length];
        double[][] cols = new double[columns.length][keep.length];
        for (int j = 0; j < keep.length; j++) {
            ids[j] = sampleIds.get(keep[j]);
            for (int c = 0; c < columns.length; c++) {
                cols[c][j] = columns[c][keep[j]];
            }
        }
        return new PhenotypeTable(Arrays.asList(ids), names, cols, notes);
    }
}
