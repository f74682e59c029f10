package org.genosynth.table.synth.pgm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * Private-PGM's estimator on a small table (4 attributes of 2, 3, 2 and 4 values, 600 rows): fitted to noise-free
 * measurements of a cycle of 2-way marginals (so the junction tree needs a chord) and of a grouped 2-way marginal, the
 * model must reproduce every measured marginal, counted here directly from the rows, to 0.05 rows; its marginals of
 * unmeasured sets and its sampler must agree with its joint distribution computed by brute force over all 48 cells.
 */
class MarginalModelTest {
    private static final int[] DOMAIN = {2, 3, 2, 4};
    private static final int N = 600;

    private static int[][] rows() {
        Well19937c rng = new Well19937c(3);
        int[][] rows = new int[N][4];
        for (int[] r : rows) {
            r[0] = rng.nextDouble() < 0.35 ? 1 : 0;
            r[1] = Math.min(2, r[0] + (rng.nextDouble() < 0.5 ? 1 : 0) + (rng.nextDouble() < 0.2 ? 1 : 0));
            r[2] = rng.nextDouble() < 0.2 + 0.3 * r[1] ? 1 : 0;
            r[3] = (rng.nextDouble() < 0.6 ? r[2] * 2 + r[0] : rng.nextInt(4));
        }
        return rows;
    }

    /** Counts of a marginal straight from the rows (row-major over the attributes, the last fastest), grouped. */
    private static double[] count(int[][] rows, int[] attrs, int[][] groupOf, int[] groups) {
        int cells = 1;
        for (int g : groups) {
            cells *= g;
        }
        double[] t = new double[cells];
        for (int[] r : rows) {
            int idx = 0;
            for (int j = 0; j < attrs.length; j++) {
                idx = idx * groups[j] + groupOf[j][r[attrs[j]]];
            }
            t[idx]++;
        }
        return t;
    }

    private static int[] identity(int size) {
        return java.util.stream.IntStream.range(0, size).toArray();
    }

