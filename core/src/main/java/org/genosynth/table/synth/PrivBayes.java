package org.genosynth.table.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.genosynth.table.Column;
import org.genosynth.table.DataTable;
import org.hipparchus.distribution.continuous.LaplaceDistribution;
import org.hipparchus.random.RandomGenerator;

/**
 * Differentially private synthesis after PrivBayes (Zhang et al., SIGMOD 2014 / TODS 2017), epsilon-DP for neighbouring
 * tables that differ in one row (same row count).
 *
 * <ol>
 * <li>Columns are discretised ({@link Discretizer}): numbers into their point masses plus {@code bins} equal-width
 * bins between bounds (given by the user, or taken from the data: that leaks the minimum and maximum), labels as they
 * are (the set of labels present leaks), plus one "missing" bin when the column has a missing value (that fact
 * leaks).</li>
 * <li>Structure (budget {@code beta * epsilon}): the first column at random, then each next (column, parent set) of at
 * most {@code degree} parents among the columns already placed is chosen by the exponential mechanism on PrivBayes'
 * score R = 1/2 ||P(X, Pi) - P(X) P(Pi)||_1 (sensitivity 3/n), with {@code beta * epsilon / (d - 1)} per step. Parent
 * sets whose table has more cells than {@code n epsilon2 / (2 d theta)} (PrivBayes' theta-usefulness, theta = 4) are
 * not offered; when no column could have a parent at all, no budget is spent on structure.</li>
 * <li>Marginals (the rest of the budget): the d tables of counts over (column, parents), each plus Laplace noise of
 * scale 2d / epsilon2 per cell (one row changed moves each table by at most 2 in L1), negative counts set to 0,
 * normalised per parent configuration (uniform when nothing is left).</li>
 * <li>Sampling: rows drawn from the network in order; a number uniformly within its bin, rounded as the column is
 * written. Everything after the noise is post-processing and costs no privacy.</li>
 * </ol>
 */
public final class PrivBayes implements Synthesizer {
    private static final double THETA = 4;

    private final double epsilon;
    private final int degree;
    private final int bins;
    private final double beta;
    private final Map<String, double[]> bounds;
    private String description = "PrivBayes (not fitted yet)";
    private int binsUsed;
    private final List<String> leaks = new ArrayList<>();

