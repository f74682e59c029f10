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
 * point masses ({@link PointMasses#forPrivacy()}: those at the ends of the column, so a 0 or an upper limit comes back
 * exactly, and inner values held by at least 10% of the rows) and {@code bins} equal-width bins over the continuous
 * part's range (given by the user, else taken from the data), codes in value order (bins by their middle); one more
 * code, the last, for "missing" when the column has a missing cell. What the domain reveals about the data is listed
 * by {@link #leaks}.
 */
final class Discretizer {
    final Column column;
    final int[] codes;
    final int size;
    private final double[] atoms;
    private final double[] edges;
    /** Code of each atom and of each bin (numbers only). */
    private final int[] atomCode;
    private final int[] binCode;
    /** For each code: the atom index, or -1 - bin index. */
    private final int[] meaning;
    private final boolean hasMissing;
    /** Whether the domain is the public schema's ({@link #ofPublicDomain}). */
    private final boolean publicDomain;
    final List<String> leaks = new ArrayList<>();

    /**
     * @param bins   bins of the continuous part of a numeric column
     * @param bounds user-given {min, max} by column name (not taken from the data)
     */
    Discretizer(DataTable real, int c, int bins, Map<String, double[]> bounds) {
        this(real, c, bins, bounds, false);
    }

    /**
     * The domain of the public schema only (AIM): the user-given bounds {@code [lo, hi]} of every number (required),
     * cut into {@code bins} equal-width bins, with the bounds themselves as two codes of their own (a value piling up
     * at an end, such as 0 or an assay's limit, comes back exactly; values outside the bounds are clamped to them);
     * labels as declared by the column's type; a "missing" code for every column. Nothing about it is taken from the
     * data, so it needs no budget; codes the data does not use get near-zero estimates from the noisy counts.
     */
    static Discretizer ofPublicDomain(DataTable real, int c, int bins, Map<String, double[]> bounds) {
        return new Discretizer(real, c, bins, bounds, true);
    }

    private Discretizer(DataTable real, int c, int bins, Map<String, double[]> bounds, boolean publicDomain) {
        column = real.column(c);
        this.publicDomain = publicDomain;
        double[] v = real.values(c);
        ColumnStats stats = new ColumnStats(v);
        hasMissing = publicDomain || stats.missing > 0;
        if (hasMissing && !publicDomain) {
            leaks.add(column.name() + ": whether any value is missing");
        }
        int base;
        if (publicDomain && !column.type().isDiscrete()) {
            double[] b = bounds.get(column.name());
            if (b == null) {
                throw new IllegalArgumentException("no public bounds for numeric column '" + column.name() + "'");
            }
            atoms = new double[] {b[0], b[1]};
            edges = new double[bins + 1];
            for (int i = 0; i <= bins; i++) {
                edges[i] = b[0] + (b[1] - b[0]) * i / bins;
            }
            base = bins + 2;
            atomCode = new int[] {0, bins + 1};
            binCode = new int[bins];
            meaning = new int[base];
            meaning[0] = 0;
            meaning[bins + 1] = 1;
            for (int k = 0; k < bins; k++) {
                binCode[k] = k + 1;
                meaning[k + 1] = -1 - k;
            }
        } else if (column.type().isDiscrete()) {
            base = column.levels().size();
            atoms = new double[0];
            edges = null;
            atomCode = new int[0];
            binCode = new int[0];
            meaning = new int[0];
            leaks.add(column.name() + ": the set of labels (" + base + ")");
        } else {
            PointMasses masses = PointMasses.of(stats.sorted).forPrivacy();
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
            // value order: atoms at their value, bins at their middle
            Integer[] order = new Integer[base];
            double[] position = new double[base];
            for (int k = 0; k < base; k++) {
                order[k] = k;
                position[k] = k < atoms.length ? atoms[k] : (edges[k - atoms.length] + edges[k - atoms.length + 1]) / 2;
            }
            Arrays.sort(order, (x, y) -> Double.compare(position[x], position[y]));
            atomCode = new int[atoms.length];
            binCode = new int[nb];
            meaning = new int[base];
            for (int code = 0; code < base; code++) {
                int k = order[code];
                if (k < atoms.length) {
                    atomCode[k] = code;
                    meaning[code] = k;
                } else {
                    binCode[k - atoms.length] = code;
                    meaning[code] = -1 - (k - atoms.length);
                }
            }
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
        if (publicDomain) {
            // the bounds are codes of their own, values beyond them clamped
            if (x <= atoms[0]) {
                return atomCode[0];
            }
            if (x >= atoms[1]) {
                return atomCode[1];
            }
        }
        int a = Arrays.binarySearch(atoms, x);
        if (a >= 0) {
            return atomCode[a];
        }
        int nb = edges.length - 1;
        if (nb == 0) {
            return 0;
        }
        double t = (x - edges[0]) / (edges[nb] - edges[0]);
        return binCode[nb == 1 ? 0 : Math.max(0, Math.min(nb - 1, (int) Math.floor(t * nb)))];
    }

    /** The bin index of a code among the bins of the continuous part (for coarsening), or -1 for other codes. */
    int bin(int code) {
        return column.type().isDiscrete() || code >= meaning.length || meaning[code] >= 0 ? -1 : -1 - meaning[code];
    }

    /** Whether {@code code} is the missing code. */
    boolean isMissing(int code) {
        return hasMissing && code == size - 1;
    }

    /** A value for {@code code}: the label, the atom, a number drawn uniformly within the bin (rounded), or NaN. */
    double decode(int code, RandomGenerator rng) {
        return decode(code, rng, null);
    }

    /**
     * As {@link #decode(int, RandomGenerator)}, a number drawn from a density linear within its bin when the
     * probabilities of the codes {@code p} are given: the slope is the bin's central difference of the neighbouring
     * bins' probabilities (one-sided at the ends), the bin's mass unchanged, so the staircase of equal-width bins
     * becomes a continuous-looking density (post-processing).
     */
    double decode(int code, RandomGenerator rng, double[] p) {
        if (isMissing(code)) {
            return Double.NaN;
        }
        if (column.type().isDiscrete()) {
            return code;
        }
        if (meaning[code] >= 0) {
            return atoms[meaning[code]];
        }
        int b = bin(code);
        int nb = bins();
        double t = rng.nextDouble();
        if (p != null && nb > 1 && p[code] > 0) {
            double left = b > 0 ? p[binCode[b - 1]] : p[code];
            double right = b < nb - 1 ? p[binCode[b + 1]] : p[code];
            double span = b > 0 && b < nb - 1 ? 2 : 1;
            double c = Math.max(-2, Math.min(2, (right - left) / span / p[code]));
            t = Math.abs(c) < 1e-9 ? t : (-(1 - c / 2) + Math.sqrt((1 - c / 2) * (1 - c / 2) + 2 * c * t)) / c;
        }
        double lo = edges[b];
        double hi = edges[b + 1];
        return column.round(Math.max(edges[0], Math.min(edges[nb], lo + t * (hi - lo))));
    }

    /** Bins of the continuous part (0 for label columns). */
    int bins() {
        return edges == null ? 0 : edges.length - 1;
    }
}