    @Test
    void fitToExactMarginalsReproducesThem() {
        int[][] rows = rows();
        List<int[]> sets = List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}, new int[] {0, 3});
        List<Measurement> ms = new ArrayList<>();
        for (int[] s : sets) {
            int[][] g = {identity(DOMAIN[s[0]]), identity(DOMAIN[s[1]])};
            int[] groups = {DOMAIN[s[0]], DOMAIN[s[1]]};
            ms.add(new Measurement(s, g, groups, DOMAIN, count(rows, s, g, groups), 1));
        }
        // attribute 3's values grouped {0, 1} {2, 3}: a coarse table of (1, 3)
        int[][] coarse = {identity(3), {0, 0, 1, 1}};
        double[] coarseTruth = count(rows, new int[] {1, 3}, coarse, new int[] {3, 2});
        ms.add(new Measurement(new int[] {1, 3}, coarse, new int[] {3, 2}, DOMAIN, coarseTruth, 1));
        List<int[]> cliques = new ArrayList<>(sets);
        cliques.add(new int[] {1, 3});
        JunctionTree tree = JunctionTree.of(cliques, DOMAIN);
        assertRunningIntersection(tree);
        for (int[] c : cliques) {
            assertThat(tree.nodeHolding(c)).isGreaterThanOrEqualTo(0);
        }
        assertThat(MirrorDescent.total(ms)).isCloseTo(N, within(1e-9));
        MarginalModel model = MirrorDescent.fit(tree, ms, N, null, 3000);
        for (int[] s : sets) {
            int[][] g = {identity(DOMAIN[s[0]]), identity(DOMAIN[s[1]])};
            double[] truth = count(rows, s, g, new int[] {DOMAIN[s[0]], DOMAIN[s[1]]});
            assertThat(model.project(s).values()).containsExactly(truth, within(0.05));
        }
        double[] fine13 = model.project(new int[] {1, 3}).values();
        double[] grouped = new double[6];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 4; b++) {
                grouped[a * 2 + coarse[1][b]] += fine13[a * 4 + b];
            }
        }
        assertThat(grouped).containsExactly(coarseTruth, within(0.05));
        // one-way marginals follow
        assertThat(model.project(new int[] {3}).values())
                .containsExactly(count(rows, new int[] {3}, new int[][] {identity(4)}, new int[] {4}), within(0.05));
    }

    /** The model's joint over all 48 cells from its potentials, by enumeration (independent of the tree passes). */
    private static double[] bruteForceJoint(MarginalModel model) {
        double[] joint = new double[48];
        double z = 0;
        int[] x = new int[4];
        for (int cell = 0; cell < 48; cell++) {
            int rest = cell;
            for (int a = 3; a >= 0; a--) {
                x[a] = rest % DOMAIN[a];
                rest /= DOMAIN[a];
            }
            double logp = 0;
            for (Factor f : model.potentials) {
                int idx = 0;
                for (int j = 0; j < f.attrs.length; j++) {
                    idx = idx * f.sizes[j] + x[f.attrs[j]];
                }
                logp += f.values[idx];
            }
            joint[cell] = Math.exp(logp);
            z += joint[cell];
        }
        for (int cell = 0; cell < 48; cell++) {
            joint[cell] /= z;
        }
        return joint;
    }

    @Test
    void marginalsOfUnmeasuredSetsAndSamplesFollowTheJoint() {
        int[][] rows = rows();
        // a chain (0,1) (1,2) (2,3): pairs such as (0,3) and (0,2,3) lie in no clique
        List<Measurement> ms = new ArrayList<>();
        List<int[]> cliques = new ArrayList<>();
        Well19937c noise = new Well19937c(9);
        for (int[] s : new int[][] {{0, 1}, {1, 2}, {2, 3}}) {
            int[][] g = {identity(DOMAIN[s[0]]), identity(DOMAIN[s[1]])};
            double[] y = count(rows, s, g, new int[] {DOMAIN[s[0]], DOMAIN[s[1]]});
            for (int k = 0; k < y.length; k++) {
                y[k] += 10 * noise.nextGaussian();
            }
            ms.add(new Measurement(s, g, new int[] {DOMAIN[s[0]], DOMAIN[s[1]]}, DOMAIN, y, 10));
            cliques.add(s);
        }
        JunctionTree tree = JunctionTree.of(cliques, DOMAIN);
        MarginalModel model = MirrorDescent.fit(tree, ms, MirrorDescent.total(ms), null, 500);
        double[] joint = bruteForceJoint(model);
        for (int[] set : new int[][] {{0, 3}, {0, 2, 3}, {1, 3}, {0, 1, 2, 3}}) {
            double[] expected = new double[set.length == 2 ? DOMAIN[set[0]] * DOMAIN[set[1]] : 48];
            if (set.length == 3) {
                expected = new double[2 * 2 * 4];
            }
            for (int cell = 0; cell < 48; cell++) {
                int rest = cell;
                int[] x = new int[4];
                for (int a = 3; a >= 0; a--) {
                    x[a] = rest % DOMAIN[a];
                    rest /= DOMAIN[a];
                }
                int idx = 0;
                for (int a : set) {
                    idx = idx * DOMAIN[a] + x[a];
                }
                expected[idx] += joint[cell] * model.total();
            }
            assertThat(model.project(set).values()).as(java.util.Arrays.toString(set))
                    .containsExactly(expected, within(1e-9 * model.total()));
        }
        ForwardSampler sampler = new ForwardSampler(model);
        Well19937c rng = new Well19937c(1);
        int draws = 200_000;
        double[] freq = new double[48];
        for (int i = 0; i < draws; i++) {
            int[] x = sampler.draw(rng);
            freq[((x[0] * 3 + x[1]) * 2 + x[2]) * 4 + x[3]] += 1.0 / draws;
        }
        for (int cell = 0; cell < 48; cell++) {
            // 5 binomial standard deviations
            double sd = Math.sqrt(joint[cell] * (1 - joint[cell]) / draws);
            assertThat(freq[cell]).isCloseTo(joint[cell], within(5 * sd + 1e-9));
        }
    }

    private static void assertRunningIntersection(JunctionTree tree) {
        for (int a = 0; a < DOMAIN.length; a++) {
            int holders = 0;
            int linked = 0;
            for (int i = 0; i < tree.nodes.size(); i++) {
                if (java.util.Arrays.binarySearch(tree.nodes.get(i), a) >= 0) {
                    holders++;
                    int p = tree.parent[i];
                    if (p >= 0 && java.util.Arrays.binarySearch(tree.nodes.get(p), a) >= 0) {
                        linked++;
                    }
                }
            }
            // the nodes holding a form one connected subtree: all but its top are linked to a parent holding a
            assertThat(linked).as("attribute " + a).isEqualTo(holders - 1);
        }
    }
}
