package org.genosynth.table.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.genosynth.table.Column;

/**
 * The point masses of a numeric column: values held by at least {@value #MIN_COUNT} rows and at least
 * {@value #MIN_SHARE} of the non-missing values (a 0 for "none", an upper limit of a lab assay, a censored age).
 * Every synthesizer keeps them as exact atoms; the other values form the column's continuous part, whose range
 * {@code [low, high]} is that of the real non-atom values, so a synthetic value is either an atom or inside that range,
 * never in the gap between an atom outside it and the nearest real non-atom value.
 */
final class PointMasses {
    static final int MIN_COUNT = 5;
    static final double MIN_SHARE = 0.02;
    static final double PRIVATE_INNER_SHARE = 0.1;

    /** Atom values, ascending. */
    final double[] atoms;
    /** Share of the non-missing values at each atom. */
    final double[] shares;
    /** Non-atom values, sorted. */
    final double[] rest;
    /** Range of the continuous part (of all values when every value is an atom). */
    final double low;
    final double high;

    private PointMasses(double[] atoms, double[] shares, double[] rest, double low, double high) {
        this.atoms = atoms;
        this.shares = shares;
        this.rest = rest;
        this.low = low;
        this.high = high;
    }

    /** Point masses of sorted, non-missing values (at least one). */
    static PointMasses of(double[] sorted) {
        int m = sorted.length;
        List<Double> atoms = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        double[] rest = new double[m];
        int k = 0;
        for (int i = 0; i < m; ) {
            int j = i;
            while (j + 1 < m && sorted[j + 1] == sorted[i]) {
                j++;
            }
            int count = j - i + 1;
            if (count >= MIN_COUNT && count >= MIN_SHARE * m) {
                atoms.add(sorted[i]);
                shares.add(count / (double) m);
            } else {
                System.arraycopy(sorted, i, rest, k, count);
                k += count;
            }
            i = j + 1;
        }
        rest = Arrays.copyOf(rest, k);
        double low = k > 0 ? rest[0] : sorted[0];
        double high = k > 0 ? rest[k - 1] : sorted[m - 1];
        return new PointMasses(atoms.stream().mapToDouble(Double::doubleValue).toArray(),
                shares.stream().mapToDouble(Double::doubleValue).toArray(), rest, low, high);
    }

    /**
     * The atoms at the ends of the column (its minimum or maximum: a 0 below the measured values, an upper limit
     * above them) and the inner atoms held by at least {@value #PRIVATE_INNER_SHARE} of the values (the 3, 4 and 5 of
     * diabetes' tch, a quarter of the rows each); the other atoms merged into the continuous part: in the private
     * synthesizers' domains every atom costs a noisy cell and reveals a value, and a small inner atom leaves no gap.
     */
    PointMasses forPrivacy() {
        return keeping(PRIVATE_INNER_SHARE);
    }

    /**
     * The atoms at the ends of the column only: what CART keeps exactly (inner repeated values, such as the ties of
     * an integer column, are smoothed as synthpop does, which leaves no gap and copies fewer training values).
     */
    PointMasses ends() {
        return keeping(Double.POSITIVE_INFINITY);
    }

    private PointMasses keeping(double innerShare) {
        if (atoms.length == 0) {
            return this;
        }
        double min = Math.min(atoms[0], rest.length > 0 ? rest[0] : Double.POSITIVE_INFINITY);
        double max = Math.max(atoms[atoms.length - 1], rest.length > 0 ? rest[rest.length - 1]
                : Double.NEGATIVE_INFINITY);
        List<Double> keep = new ArrayList<>();
        List<Double> keepShares = new ArrayList<>();
        List<Double> others = new ArrayList<>();
        for (double v : rest) {
            others.add(v);
        }
        for (int a = 0; a < atoms.length; a++) {
            if (atoms[a] == min || atoms[a] == max || shares[a] >= innerShare) {
                keep.add(atoms[a]);
                keepShares.add(shares[a]);
            } else {
                others.add(atoms[a]);
            }
        }
        double[] r = others.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double lo = r.length > 0 ? r[0] : min;
        double hi = r.length > 0 ? r[r.length - 1] : max;
        return new PointMasses(keep.stream().mapToDouble(Double::doubleValue).toArray(),
                keepShares.stream().mapToDouble(Double::doubleValue).toArray(), r, lo, hi);
    }

    boolean isAtom(double v) {
        return Arrays.binarySearch(atoms, v) >= 0;
    }

    /**
     * A generated value as the column can hold it: an atom stays exactly that; anything else is held to the continuous
     * part's range and rounded as the column is written (rounding cannot leave the range: its ends are written values).
     */
    double fit(Column column, double v) {
        if (Double.isNaN(v) || isAtom(v)) {
            return v;
        }
        return column.round(Math.max(low, Math.min(high, v)));
    }
}