    /**
     * @param epsilon total privacy budget
     * @param degree  most parents per column (k)
     * @param bins    bins per numeric column
     * @param beta    share of the budget spent on the structure
     * @param bounds  user-given {min, max} per numeric column name (not taken from the data)
     */
    public PrivBayes(double epsilon, int degree, int bins, double beta, Map<String, double[]> bounds) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be positive and finite");
        }
        this.epsilon = epsilon;
        this.degree = degree;
        this.bins = bins;
        this.beta = beta;
        this.bounds = bounds == null ? Map.of() : bounds;
    }

    /** What the output reveals beyond the epsilon-DP guarantee: ranges, label sets, missing bins taken from the data. */
    public List<String> leaks() {
        return List.copyOf(leaks);
    }

    @Override
    public DataTable synthesize(DataTable real, int n, RandomGenerator rng) {
        int[] cols = real.modelledColumns();
        int d = cols.length;
        int rows = real.rows();
        leaks.clear();
        int[][] codes = new int[d][];
        int[] domain = new int[d];
        Discretizer[] disc = new Discretizer[d];
        double maxCells = rows * epsilon * (1 - beta) / (2.0 * d * THETA);
        int pairBins = (int) Math.floor(Math.sqrt(maxCells));
        binsUsed = degree > 0 && pairBins >= 3 ? Math.min(bins, pairBins) : bins;
        for (int a = 0; a < d; a++) {
            disc[a] = new Discretizer(real, cols[a], binsUsed, bounds);
            codes[a] = disc[a].codes;
            domain[a] = disc[a].size;
            leaks.addAll(disc[a].leaks);
        }
        boolean anyParent = false;
        for (int a = 0; a < d && !anyParent; a++) {
            for (int b = 0; b < d && !anyParent; b++) {
                anyParent = a != b && (double) domain[a] * domain[b] <= maxCells && degree > 0;
            }
        }
        double structureBudget = anyParent && d > 1 ? beta * epsilon : 0;
        double marginalBudget = epsilon - structureBudget;
        maxCells = rows * marginalBudget / (2.0 * d * THETA);
        int[] order = new int[d];
        int[][] parents = new int[d][];
        structure(codes, domain, rows, structureBudget, maxCells, order, parents, rng);
        double[][] conditionals = new double[d][];
        LaplaceDistribution noise = new LaplaceDistribution(0, 2.0 * d / marginalBudget);
        for (int s = 0; s < d; s++) {
            conditionals[s] = noisyConditional(codes, domain, order[s], parents[s], rows, noise, rng);
        }
        double[][] out = new double[real.columnCount()][n];
        for (double[] col : out) {
            Arrays.fill(col, Double.NaN);
        }
        int[] sampled = new int[d];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < d; s++) {
                int a = order[s];
                int config = configuration(parents[s], domain, sampled);
                sampled[a] = draw(conditionals[s], config * domain[a], domain[a], rng);
            }
            for (int a = 0; a < d; a++) {
                out[cols[a]][i] = disc[a].decode(sampled[a], rng);
            }
        }
        int edgesUsed = 0;
        for (int s = 0; s < d; s++) {
            edgesUsed += parents[s].length;
        }
        description = String.format(Locale.ROOT, "PrivBayes, epsilon %s (structure %s, marginals %s), degree <= %d, "
                + "%d bins per number, %d parent links among %d columns; Laplace scale %.3g counts per cell",
                epsilon, structureBudget, marginalBudget, degree, binsUsed, edgesUsed, d, 2.0 * d / marginalBudget);
        return new DataTable(real.columns(), out);
    }

    @Override
    public String describe() {
        return description;
    }

    private void structure(int[][] codes, int[] domain, int rows, double budget, double maxCells, int[] order,
            int[][] parents, RandomGenerator rng) {
        int d = codes.length;
        boolean[] placed = new boolean[d];
        List<Integer> chosen = new ArrayList<>();
        int first = budget > 0 ? rng.nextInt(d) : 0;
        order[0] = first;
        parents[0] = new int[0];
        placed[first] = true;
        chosen.add(first);
        double perStep = d > 1 ? budget / (d - 1) : 0;
        double sensitivity = 3.0 / rows;
        for (int s = 1; s < d; s++) {
            List<int[]> candidates = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            for (int x = 0; x < d; x++) {
                if (placed[x]) {
                    continue;
                }
                if (budget == 0) {
                    candidates.add(new int[] {x});
                    scores.add(0.0);
                    break;
                }
                for (int size = Math.min(degree, chosen.size()); size >= 0; size--) {
                    List<int[]> sets = new ArrayList<>();
                    combinations(chosen, size, 0, new int[size], 0, sets);
                    int before = candidates.size();
                    for (int[] set : sets) {
                        double cells = domain[x];
                        for (int p : set) {
                            cells *= domain[p];
                        }
                        if (cells <= maxCells || size == 0) {
                            int[] cand = new int[size + 1];
                            cand[0] = x;
                            System.arraycopy(set, 0, cand, 1, size);
                            candidates.add(cand);
                            scores.add(score(codes, domain, x, set, rows));
                        }
                    }
                    if (candidates.size() > before) {
                        break;
                    }
                }
            }
            int pick = 0;
            if (budget > 0) {
                double max = scores.stream().mapToDouble(Double::doubleValue).max().orElse(0);
                double[] w = new double[scores.size()];
                double total = 0;
                for (int i = 0; i < w.length; i++) {
                    w[i] = Math.exp(perStep * (scores.get(i) - max) / (2 * sensitivity));
                    total += w[i];
                }
                double u = rng.nextDouble() * total;
                double acc = 0;
                pick = w.length - 1;
                for (int i = 0; i < w.length; i++) {
                    acc += w[i];
                    if (u < acc) {
                        pick = i;
                        break;
                    }
                }
            }
            int[] cand = candidates.get(pick);
            order[s] = cand[0];
            parents[s] = Arrays.copyOfRange(cand, 1, cand.length);
            placed[cand[0]] = true;
            chosen.add(cand[0]);
        }
    }

    private static void combinations(List<Integer> from, int size, int start, int[] current, int depth,
            List<int[]> out) {
        if (depth == size) {
            out.add(current.clone());
            return;
        }
        for (int i = start; i < from.size(); i++) {
            current[depth] = from.get(i);
            combinations(from, size, i + 1, current, depth + 1, out);
        }
    }

    /** PrivBayes' R score: half the L1 distance between the joint and the product of the marginals. */
    private static double score(int[][] codes, int[] domain, int x, int[] parents, int rows) {
        int pc = 1;
        for (int p : parents) {
            pc *= domain[p];
        }
        double[] joint = new double[domain[x] * pc];
        double[] px = new double[domain[x]];
        double[] pp = new double[pc];
        for (int r = 0; r < rows; r++) {
            int config = 0;
            for (int p : parents) {
                config = config * domain[p] + codes[p][r];
            }
            joint[config * domain[x] + codes[x][r]]++;
            px[codes[x][r]]++;
            pp[config]++;
        }
        double s = 0;
        for (int cfg = 0; cfg < pc; cfg++) {
            for (int v = 0; v < domain[x]; v++) {
                s += Math.abs(joint[cfg * domain[x] + v] / rows - px[v] / rows * pp[cfg] / rows);
            }
        }
        return s / 2;
    }

    private static double[] noisyConditional(int[][] codes, int[] domain, int x, int[] parents, int rows,
            LaplaceDistribution noise, RandomGenerator rng) {
        int pc = 1;
        for (int p : parents) {
            pc *= domain[p];
        }
        double[] t = new double[domain[x] * pc];
        for (int r = 0; r < rows; r++) {
            int config = 0;
            for (int p : parents) {
                config = config * domain[p] + codes[p][r];
            }
            t[config * domain[x] + codes[x][r]]++;
        }
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.max(0, t[i] + noise.inverseCumulativeProbability(rng.nextDouble()));
        }
        for (int cfg = 0; cfg < pc; cfg++) {
            double sum = 0;
            for (int v = 0; v < domain[x]; v++) {
                sum += t[cfg * domain[x] + v];
            }
            for (int v = 0; v < domain[x]; v++) {
                t[cfg * domain[x] + v] = sum > 0 ? t[cfg * domain[x] + v] / sum : 1.0 / domain[x];
            }
        }
        return t;
    }

    private static int configuration(int[] parents, int[] domain, int[] sampled) {
        int config = 0;
        for (int p : parents) {
            config = config * domain[p] + sampled[p];
        }
        return config;
    }

    private static int draw(double[] p, int offset, int size, RandomGenerator rng) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int v = 0; v < size; v++) {
            acc += p[offset + v];
            if (u < acc) {
                return v;
            }
        }
        return size - 1;
    }
}
