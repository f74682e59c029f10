package org.genosynth.table.synth.pgm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A graphical model on a junction tree: {@code p(x) proportional to exp(sum over nodes theta_C(x_C))}, scaled to
 * {@code total} rows. Belief propagation (sum-product in log space, leaves to root then back) gives every node's
 * marginal; the marginal of any other attribute set is computed by variable elimination over the node marginals
 * divided by the separator marginals.
 */
public final class MarginalModel {
    final JunctionTree tree;
    final Factor[] potentials;
    final double total;
    /** Node marginals in counts (summing to {@code total}). */
    final Factor[] marginals;

    MarginalModel(JunctionTree tree, Factor[] potentials, double total) {
        this.tree = tree;
        this.potentials = potentials;
        this.total = total;
        this.marginals = beliefs(tree, potentials, total);
    }

    /** Potentials of zero: every attribute uniform and independent. */
    static Factor[] uniform(JunctionTree tree) {
        Factor[] p = new Factor[tree.nodes.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = Factor.zeros(tree.nodes.get(i), tree.domain);
        }
        return p;
    }

    /** Calibrated node marginals, in counts, by two passes of log-space sum-product over the tree. */
    static Factor[] beliefs(JunctionTree tree, Factor[] theta, double total) {
        int m = theta.length;
        Factor[] up = new Factor[m];
        Factor[] down = new Factor[m];
        Factor[] gathered = new Factor[m];
        for (int i = 0; i < m; i++) {
            gathered[i] = theta[i].copy();
        }
        for (int i = m - 1; i > 0; i--) {
            up[i] = gathered[i].logSumExpTo(tree.separator[i]);
            gathered[tree.parent[i]].addExpanded(up[i], 1);
        }
        // gathered[0] is now the root's full belief; pass down
        Factor[] belief = new Factor[m];
        belief[0] = gathered[0];
        for (int i = 1; i < m; i++) {
            int p = tree.parent[i];
            Factor fromParent = belief[p].copy();
            fromParent.addExpanded(up[i], -1);
            down[i] = fromParent.logSumExpTo(tree.separator[i]);
            belief[i] = gathered[i];
            belief[i].addExpanded(down[i], 1);
        }
        Factor[] out = new Factor[m];
        for (int i = 0; i < m; i++) {
            double logZ = belief[i].logSumExpTo(new int[0]).values[0];
            double[] v = belief[i].values;
            double[] mu = new double[v.length];
            for (int c = 0; c < v.length; c++) {
                mu[c] = total * Math.exp(v[c] - logZ);
            }
            out[i] = new Factor(belief[i].attrs, belief[i].sizes, mu);
        }
        return out;
    }

    public double total() {
        return total;
    }

    public JunctionTree tree() {
        return tree;
    }

    /**
     * The model's marginal (counts) over {@code attrs}: summed from a node that holds them all, else by variable
     * elimination over the node marginals divided by their separators' marginals (the junction-tree factorisation),
     * restricted to the smallest subtree that touches the attributes.
     */
    public Factor project(int[] attrs) {
        int[] want = Factor.sorted(attrs);
        int holder = tree.nodeHolding(want);
        if (holder >= 0) {
            return marginals[holder].sumTo(want);
        }
        int m = marginals.length;
        boolean[] keep = steinerSubtree(want);
        List<Factor> factors = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            if (!keep[i]) {
                continue;
            }
            factors.add(scaled(marginals[i], 1 / total));
            if (tree.parent[i] >= 0 && keep[tree.parent[i]]) {
                Factor sep = marginals[i].sumTo(tree.separator[i]);
                double[] inv = new double[sep.values.length];
                for (int c = 0; c < inv.length; c++) {
                    inv[c] = sep.values[c] > 0 ? total / sep.values[c] : 0;
                }
                factors.add(new Factor(sep.attrs, sep.sizes, inv));
            }
        }
        Factor result = VariableElimination.eliminateAllBut(factors, want);
        double s = result.total();
        for (int c = 0; c < result.values.length; c++) {
            result.values[c] = s > 0 ? result.values[c] * total / s : total / result.values.length;
        }
        return result;
    }

    private static Factor scaled(Factor f, double k) {
        double[] v = f.values.clone();
        for (int c = 0; c < v.length; c++) {
            v[c] *= k;
        }
        return new Factor(f.attrs, f.sizes, v);
    }

    /** The nodes on the paths between nodes that hold the wanted attributes (a connected subtree). */
    private boolean[] steinerSubtree(int[] want) {
        int m = marginals.length;
        boolean[] needed = new boolean[m];
        for (int a : want) {
            for (int i = 0; i < m; i++) {
                if (Arrays.binarySearch(tree.nodes.get(i), a) >= 0) {
                    needed[i] = true;
                    break;
                }
            }
        }
        // a node stays when it is needed or lies between needed nodes: prune leaves that are not needed
        int[] below = new int[m];
        for (int i = m - 1; i >= 0; i--) {
            below[i] += needed[i] ? 1 : 0;
            if (tree.parent[i] >= 0) {
                below[tree.parent[i]] += below[i];
            }
        }
        int count = below[0];
        boolean[] keep = new boolean[m];
        for (int i = 0; i < m; i++) {
            // keep node i when it has needed nodes both below-or-at it and outside its subtree, or is needed, or
            // joins two of its children's needed nodes
            int outside = count - below[i];
            int childrenWith = 0;
            for (int j = i + 1; j < m; j++) {
                if (tree.parent[j] == i && below[j] > 0) {
                    childrenWith++;
                }
            }
            keep[i] = needed[i] || (below[i] > 0 && outside > 0) || childrenWith >= 2;
        }
        return keep;
    }

    /**
     * Starting potentials for a larger model: each of this model's node potentials is added to a node of {@code next}
     * that holds its attributes (those that none holds are dropped), as Private-PGM's warm start does.
     */
    public Factor[] potentialsFor(JunctionTree next) {
        Factor[] out = uniform(next);
        for (Factor p : potentials) {
            int holder = next.nodeHolding(p.attrs);
            if (holder >= 0) {
                out[holder].addExpanded(p, 1);
            }
        }
        return out;
    }

    /** The model's one-way marginal of attribute {@code a}, as probabilities. */
    public double[] probabilities(int a) {
        double[] v = project(new int[] {a}).values.clone();
        for (int c = 0; c < v.length; c++) {
            v[c] /= total;
        }
        return v;
    }
}
