package org.genosynth.table.synth.pgm;

/**
 * A noisy linear measurement {@code y = Q mu_C + N(0, sigma^2 I)} of the marginal {@code mu_C} (counts) over the
 * attributes C, where Q groups the codes of each attribute ({@code groupOf[j][code]}, e.g. adjacent bins; the
 * identity when every code is its own group) and counts each group combination: a coarse contingency table.
 */
public final class Measurement {
    final int[] attrs;
    final double[] y;
    final double sigma;
    /** For each cell of the fine marginal over {@code attrs}: its cell in the coarse table. */
    final int[] coarseCell;

    /**
     * @param attrs   the attributes, sorted ascending
     * @param groupOf per attribute (in the order of {@code attrs}), each code's group
     * @param groups  per attribute, the number of groups
     * @param domain  codes per attribute (all attributes)
     * @param y       the noisy coarse counts, row-major over the groups (last attribute fastest)
     * @param sigma   the noise standard deviation per cell
     */
    public Measurement(int[] attrs, int[][] groupOf, int[] groups, int[] domain, double[] y, double sigma) {
        for (int j = 1; j < attrs.length; j++) {
            if (attrs[j] <= attrs[j - 1]) {
                throw new IllegalArgumentException("attributes must be sorted and distinct");
            }
        }
        this.attrs = attrs.clone();
        this.y = y.clone();
        this.sigma = sigma;
        this.coarseCell = coarseCells(attrs, groupOf, groups, domain);
        long cells = 1;
        for (int g : groups) {
            cells *= g;
        }
        if (cells != y.length) {
            throw new IllegalArgumentException("y has " + y.length + " cells, the groups make " + cells);
        }
    }

    /** Fine cell to coarse cell, for the grouping given. */
    public static int[] coarseCells(int[] attrs, int[][] groupOf, int[] groups, int[] domain) {
        int k = attrs.length;
        int cells = 1;
        for (int a : attrs) {
            cells *= domain[a];
        }
        int[] map = new int[cells];
        int[] digit = new int[k];
        for (int cell = 0; cell < cells; cell++) {
            int idx = 0;
            for (int j = 0; j < k; j++) {
                idx = idx * groups[j] + groupOf[j][digit[j]];
            }
            map[cell] = idx;
            for (int p = k - 1; p >= 0; p--) {
                if (++digit[p] < domain[attrs[p]]) {
                    break;
                }
                digit[p] = 0;
            }
        }
        return map;
    }

    /** {@code Q mu}: the coarse table of a fine marginal over {@code attrs}. */
    double[] apply(double[] fine) {
        double[] out = new double[y.length];
        for (int cell = 0; cell < fine.length; cell++) {
            out[coarseCell[cell]] += fine[cell];
        }
        return out;
    }

    public int[] attrs() {
        return attrs.clone();
    }

    public double sigma() {
        return sigma;
    }

    public int cells() {
        return y.length;
    }
}
