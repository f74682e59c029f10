package org.genosynth.table.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.genosynth.table.DataTable;
import org.genosynth.table.synth.pgm.ForwardSampler;
import org.genosynth.table.synth.pgm.JunctionTree;
import org.genosynth.table.synth.pgm.MarginalModel;
import org.genosynth.table.synth.pgm.Measurement;
import org.genosynth.table.synth.pgm.MirrorDescent;
import org.hipparchus.random.RandomGenerator;

/**
 * AIM (McKenna, Mullins, Sheldon and Miklau 2022, "AIM: an adaptive and iterative mechanism for differentially private
 * synthetic data"), in zCDP, for neighbouring tables that differ by adding or removing one row.
 *
 * <ol>
 * <li>Budget: {@code rho} is the largest zCDP parameter that implies ({@code epsilon}, {@code delta})-DP
 * ({@link Zcdp}). {@value #COUNT_SHARE} of it measures the number of rows (Gaussian noise); the noisy count only
 * chooses the bin counts, so the row count is not assumed public.</li>
 * <li>Domains ({@link Discretizer#ofPublicDomain}): the public schema only, nothing read from the data: numbers as
 * their user-given bounds (codes of their own), whole numbers of decimal columns with narrow bounds, and {@code F}
 * equal-width bins between the bounds; labels as declared; a "missing" code for every column;
 * {@code F = clamp(0.6 n~ / (2 s), 2, maxBins)} with {@code s} the noise of the budget split among {@code 2d - 1}
 * measurements ({@link AimWorkload}).</li>
 * <li>Workload: every 1-, 2- and 3-way marginal (3-way where the domain allows); the candidates are scored with AIM's
 * weights (the number of workload attributes they share). A k-way measurement counts groups of adjacent bins
 * (atoms, labels and "missing" stay codes of their own) so that its cells are not far below the noise.</li>
 * <li>Initialisation: {@code T = 2 d} planned rounds ({@value #ROUNDS_PER_COLUMN} per column; AIM's default, 16,
 * suits tables of thousands of rows); {@code sigma = sqrt(T / (2 * 0.9 rho))},
 * {@code eps = sqrt(8 * 0.1 rho / T)}; every one-way marginal is measured with the Gaussian mechanism.</li>
 * <li>Rounds, until rho is spent: among the candidates whose addition keeps the junction tree's size under
 * {@code maxCells * rho_used / rho} (or that lie inside a clique of the model already), the exponential mechanism
 * (cost {@code eps^2 / 8}) picks one with probability proportional to {@code exp(eps q / (2 max w))}, {@code q = w
 * (||x - Q mu_model||_1 - sqrt(2/pi) sigma cells)}; it is measured (cost {@code 1 / (2 sigma^2)}) and the model refit
 * ({@link MirrorDescent}, Private-PGM). When the refit moves the measured marginal by less than its expected noise
 * ({@code sqrt(2/pi) sigma cells}), sigma is halved and eps doubled (budget annealing). When what is left cannot pay
 * for two more rounds, the last round spends all of it.</li>
 * <li>Sampling (post-processing): rows from the fitted model ({@link ForwardSampler}); a bin's number from a density
 * linear within the bin (slope from the model's neighbouring bins), rounded as the column is written; atoms and labels
 * exactly.</li>
 * </ol>
 */
public final class Aim extends ZcdpBudgeted {
    /** Share of rho spent on the noisy row count. */
    static final double COUNT_SHARE = 0.02;
    /** Share of a round's budget spent on its measurement (the rest on its selection), as AIM. */
    static final double MEASURE_SHARE = 0.9;
    /**
     * Planned rounds per column, T = 2d (AIM's default is 16d, made for tables of thousands of rows: on 309 diabetes
     * rows at epsilon 1 it left the one-way tables with noise of 78 counts per cell and measured KS 0.82; with the
     * public domain T = 2d measured KS 0.834 and T = 3d 0.819 at epsilon 1).
     */
    static final int ROUNDS_PER_COLUMN = 2;
    /** Largest model: total cells of the junction tree's clique tables when the whole budget is spent. */
    static final long MAX_MODEL_CELLS = 200_000;
    /** Mirror-descent steps after each round, and for the final model. */
    static final int ROUND_ITERATIONS = 200;
    static final int FINAL_ITERATIONS = 1000;

