package org.genosynth.table.synth.pgm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A junction tree over attributes {@code 0..d-1} that covers a list of cliques (every clique lies inside one tree
 * node): the graph joining the attributes of each clique is triangulated by greedy elimination (each step eliminates
 * the attribute whose elimination clique has the fewest cells), the maximal elimination cliques become the tree's
 * nodes, and a maximum spanning tree on shared-attribute counts joins them (Kruskal), which has the running
 * intersection property for a chordal graph. Attributes in no clique are nodes of their own; unconnected parts are
 * joined through an empty separator, so there is one tree. Nodes are listed root first, each after its parent.
 */
public final class JunctionTree {
    final List<int[]> nodes;
    /** Parent of each node (-1 for the root, node 0). */
    final int[] parent;
    /** Attributes shared with the parent (sorted; empty for the root). */
    final int[][] separator;
    final int[] domain;

    private JunctionTree(List<int[]> nodes, int[] parent, int[][] separator, int[] domain) {
        this.nodes = nodes;
        this.parent = parent;
        this.separator = separator;
        this.domain = domain;
    }

    /** The tree for cliques over attributes with {@code domain[a]} values each. */
    public static JunctionTree of(List<int[]> cliques, int[] domain) {
        int d = domain.length;
        BitSet[] adjacent = new BitSet[d];
        for (int a = 0; a < d; a++) {
            adjacent[a] = new BitSet(d);
        }
        for (int[] c : cliques) {
            for (int a : c) {
                for (int b : c) {
                    if (a != b) {
                        adjacent[a].set(b);
                    }
                }
            }
        }
        List<int[]> elimination = new ArrayList<>();
        boolean[] gone = new boolean[d];
        for (int step = 0; step < d; step++) {
            int best = -1;
            double bestCells = Double.POSITIVE_INFINITY;
            for (int a = 0; a < d; a++) {
                if (!gone[a]) {
                    double cells = domain[a];
                    for (int b = adjacent[a].nextSetBit(0); b >= 0; b = adjacent[a].nextSetBit(b + 1)) {
                        cells *= domain[b];
                    }
                    if (cells < bestCells) {
                        bestCells = cells;
                        best = a;
                    }
                }
            }
            BitSet clique = (BitSet) adjacent[best].clone();
            clique.set(best);
            elimination.add(clique.stream().toArray());
            for (int b = adjacent[best].nextSetBit(0); b >= 0; b = adjacent[best].nextSetBit(b + 1)) {
                adjacent[b].or(adjacent[best]);
                adjacent[b].clear(b);
                adjacent[b].clear(best);
            }
            gone[best] = true;
            adjacent[best].clear();
        }
        List<int[]> maximal = new ArrayList<>();
        for (int i = 0; i < elimination.size(); i++) {
            int[] c = elimination.get(i);
            boolean contained = false;
            for (int j = 0; j < elimination.size() && !contained; j++) {
                int[] o = elimination.get(j);
                contained = j != i && o.length >= c.length && subset(c, o) && (o.length > c.length || j < i);
            }
            if (!contained) {
                maximal.add(c);
            }
        }
        return spanningTree(maximal, domain);
    }

    private static JunctionTree spanningTree(List<int[]> nodes, int[] domain) {
        int m = nodes.size();
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                pairs.add(new int[] {i, j, intersection(nodes.get(i), nodes.get(j)).length});
            }
        }
        pairs.sort((x, y) -> x[2] != y[2] ? Integer.compare(y[2], x[2])
                : x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]));
        int[] component = new int[m];
        for (int i = 0; i < m; i++) {
            component[i] = i;
        }
        List<List<Integer>> adjacent = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            adjacent.add(new ArrayList<>());
        }
        for (int[] p : pairs) {
            int a = find(component, p[0]);
            int b = find(component, p[1]);
            if (a != b) {
                component[a] = b;
                adjacent.get(p[0]).add(p[1]);
                adjacent.get(p[1]).add(p[0]);
            }
        }
        // root at node 0, breadth first
        List<int[]> ordered = new ArrayList<>();
        int[] parentOld = new int[m];
        int[] newIndex = new int[m];
        boolean[] seen = new boolean[m];
        int[] queue = new int[m];
        int head = 0;
        int tail = 0;
        queue[tail++] = 0;
        seen[0] = true;
        parentOld[0] = -1;
        while (head < tail) {
            int a = queue[head++];
            newIndex[a] = ordered.size();
            ordered.add(nodes.get(a));
            for (int b : adjacent.get(a)) {
                if (!seen[b]) {
                    seen[b] = true;
                    parentOld[b] = a;
                    queue[tail++] = b;
                }
            }
        }
        int[] parent = new int[m];
        int[][] separator = new int[m][];
        for (int i = 0; i < m; i++) {
            int a = queue[i];
            parent[i] = parentOld[a] < 0 ? -1 : newIndex[parentOld[a]];
            separator[i] = parent[i] < 0 ? new int[0] : intersection(nodes.get(a), nodes.get(parentOld[a]));
        }
        return new JunctionTree(ordered, parent, separator, domain.clone());
    }

    private static int find(int[] c, int a) {
        while (c[a] != a) {
            a = c[a];
        }
        return a;
    }

    static boolean subset(int[] small, int[] big) {
        for (int a : small) {
            if (Arrays.binarySearch(big, a) < 0) {
                return false;
            }
        }
        return true;
    }

    static int[] intersection(int[] a, int[] b) {
        return Arrays.stream(a).filter(x -> Arrays.binarySearch(b, x) >= 0).toArray();
    }

    /** The nodes (sorted attribute sets), root first. */
    public List<int[]> nodes() {
        return nodes.stream().map(int[]::clone).toList();
    }

    /** The first node that holds every attribute of {@code clique}, or -1. */
    int nodeHolding(int[] clique) {
        int[] c = Factor.sorted(clique);
        for (int i = 0; i < nodes.size(); i++) {
            if (subset(c, nodes.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Total cells of the node tables: the model's size. */
    public long cells() {
        long total = 0;
        for (int[] node : nodes) {
            long c = 1;
            for (int a : node) {
                c *= domain[a];
            }
            total += c;
        }
        return total;
    }

    /** The largest node table. */
    public long largestNode() {
        long max = 0;
        for (int[] node : nodes) {
            long c = 1;
            for (int a : node) {
                c *= domain[a];
            }
            max = Math.max(max, c);
        }
        return max;
    }
}
