package org.genosynth.table.synth.pgm;

import java.util.Arrays;
import org.hipparchus.random.RandomGenerator;

/**
 * Draws rows of codes from a {@link MarginalModel}: the root node's cell from its marginal, then each node (parents
 * first) from its marginal conditioned on the separator it shares with its parent, whose attributes are already drawn
 * (the running intersection property makes them the only ones).
 */
public final class ForwardSampler {
    private final MarginalModel model;
    private final int d;
    /** Per node: its cells grouped by separator configuration, and their cumulative probabilities. */
    private final int[][] start;
    private final int[][] cellOrder;
    private final double[][] cumulative;

    public ForwardSampler(MarginalModel model) {
        this.model = model;
        this.d = model.tree.domain.length;
        int m = model.marginals.length;
        start = new int[m][];
        cellOrder = new int[m][];
        cumulative = new double[m][];
        for (int i = 0; i < m; i++) {
            Factor mu = model.marginals[i];
            int[] sep = model.tree.separator[i];
            int[] sepOf = mu.indexInto(sep);
            int configs = 1;
            for (int s : mu.sizesOf(sep)) {
                configs *= s;
            }
            int[] count = new int[configs + 1];
            for (int s : sepOf) {
                count[s + 1]++;
            }
            for (int s = 0; s < configs; s++) {
                count[s + 1] += count[s];
            }
            start[i] = count.clone();
            int[] fill = Arrays.copyOf(count, configs);
            cellOrder[i] = new int[sepOf.length];
            for (int c = 0; c < sepOf.length; c++) {
                cellOrder[i][fill[sepOf[c]]++] = c;
            }
            cumulative[i] = new double[sepOf.length];
            for (int s = 0; s < configs; s++) {
                double acc = 0;
                for (int k = start[i][s]; k < start[i][s + 1]; k++) {
                    acc += Math.max(0, mu.values[cellOrder[i][k]]);
                    cumulative[i][k] = acc;
                }
            }
        }
    }

    /** One row: a code per attribute. */
    public int[] draw(RandomGenerator rng) {
        int[] code = new int[d];
        for (int i = 0; i < model.marginals.length; i++) {
            Factor mu = model.marginals[i];
            int[] sep = model.tree.separator[i];
            int s = 0;
            for (int j = 0; j < sep.length; j++) {
                s = s * model.tree.domain[sep[j]] + code[sep[j]];
            }
            int lo = start[i][s];
            int hi = start[i][s + 1];
            double total = cumulative[i][hi - 1];
            int k;
            if (total > 0) {
                double u = rng.nextDouble() * total;
                int a = lo;
                int b = hi - 1;
                while (a < b) {
                    int mid = (a + b) >>> 1;
                    if (cumulative[i][mid] > u) {
                        b = mid;
                    } else {
                        a = mid + 1;
                    }
                }
                k = a;
            } else {
                k = lo + rng.nextInt(hi - lo);
            }
            int cell = cellOrder[i][k];
            for (int p = mu.attrs.length - 1; p >= 0; p--) {
                code[mu.attrs[p]] = cell % mu.sizes[p];
                cell /= mu.sizes[p];
            }
        }
        return code;
    }
}
