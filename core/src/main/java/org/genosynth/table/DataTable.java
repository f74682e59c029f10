package org.genosynth.table;

import java.util.ArrayList;
import java.util.List;

/**
 * A small mixed-type table held column by column: {@code data[c][r]} is the value of row {@code r} in column
 * {@code c} (see {@link Column} for how values are coded; NaN = missing).
 */
public final class DataTable {
    private final List<Column> columns;
    private final double[][] data;
    private final int rows;

    public DataTable(List<Column> columns, double[][] data) {
        if (columns.size() != data.length) {
            throw new IllegalArgumentException(columns.size() + " columns but " + data.length + " value arrays");
        }
        this.columns = List.copyOf(columns);
        this.data = data;
        this.rows = data.length == 0 ? 0 : data[0].length;
        for (double[] d : data) {
            if (d.length != rows) {
                throw new IllegalArgumentException("columns of different lengths");
            }
        }
    }

    public List<Column> columns() {
        return columns;
    }

    public Column column(int c) {
        return columns.get(c);
    }

    public int columnCount() {
        return columns.size();
    }

    public int rows() {
        return rows;
    }

    /** The values of column {@code c} (shared, not copied). */
    public double[] values(int c) {
        return data[c];
    }

    public double value(int c, int r) {
        return data[c][r];
    }

    /** Index of the column named {@code name}, or -1. */
    public int indexOf(String name) {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).name().equals(name)) {
                return c;
            }
        }
        return -1;
    }

    /** Indices of the columns that models and scores use (not identifiers, not empty columns). */
    public int[] modelledColumns() {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).type().isModelled()) {
                out.add(c);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The rows at {@code index}, in that order. */
    public DataTable selectRows(int[] index) {
        double[][] out = new double[data.length][index.length];
        for (int c = 0; c < data.length; c++) {
            for (int i = 0; i < index.length; i++) {
                out[c][i] = data[c][index[i]];
            }
        }
        return new DataTable(columns, out);
    }

    /** The same values with other column descriptions (e.g. levels extended). */
    public DataTable withColumns(List<Column> newColumns) {
        return new DataTable(newColumns, data);
    }
}
