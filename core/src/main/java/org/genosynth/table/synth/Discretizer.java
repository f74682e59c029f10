package org.genosynth.table.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.genosynth.table.Column;
import org.genosynth.table.DataTable;
import org.hipparchus.random.RandomGenerator;

/**
 * The discrete domain of one column for the differentially private synthesizers: labels as they are; numbers as their
 * point masses ({@link PointMasses}: one code per atom, so a 0 or an upper limit comes back exactly) followed by
 * {@code bins} equal-width bins over the continuous part's range (given by the user, else taken from the data); one
 * more code for "missing" when the column has a missing cell. What the domain reveals about the data is listed by
 * {@link #leaks}.
 */
final class Discretizer {
    final Column column;
    final int[] codes;
    final int size;
    private final double[] atoms;
    private final double[] edges;
    private final boolean hasMissing;
    final List<String> leaks = new ArrayList<>();

    /**
     * @param bins   bins of the continuous part of a numeric column
     * @param bounds user-given {min, max} by column name (not taken from the data)
     */
    Discretizer(DataTable real, int c, int bins, Map<String, double[]> bounds) {
        column = real.column(c);
        double[] v = real.values(c);
        ColumnStats stats = new ColumnStats(v);
        hasMissing = stats.missing > 0;
        if (hasMissing) {
            leaks.add(column.name() + ": whether any value is missing");
        }
        int base;
        if (column.type().isDiscrete()) {
            base = column.levels().size();
            atoms = new double[0];
            edges = null;
            leaks.add(column.name() + ": the set of labels (" + base + ")");
        } else {
            PointMasses masses = PointMasses.of(stats.sorted);
            atoms = masses.atoms;
            if (atoms.length > 0) {
                leaks.add(column.name() + ": which values are point masses (" + Arrays.stream(atoms)
                        .mapToObj(a -> column.format(a, "NA")).reduce((a, b) -> a + ", " + b).orElse("") + ")");
            }
            double[] b = bounds.get(column.name());
            double lo;
            double hi;
            if (b != null) {
                lo = b[0];
                hi = b[1];
            } else {
                lo = masses.low;
                hi = masses.high;
                leaks.add(column.name() + ": minimum and maximum of the non-atom values (" + column.format(lo, "NA")
                        + ", " + column.format(hi, "NA") + ")");
            }
            int nb = masses.rest.length == 0 && b == null ? 0 : hi > lo ? bins : 1;
            edges = new double[nb + 1];
            for (int i = 0; i <= nb; i++) {
                edges[i] = nb == 0 ? lo : lo + (hi - lo) * i / nb;
            }
            base = atoms.length + nb;
        }
        size = base + (hasMissing ? 1 : 0);
        codes = new int[v.length];
        for (int r = 0; r < v.length; r++) {
            codes[r] = encode(v[r], base);
        }
    }

    private int encode(double x, int base) {
        if (Double.isNaN(x)) {
            return base;
        }
        if (column.type().isDiscrete()) {
            return (int) x;
        }
        int a = Arrays.binarySearch(atoms, x);
        if (a >= 0) {
            return a;
        }
        int nb = edges.length - 1;
        if (nb == 0) {
            return 0;
        }
        double t = (x - edges[0]) / (edges[nb] - edges[0]);
        return atoms.length + (nb == 1 ? 0 : Math.max(0, Math.min(nb - 1, (int) Math.floor(t * nb))));
    }

    /** The code of a value's bin among the bins of the continuous part (for coarsening), or -1 for others. */
    int bin(int code) {
        int b = code - atoms.length;
        return column.type().isDiscrete() || b < 0 || b >= edges.length - 1 ? -1 : b;
    }

    /** Whether {@code code} is the missing code. */
    boolean isMissing(int code) {
        return hasMissing && code == size - 1;
    }

    /** A value for {@code code}: the label, the atom, a number drawn within the bin (rounded), or NaN. */
    double decode(int code, RandomGenerator rng) {
        if (isMissing(code)) {
            return Double.NaN;
        }
        if (column.type().isDiscrete()) {
            return code;
        }
        if (code < atoms.length) {
            return atoms[code];
        }
        int b = code - atoms.length;
        double lo = edges[b];
        double hi = edges[b + 1];
        double x = lo + rng.nextDouble() * (hi - lo);
        return column.round(Math.max(edges[0], Math.min(edges[edges.length - 1], x)));
    }

    /** Bins of the continuous part (0 for label columns). */
    int bins() {
        return edges == null ? 0 : edges.length - 1;
    }

    int atomCount() {
        return atoms.length;
    }
}
