package org.genosynth.table.synth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.genosynth.table.DataTable;
import org.hipparchus.random.RandomGenerator;

/**
 * A marginal-based differentially private synthesizer of the MST / AIM family (McKenna, Miklau and Sheldon 2021,
 * "Winning the NIST contest"; McKenna et al. 2022, "AIM: an adaptive and iterative mechanism"), in zCDP, for
 * neighbouring tables that differ by adding or removing one row.
 *
 * <ol>
 * <li>Budget: {@code rho} is the largest zCDP parameter that implies ({@code epsilon}, {@code delta})-DP
 * ({@link Zcdp}). {@value #COUNT_SHARE} of it measures the number of rows (Gaussian noise), used only to choose the bin
 * counts, so the row count is not assumed public.</li>
 * <li>Domains ({@link Discretizer}): numbers into their point masses plus {@code F} equal-width bins over the range,
 * labels as they are, a code for "missing"; {@code F = clamp(n~ / (2 sigma), 2, maxBins)} so that a bin holds about two
 * noise standard deviations of rows. Two-way measurements use coarser bins ({@code C = clamp(sqrt(n~ / sigma), 2, F)}
 * groups of adjacent bins; atoms, labels and "missing" stay codes of their own).</li>
 * <li>Measurements: the rest of the budget but the selections' share, split evenly among {@code 2d - 1} Gaussian
 * measurements of sensitivity 1 (each count table changes by one cell when one row is added or removed), each
 * costing {@code 1 / (2 sigma^2)}: the d one-way marginals, then d - 1 two-way marginals.</li>
 * <li>Selection ({@value #SELECTION_SHARE} of the rest), d - 1 rounds, adaptive as in AIM: among the column pairs that
 * join two trees of the current model (so the model stays a tree, MST's structure), the exponential mechanism
 * (sensitivity 1, cost {@code eps^2 / 8}) picks one with probability proportional to {@code exp(eps q / 2)}, q = the L1
 * error of the current model's two-way marginal against the data's (MST's score; AIM subtracts the measurement's own
 * expected error, which in a tree makes cheap two-label pairs win every round and blocks the pairs that matter); the
 * pair is measured and added to the model.</li>
 * <li>Model (post-processing, no privacy cost): each one-way measurement divided by the noisy row count and projected
 * onto the probability simplex (Euclidean projection: least squares with non-negativity). A tree edge between two
 * ordered columns (numbers, two-label columns) is a bivariate normal copula ({@link GaussianEdge}) whose one
 * correlation is fitted by least squares to the noisy coarse table (shrunk by a normal prior of sd {@value #TAU});
 * other edges are fine tables fitted by iterative proportional fitting to their one-way marginals and the noisy
 * coarse table. For a tree these marginals define the distribution exactly ({@code p(x) = prod p(edges) /
 * prod p(nodes)^(deg-1)}): it is sampled root first, each column from its conditional given its parent; numbers from a
 * density linear within their bin.</li>
 * </ol>
 * Not done: AIM's re-measurement of cliques, budget annealing, 3-way marginals and Private-PGM's mirror descent on a
 * junction tree (a tree needs none), so pairs that are not tree edges only get the correlation their path implies.
 */
public final class Aim implements Synthesizer {
    /** Share of rho spent on the noisy row count. */
    static final double COUNT_SHARE = 0.02;
    /** Share of the rest spent on selections (AIM: 10%, MST: a third; 15% measured best on diabetes). */
    static final double SELECTION_SHARE = 0.15;
    /** Standard deviation of the normal prior that shrinks a tree edge's latent correlation towards 0. */
    static final double TAU = 0.5;

    private final double epsilon;
    private final double delta;
    private final int maxBins;
    private final Map<String, double[]> bounds;
    private final List<String> leaks = new ArrayList<>();
    private String description = "AIM (not fitted yet)";
    private double rho;

