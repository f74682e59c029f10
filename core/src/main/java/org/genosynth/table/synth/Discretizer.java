package org.genosynth.table.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.genosynth.table.Column;
import org.genosynth.table.DataTable;
import org.hipparchus.random.RandomGenerator;

/**
 * The discrete domain of one column for the differentially private synthesizers. AIM and the DP copula use
 * {@link #ofPublicDomain}, built from the schema alone. PrivBayes: labels as they are; numbers as their
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
    /** Most whole numbers a decimal column's public domain holds as atoms of their own. */
    static final int MAX_WHOLE_ATOMS = 16;

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
        if (column.type().isDiscrete()) {
            base = column.levels().size();
            atoms = new double[0];
            edges = null;
            atomCode = new int[0];
            binCode = new int[0];
            meaning = new int[0];
            leaks.add(column.name() + ": the set of labels (" + base + ")");
        } else {
            double[] b = bounds.get(column.name());
            double lo;
            double hi;
            int nb;
            if (publicDomain) {
                if (b == null) {
                    throw new IllegalArgumentException("no public bounds for numeric column '" + column.name() + "'");
                }
                lo = b[0];
                hi = b[1];
                atoms = publicAtoms(column, lo, hi);
                nb = bins;
            } else {
                PointMasses masses = PointMasses.of(stats.sorted).forPrivacy();
                atoms = masses.atoms;
                if (atoms.length > 0) {
                    leaks.add(column.name() + ": which values are point masses (" + Arrays.stream(atoms)
                            .mapToObj(a -> column.format(a, "NA")).reduce((x, y) -> x + ", " + y).orElse("") + ")");
                }
                if (b != null) {
                    lo = b[0];
                    hi = b[1];
                } else {
                    lo = masses.low;
                    hi = masses.high;
                    leaks.add(column.name() + ": minimum and maximum of the non-atom values ("
                            + column.format(lo, "NA") + ", " + column.format(hi, "NA") + ")");
                }
                nb = masses.rest.length == 0 && b == null ? 0 : hi > lo ? bins : 1;
            }
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

    /**
     * The public domain's atoms: the two bounds, and, in a column written with decimals whose bounds hold at most
     * {@value #MAX_WHOLE_ATOMS} whole numbers, every whole number between them (values recorded rounded, such as a
     * ratio written 4 or 4.63, keep their rounding). A rule on the schema alone: it reads no value.
     */
    static double[] publicAtoms(Column column, double lo, double hi) {
        List<Double> out = new ArrayList<>();
        out.add(lo);
        double first = Math.floor(lo) + 1;
        double last = Math.ceil(hi) - 1;
        if (column.type() == org.genosynth.table.ColumnType.NUMERIC && last - first + 1 <= MAX_WHOLE_ATOMS) {
            for (double w = first; w <= last; w++) {
                out.add(w);
            }
        }
        out.add(hi);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
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
            if (x >= atoms[atoms.length - 1]) {
                return atomCode[atoms.length - 1];
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

    /** Where {@code x} lies within its bin, in [0, 1] (0.5 for an atom, a label or a missing value). */
    double positionInBin(double x) {
        int code = Double.isNaN(x) ? -1 : encode(x, size - (hasMissing ? 1 : 0));
        if (code < 0 || bin(code) < 0) {
            return 0.5;
        }
        int b = bin(code);
        return Math.max(0, Math.min(1, (x - edges[b]) / (edges[b + 1] - edges[b])));
    }

    /** The value of {@code code} at position {@code t} in [0, 1] within its bin (rounded as the column is written). */
    double value(int code, double t) {
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
        return column.round(Math.max(edges[0], Math.min(edges[bins()], edges[b] + t * (edges[b + 1] - edges[b]))));
    }

    /**
     * Whether {@code code} is a code the public domain offers whether or not the data uses it (a bound, a whole
     * number, "missing"): the private synthesizers keep such a code only on stronger evidence than a bin.
     */
    boolean isOptional(int code) {
        return isMissing(code) || (!column.type().isDiscrete() && bin(code) < 0);
    }

    /**
     * The bin code holding a number's atom {@code code} (its value inside the bins' range, a bound to the bin at that
     * end), or -1 for a label, a bin or the missing code.
     */
    int binHolding(int code) {
        if (column.type().isDiscrete() || isMissing(code) || meaning[code] < 0 || bins() == 0) {
            return -1;
        }
        double x = atoms[meaning[code]];
        int nb = bins();
        int b = (int) Math.floor((x - edges[0]) / (edges[nb] - edges[0]) * nb);
        return binCode[Math.max(0, Math.min(nb - 1, b))];
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
