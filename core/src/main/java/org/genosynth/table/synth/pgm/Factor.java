package org.genosynth.table.synth.pgm;

import java.util.Arrays;

/**
 * A dense table over a set of discrete attributes (attribute numbers ascending; cells row-major, the last attribute
 * fastest). Holds counts, probabilities or log-potentials; an empty attribute set is one cell.
 */
public final class Factor {
    final int[] attrs;
    final int[] sizes;
    final double[] values;

    Factor(int[] attrs, int[] sizes, double[] values) {
        this.attrs = attrs;
        this.sizes = sizes;
        this.values = values;
    }

    /** A factor of zeros over {@code attrs} (any order: sorted here), with {@code domain[a]} values per attribute. */
    public static Factor zeros(int[] attrs, int[] domain) {
        int[] a = sorted(attrs);
        int[] s = new int[a.length];
        long cells = 1;
        for (int i = 0; i < a.length; i++) {
            s[i] = domain[a[i]];
            cells *= s[i];
        }
        if (cells > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("a factor of " + cells + " cells");
        }
        return new Factor(a, s, new double[(int) cells]);
    }

    static int[] sorted(int[] attrs) {
        int[] a = attrs.clone();
        Arrays.sort(a);
        return a;
    }

    public int[] attrs() {
        return attrs.clone();
    }

    public double[] values() {
        return values;
    }

    int cells() {
        return values.length;
    }

    Factor copy() {
        return new Factor(attrs, sizes, values.clone());
    }

    /** Whether every attribute of {@code other} is one of this factor's. */
    boolean covers(int[] other) {
        for (int a : other) {
            if (Arrays.binarySearch(attrs, a) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * For each cell of this factor, the index of the cell of a factor over {@code sub} (a subset of this factor's
     * attributes, sorted) that it falls into.
     */
    int[] indexInto(int[] sub) {
        int k = attrs.length;
        long[] stride = new long[k];
        long s = 1;
        for (int j = sub.length - 1; j >= 0; j--) {
            int pos = Arrays.binarySearch(attrs, sub[j]);
            if (pos < 0) {
                throw new IllegalArgumentException("attribute " + sub[j] + " is not in " + Arrays.toString(attrs));
            }
            stride[pos] = s;
            s *= sizes[pos];
        }
        int[] map = new int[values.length];
        int[] digit = new int[k];
        int idx = 0;
        for (int cell = 0; cell < values.length; cell++) {
            map[cell] = idx;
            for (int p = k - 1; p >= 0; p--) {
                digit[p]++;
                idx += (int) stride[p];
                if (digit[p] < sizes[p]) {
                    break;
                }
                idx -= (int) (stride[p] * sizes[p]);
                digit[p] = 0;
            }
        }
        return map;
    }

    /** The sizes of {@code sub}'s attributes (a subset of this factor's). */
    int[] sizesOf(int[] sub) {
        int[] s = new int[sub.length];
        for (int j = 0; j < sub.length; j++) {
            s[j] = sizes[Arrays.binarySearch(attrs, sub[j])];
        }
        return s;
    }

    private Factor empty(int[] sub) {
        int[] s = sizesOf(sub);
        long cells = 1;
        for (int x : s) {
            cells *= x;
        }
        return new Factor(sub, s, new double[(int) cells]);
    }

    /** Sum over the attributes not in {@code sub} (sorted subset). */
    public Factor sumTo(int[] sub) {
        Factor out = empty(sub);
        int[] map = indexInto(sub);
        for (int cell = 0; cell < values.length; cell++) {
            out.values[map[cell]] += values[cell];
        }
        return out;
    }

    /** log of the sum of exp over the attributes not in {@code sub}: marginalising log-potentials. */
    Factor logSumExpTo(int[] sub) {
        Factor out = empty(sub);
        int[] map = indexInto(sub);
        Arrays.fill(out.values, Double.NEGATIVE_INFINITY);
        for (int cell = 0; cell < values.length; cell++) {
            out.values[map[cell]] = Math.max(out.values[map[cell]], values[cell]);
        }
        double[] max = out.values.clone();
        double[] acc = new double[out.values.length];
        for (int cell = 0; cell < values.length; cell++) {
            double m = max[map[cell]];
            if (m > Double.NEGATIVE_INFINITY) {
                acc[map[cell]] += Math.exp(values[cell] - m);
            }
        }
        for (int i = 0; i < acc.length; i++) {
            out.values[i] = max[i] == Double.NEGATIVE_INFINITY ? max[i] : max[i] + Math.log(acc[i]);
        }
        return out;
    }

    /** Adds {@code scale} times {@code small} (over a subset of the attributes) to every cell it covers. */
    void addExpanded(Factor small, double scale) {
        int[] map = indexInto(small.attrs);
        for (int cell = 0; cell < values.length; cell++) {
            values[cell] += scale * small.values[map[cell]];
        }
    }

    /** The product of two factors, over the union of their attributes (linear space). */
    Factor times(Factor other) {
        int[] union = java.util.stream.IntStream.concat(Arrays.stream(attrs), Arrays.stream(other.attrs)).distinct()
                .sorted().toArray();
        int[] s = new int[union.length];
        long cells = 1;
        for (int i = 0; i < union.length; i++) {
            int p = Arrays.binarySearch(attrs, union[i]);
            s[i] = p >= 0 ? sizes[p] : other.sizes[Arrays.binarySearch(other.attrs, union[i])];
            cells *= s[i];
        }
        if (cells > 50_000_000L) {
            throw new IllegalStateException("an intermediate table of " + cells + " cells");
        }
        Factor out = new Factor(union, s, new double[(int) cells]);
        int[] mapA = out.indexInto(attrs);
        int[] mapB = out.indexInto(other.attrs);
        for (int cell = 0; cell < out.values.length; cell++) {
            out.values[cell] = values[mapA[cell]] * other.values[mapB[cell]];
        }
        return out;
    }

    double total() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