    public Aim(double epsilon, double delta, int maxBins, Map<String, double[]> bounds) {
        super(epsilon, delta, maxBins, bounds, "AIM");
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
        double budget = rho - rhoCount;
        AimWorkload workload = AimWorkload.of(real, cols, noisyRows, budget, maxBins, bounds, MAX_MODEL_CELLS);
        leaks.addAll(workload.leaks);
        int[] domain = workload.domain;

        int rounds = ROUNDS_PER_COLUMN * d;
        double sigma = Math.sqrt(rounds / (2 * MEASURE_SHARE * budget));
        double eps = Math.sqrt(8 * (1 - MEASURE_SHARE) * budget / rounds);
        List<Measurement> measurements = new ArrayList<>();
        List<int[]> cliques = new ArrayList<>();
        double used = 0;
        for (AimWorkload.Candidate c : workload.candidates) {
            if (c.attrs.length == 1) {
                measurements.add(c.measure(sigma, domain, rng));
                cliques.add(c.attrs);
                used += 1 / (2 * sigma * sigma);
            }
        }
        JunctionTree tree = JunctionTree.of(cliques, domain);
        MarginalModel model = MirrorDescent.fit(tree, measurements, MirrorDescent.total(measurements), null,
                ROUND_ITERATIONS);
        workload.addJointCandidates(model);
        List<String> selected = new ArrayList<>();
        int annealed = 0;
        boolean last = false;
        while (!last && used < budget) {
            if (budget - used < 2 * (1 / (2 * sigma * sigma) + eps * eps / 8)) {
                double remaining = budget - used;
                sigma = Math.sqrt(1 / (2 * MEASURE_SHARE * remaining));
                eps = Math.sqrt(8 * (1 - MEASURE_SHARE) * remaining);
                last = true;
            }
            used += 1 / (2 * sigma * sigma) + eps * eps / 8;
            double sizeLimit = MAX_MODEL_CELLS * Math.min(1, used / budget);
            List<AimWorkload.Candidate> allowed = new ArrayList<>();
            for (AimWorkload.Candidate c : workload.candidates) {
                if (insideAClique(c.attrs, cliques) || modelCells(cliques, c.attrs, domain) <= sizeLimit) {
                    allowed.add(c);
                }
            }
            AimWorkload.Candidate pick = allowed.get(worstApproximated(allowed, model, sigma, eps, rng));
            Measurement m = pick.measure(sigma, domain, rng);
            double[] before = pick.coarse(model);
            measurements.add(m);
            if (!insideAClique(pick.attrs, cliques)) {
                cliques.add(pick.attrs);
            }
            JunctionTree next = JunctionTree.of(cliques, domain);
            model = MirrorDescent.fit(next, measurements, MirrorDescent.total(measurements),
                    model.potentialsFor(next), ROUND_ITERATIONS);
            double[] after = pick.coarse(model);
            double moved = 0;
            for (int k = 0; k < after.length; k++) {
                moved += Math.abs(after[k] - before[k]);
            }
            selected.add(pick.name(real, cols) + String.format(Locale.ROOT, " (sigma %.1f)", sigma));
            if (!last && moved <= Math.sqrt(2 / Math.PI) * sigma * after.length) {
                sigma /= 2;
                eps *= 2;
                annealed++;
            }
        }
        JunctionTree tree2 = JunctionTree.of(cliques, domain);
        model = MirrorDescent.fit(tree2, measurements, MirrorDescent.total(measurements), model.potentialsFor(tree2),
                FINAL_ITERATIONS);
        double[][] oneWay = new double[d][];
        boolean[][] dropped = new boolean[d][];
        double floor = OPTIONAL_THRESHOLD * Math.sqrt(rounds / (2 * MEASURE_SHARE * budget)) / noisyRows;
        for (int a = 0; a < d; a++) {
            oneWay[a] = model.probabilities(a);
            dropped[a] = new boolean[domain[a]];
            for (int code = 0; code < domain[a]; code++) {
                dropped[a][code] = workload.discretizers[a].isOptional(code) && oneWay[a][code] < floor;
            }
        }
        ForwardSampler sampler = new ForwardSampler(model);
        double[][] out = new double[real.columnCount()][n];
        for (double[] col : out) {
            Arrays.fill(col, Double.NaN);
        }
        for (int i = 0; i < n; i++) {
            int[] code = sampler.draw(rng);
            for (int a = 0; a < d; a++) {
                if (dropped[a][code[a]]) {
                    code[a] = replacement(workload.discretizers[a], code[a], oneWay[a], dropped[a], rng);
                }
            }
            for (int a = 0; a < d; a++) {
                out[cols[a]][i] = workload.discretizers[a].decode(code[a], rng, oneWay[a]);
            }
        }
        description = String.format(Locale.ROOT, "AIM with a Private-PGM graphical model, (epsilon %s, delta %s)-DP "
                + "= %.4g-zCDP: noisy row count (sigma %.1f), %d one-way Gaussian measurements (sigma %.1f counts), "
                + "%d adaptive rounds (exponential-mechanism selection, Gaussian measurement; noise halved %d "
                + "times); %s; junction tree of %d cliques, %d cells; measured: %s", epsilon, delta, rho,
                Math.sqrt(1 / (2 * rhoCount)), d, Math.sqrt(rounds / (2 * MEASURE_SHARE * budget)),
                selected.size(), annealed, workload.describe(), tree2.nodes().size(), tree2.cells(),
                String.join(", ", selected));
        return new DataTable(real.columns(), out);
    }