    public Aim(double epsilon, double delta, int maxBins, Map<String, double[]> bounds) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be positive and finite");
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1)");
        }
        this.epsilon = epsilon;
        this.delta = delta;
        this.maxBins = maxBins;
        this.bounds = bounds == null ? Map.of() : bounds;
    }

    /** What the output reveals beyond the guarantee: ranges, label sets, point masses, missing codes. */
    public List<String> leaks() {
        return List.copyOf(leaks);
    }

    /** The zCDP parameter spent. */
    public double rho() {
        return rho;
    }

    /** The epsilon of the classic conversion {@code rho + 2 sqrt(rho ln(1/delta))} (looser than the one used). */
    public double classicEpsilon() {
        return Zcdp.classicEpsilon(rho, delta);
    }

    @Override
    public DataTable synthesize(DataTable real, int n, RandomGenerator rng) {
        int[] cols = real.modelledColumns();
        int d = cols.length;
        leaks.clear();
        rho = Zcdp.rho(epsilon, delta);
        double rhoCount = COUNT_SHARE * rho;
        double noisyRows = Math.max(2, real.rows() + rng.nextGaussian() * Math.sqrt(1 / (2 * rhoCount)));
        double rest = rho - rhoCount;
        int edgesWanted = Math.max(0, d - 1);
        double rhoMeasure = edgesWanted > 0 ? (1 - SELECTION_SHARE) * rest : rest;
        int measurements = d + edgesWanted;
        double sigma = Math.sqrt(measurements / (2 * rhoMeasure));
        double epsSelect = edgesWanted > 0 ? Math.sqrt(8 * (rest - rhoMeasure) / edgesWanted) : 0;
        int fine = clamp((int) Math.floor(noisyRows / (2 * sigma)), 2, maxBins);
        int coarse = clamp((int) Math.floor(Math.sqrt(noisyRows / sigma)), 2, fine);

        Discretizer[] disc = new Discretizer[d];
        int[][] coarseOf = new int[d][];
        int[] coarseSize = new int[d];
        double[][] oneWay = new double[d][];
        for (int a = 0; a < d; a++) {
            disc[a] = new Discretizer(real, cols[a], fine, bounds);
            leaks.addAll(disc[a].leaks);
            coarseOf[a] = coarsening(disc[a], coarse);
            coarseSize[a] = Arrays.stream(coarseOf[a]).max().orElse(0) + 1;
            double[] y = new double[disc[a].size];
            for (int code : disc[a].codes) {
                y[code]++;
            }
            for (int k = 0; k < y.length; k++) {
                y[k] = (y[k] + sigma * rng.nextGaussian()) / noisyRows;
            }
            oneWay[a] = simplex(y);
        }

        int[] component = new int[d];
        for (int a = 0; a < d; a++) {
            component[a] = a;
        }
        List<int[]> edges = new ArrayList<>();
        List<double[]> tables = new ArrayList<>();
        List<Double> correlations = new ArrayList<>();
        for (int round = 0; round < edgesWanted; round++) {
            List<int[]> candidates = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            for (int a = 0; a < d; a++) {
                for (int b = a + 1; b < d; b++) {
                    if (find(component, a) != find(component, b)) {
                        double[] truth = coarseCounts(disc, coarseOf, coarseSize, a, b);
                        double[] model = coarseModel(oneWay, coarseOf, coarseSize, a, b, noisyRows);
                        double err = 0;
                        for (int k = 0; k < truth.length; k++) {
                            err += Math.abs(truth[k] - model[k]);
                        }
                        candidates.add(new int[] {a, b});
                        scores.add(err);
                    }
                }
            }
            if (candidates.isEmpty()) {
                break;
            }
            int[] pick = candidates.get(exponential(scores, epsSelect, rng));
            int a = pick[0];
            int b = pick[1];
            double[] y = coarseCounts(disc, coarseOf, coarseSize, a, b);
            for (int k = 0; k < y.length; k++) {
                y[k] = (y[k] + sigma * rng.nextGaussian()) / noisyRows;
            }
            edges.add(pick);
            if (ordered(disc[a]) && ordered(disc[b])) {
                double r = GaussianEdge.fit(coarsen(oneWay[a], coarseOf[a], coarseSize[a]),
                        coarsen(oneWay[b], coarseOf[b], coarseSize[b]), y, sigma / noisyRows, TAU);
                correlations.add(r);
                tables.add(GaussianEdge.cells(oneWay[a], oneWay[b], r));
            } else {
                correlations.add(Double.NaN);
                tables.add(fitEdge(oneWay[a], oneWay[b], coarseOf[a], coarseOf[b], coarseSize[b], simplex(y)));
            }
            component[find(component, a)] = find(component, b);
        }

        double[][] out = sample(real, cols, disc, oneWay, edges, tables, n, rng);
        StringBuilder links = new StringBuilder();
        for (int[] e : edges) {
            double r = correlations.get(links.length() == 0 ? 0 : links.toString().split(", ").length);
            links.append(links.length() == 0 ? "" : ", ").append(real.column(cols[e[0]]).name()).append('-')
                    .append(real.column(cols[e[1]]).name())
                    .append(Double.isNaN(r) ? "" : String.format(Locale.ROOT, " (r %.2f)", r));
        }
        description = String.format(Locale.ROOT, "AIM/MST tree model, (epsilon %s, delta %s)-DP = %.4g-zCDP: noisy "
                + "row count (sigma %.1f), %d one-way and %d two-way Gaussian measurements (sigma %.1f counts), "
                + "%d selections by the exponential mechanism (epsilon %.3g each); %d bins per number (%d for "
                + "two-way tables); tree edges: %s", epsilon, delta, rho, Math.sqrt(1 / (2 * rhoCount)), d,
                edges.size(), sigma, edges.size(), epsSelect, fine, coarse, links.length() == 0 ? "none" : links);
        return new DataTable(real.columns(), out);
    }

    @Override
    public String describe() {
        return description;
    }

    /** Numbers and two-label columns: codes in value order, so a latent normal can carry them. */
    private static boolean ordered(Discretizer disc) {
        return disc.column.type().isNumeric() || disc.column.levels().size() <= 2;
    }

    private static double[] coarsen(double[] p, int[] coarseOf, int size) {
        double[] out = new double[size];
        for (int k = 0; k < p.length; k++) {
            out[coarseOf[k]] += p[k];
        }
        return out;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /**
     * Fine code to coarse code, in value order: atoms, labels and "missing" keep a code each; runs of adjacent bins
     * are grouped into at most {@code coarse} groups.
     */
    private static int[] coarsening(Discretizer disc, int coarse) {
        int[] map = new int[disc.size];
        int bins = disc.bins();
        int groups = Math.min(coarse, Math.max(1, bins));
        int next = -1;
        int lastGroup = -1;
        for (int code = 0; code < disc.size; code++) {
            int b = disc.bin(code);
            if (b < 0) {
                map[code] = ++next;
                lastGroup = -1;
            } else {
                int g = (int) ((long) b * groups / bins);
                if (g != lastGroup) {
                    next++;
                    lastGroup = g;
                }
                map[code] = next;
            }
        }
        return map;
    }

    private static double[] coarseCounts(Discretizer[] disc, int[][] coarseOf, int[] coarseSize, int a, int b) {
        double[] t = new double[coarseSize[a] * coarseSize[b]];
        int[] ca = disc[a].codes;
        int[] cb = disc[b].codes;
        for (int r = 0; r < ca.length; r++) {
            t[coarseOf[a][ca[r]] * coarseSize[b] + coarseOf[b][cb[r]]]++;
        }
        return t;
    }

    /** The current model's counts of the coarse pair (a, b): a and b are in different trees, hence independent. */
    private static double[] coarseModel(double[][] oneWay, int[][] coarseOf, int[] coarseSize, int a, int b,
            double rows) {
        double[] pa = new double[coarseSize[a]];
        double[] pb = new double[coarseSize[b]];
        for (int k = 0; k < oneWay[a].length; k++) {
            pa[coarseOf[a][k]] += oneWay[a][k];
        }
        for (int k = 0; k < oneWay[b].length; k++) {
            pb[coarseOf[b][k]] += oneWay[b][k];
        }
        double[] t = new double[pa.length * pb.length];
        for (int i = 0; i < pa.length; i++) {
            for (int j = 0; j < pb.length; j++) {
                t[i * pb.length + j] = rows * pa[i] * pb[j];
            }
        }
        return t;
    }

    /** Exponential mechanism with sensitivity 1: index drawn with probability proportional to exp(eps q / 2). */
    private static int exponential(List<Double> scores, double eps, RandomGenerator rng) {
        double max = scores.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double[] w = new double[scores.size()];
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(eps * (scores.get(i) - max) / 2);
            total += w[i];
        }
        double u = rng.nextDouble() * total;
        double acc = 0;
        for (int i = 0; i < w.length; i++) {
            acc += w[i];
            if (u < acc) {
                return i;
            }
        }
        return w.length - 1;
    }

    /** Euclidean projection onto the probability simplex (Duchi et al. 2008). */
    static double[] simplex(double[] v) {
        double[] u = v.clone();
        Arrays.sort(u);
        double sum = 0;
        double theta = 0;
        for (int j = u.length - 1, k = 1; j >= 0; j--, k++) {
            sum += u[j];
            double t = (sum - 1) / k;
            if (u[j] - t > 0) {
                theta = t;
            }
        }
        double[] x = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            x[i] = Math.max(0, v[i] - theta);
        }
        return x;
    }

    /**
     * A table over the fine codes of (a, b) with rows summing to {@code pa}, columns to {@code pb} and coarse blocks
     * to {@code target}, as far as they agree: iterative proportional fitting from the independent table.
     */
    private static double[] fitEdge(double[] pa, double[] pb, int[] ca, int[] cb, int coarseB, double[] target) {
        int ka = pa.length;
        int kb = pb.length;
        double[] t = new double[ka * kb];
        for (int i = 0; i < ka; i++) {
            for (int j = 0; j < kb; j++) {
                t[i * kb + j] = pa[i] * pb[j];
            }
        }
        double[] block = new double[target.length];
        for (int iter = 0; iter < 200; iter++) {
            Arrays.fill(block, 0);
            for (int i = 0; i < ka; i++) {
                for (int j = 0; j < kb; j++) {
                    block[ca[i] * coarseB + cb[j]] += t[i * kb + j];
                }
            }
            for (int i = 0; i < ka; i++) {
                for (int j = 0; j < kb; j++) {
                    int k = ca[i] * coarseB + cb[j];
                    t[i * kb + j] = block[k] > 0 ? t[i * kb + j] * target[k] / block[k] : 0;
                }
            }
            for (int i = 0; i < ka; i++) {
                double s = 0;
                for (int j = 0; j < kb; j++) {
                    s += t[i * kb + j];
                }
                for (int j = 0; j < kb; j++) {
                    t[i * kb + j] = s > 0 ? t[i * kb + j] * pa[i] / s : 0;
                }
            }
            for (int j = 0; j < kb; j++) {
                double s = 0;
                for (int i = 0; i < ka; i++) {
                    s += t[i * kb + j];
                }
                for (int i = 0; i < ka; i++) {
                    t[i * kb + j] = s > 0 ? t[i * kb + j] * pb[j] / s : 0;
                }
            }
        }
        return t;
    }

    private static int find(int[] parent, int a) {
        while (parent[a] != a) {
            a = parent[a];
        }
        return a;
    }

    /** Rows from the tree model: each tree's root from its one-way marginal, every other column given its parent. */
    private static double[][] sample(DataTable real, int[] cols, Discretizer[] disc, double[][] oneWay,
            List<int[]> edges, List<double[]> tables, int n, RandomGenerator rng) {
        int d = cols.length;
        List<List<Integer>> adjacent = new ArrayList<>();
        for (int a = 0; a < d; a++) {
            adjacent.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.size(); e++) {
            adjacent.get(edges.get(e)[0]).add(e);
            adjacent.get(edges.get(e)[1]).add(e);
        }
        int[] order = new int[d];
        int[] parentEdge = new int[d];
        Arrays.fill(parentEdge, -1);
        boolean[] seen = new boolean[d];
        int k = 0;
        for (int root = 0; root < d; root++) {
            if (seen[root]) {
                continue;
            }
            Deque<Integer> queue = new ArrayDeque<>();
            queue.add(root);
            seen[root] = true;
            while (!queue.isEmpty()) {
                int a = queue.poll();
                order[k++] = a;
                for (int e : adjacent.get(a)) {
                    int other = edges.get(e)[0] == a ? edges.get(e)[1] : edges.get(e)[0];
                    if (!seen[other]) {
                        seen[other] = true;
                        parentEdge[other] = e;
                        queue.add(other);
                    }
                }
            }
        }
        double[][] out = new double[real.columnCount()][n];
        for (double[] col : out) {
            Arrays.fill(col, Double.NaN);
        }
        int[] code = new int[d];
        double[] w = new double[0];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < d; s++) {
                int a = order[s];
                int e = parentEdge[a];
                if (e < 0) {
                    code[a] = draw(oneWay[a], rng);
                    continue;
                }
                int[] edge = edges.get(e);
                double[] t = tables.get(e);
                int kb = oneWay[edge[1]].length;
                int size = oneWay[a].length;
                if (w.length < size) {
                    w = new double[size];
                }
                double total = 0;
                for (int v = 0; v < size; v++) {
                    w[v] = edge[1] == a ? t[code[edge[0]] * kb + v] : t[v * kb + code[edge[1]]];
                    total += w[v];
                }
                code[a] = total > 0 ? draw(Arrays.copyOf(w, size), rng) : draw(oneWay[a], rng);
            }
            for (int a = 0; a < d; a++) {
                out[cols[a]][i] = disc[a].decode(code[a], rng, oneWay[a]);
            }
        }
        return out;
    }

    private static int draw(double[] p, RandomGenerator rng) {
        double total = 0;
        for (double x : p) {
            total += x;
        }
        if (total <= 0) {
            return rng.nextInt(p.length);
        }
        double u = rng.nextDouble() * total;
        double acc = 0;
        for (int v = 0; v < p.length; v++) {
            acc += p[v];
            if (u < acc) {
                return v;
            }
        }
        return p.length - 1;
    }
}