    /**
     * For a code not sampled: an atom becomes the bin that holds its value (its rows were drawn as part of that bin);
     * "missing" becomes a code drawn from the column's one-way estimate among the codes kept.
     */
    private static int replacement(Discretizer disc, int code, double[] p, boolean[] dropped, RandomGenerator rng) {
        int bin = disc.binHolding(code);
        if (bin >= 0 && !dropped[bin]) {
            return bin;
        }
        double total = 0;
        for (int k = 0; k < p.length; k++) {
            total += dropped[k] ? 0 : p[k];
        }
        double u = rng.nextDouble() * total;
        int last = code;
        for (int k = 0; k < p.length; k++) {
            if (!dropped[k]) {
                last = k;
                u -= p[k];
                if (u < 0) {
                    return k;
                }
            }
        }
        return last;
    }

    private static boolean insideAClique(int[] attrs, List<int[]> cliques) {
        for (int[] c : cliques) {
            boolean all = true;
            for (int a : attrs) {
                all &= Arrays.binarySearch(c, a) >= 0;
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static long modelCells(List<int[]> cliques, int[] extra, int[] domain) {
        List<int[]> with = new ArrayList<>(cliques);
        with.add(extra);
        return JunctionTree.of(with, domain).cells();
    }

    /**
     * AIM's selection: the exponential mechanism on {@code w (||x - Q mu||_1 - sqrt(2/pi) sigma cells)}, whose
     * sensitivity is the largest weight (adding or removing a row moves each marginal by 1 in L1).
     */
    private static int worstApproximated(List<AimWorkload.Candidate> candidates, MarginalModel model, double sigma,
            double eps, RandomGenerator rng) {
        double[] score = new double[candidates.size()];
        double sensitivity = 0;
        for (int i = 0; i < score.length; i++) {
            AimWorkload.Candidate c = candidates.get(i);
            double[] est = c.coarse(model);
            double err = 0;
            for (int k = 0; k < est.length; k++) {
                err += Math.abs(c.truth[k] - est[k]);
            }
            score[i] = c.weight * (err - Math.sqrt(2 / Math.PI) * sigma * est.length);
            sensitivity = Math.max(sensitivity, Math.abs(c.weight));
        }
        double max = Arrays.stream(score).max().orElse(0);
        double[] w = new double[score.length];
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(eps * (score[i] - max) / (2 * sensitivity));
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
}
