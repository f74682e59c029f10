package org.genosynth.table.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.genosynth.table.DataTable;
import org.genosynth.table.synth.pgm.MarginalModel;
import org.genosynth.table.synth.pgm.Measurement;
import org.hipparchus.random.RandomGenerator;

/**
 * AIM's workload and candidates on a table's discrete domain: every column's {@link Discretizer} (the bin count set
 * by the noisy row count and the noise a budget split among {@code 2d - 1} measurements would have), and every 1-, 2-
 * and 3-way marginal whose fine domain fits a quarter of the model-size cap, each with AIM's weight (the sum over the
 * workload's marginals of the attributes shared) and the grouping its measurements use: one-way tables per code; a
 * k-way table groups each number's codes (atoms and bins in value order) into {@code clamp(floor((n~ / s)^(1/k)), 2,
 * F)} runs of about equal probability under the model's one-way estimates, so that its cells hold about {@code s}
 * rows or more (labels and "missing" keep a group each).
 */
final class AimWorkload {
    /**
     * Bins per number: {@code F = clamp(BIN_SHARE n~ / (2 s), 2, maxBins)}, s the noise of the budget split among
     * {@code 2d - 1} measurements (0.6 measured better than 1 on diabetes at epsilon 1: KS 0.885 vs 0.865).
     */
    static final double BIN_SHARE = 0.6;
    final Discretizer[] discretizers;
    final int[] domain;
    final List<Candidate> candidates = new ArrayList<>();
    private final List<int[]> sets = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();
    final List<String> leaks = new ArrayList<>();
    private final int fine;
    private final int[] groupsPerWay;

    private AimWorkload(Discretizer[] discretizers, int[] domain, int fine, int[] groupsPerWay) {
        this.discretizers = discretizers;
        this.domain = domain;
        this.fine = fine;
        this.groupsPerWay = groupsPerWay;
    }

    static AimWorkload of(DataTable real, int[] cols, double noisyRows, double rho, int maxBins,
            Map<String, double[]> bounds, long maxCells) {
        int d = cols.length;
        double reference = Math.sqrt(Math.max(1, 2 * d - 1) / (2 * rho));
        int fine = clamp((int) Math.floor(BIN_SHARE * noisyRows / (2 * reference)), 2, maxBins);
        int[] groupsPerWay = new int[4];
        for (int k = 1; k <= 3; k++) {
            groupsPerWay[k] = k == 1 ? fine : clamp((int) Math.floor(Math.pow(noisyRows / reference, 1.0 / k)), 2,
                    fine);
        }
        Discretizer[] disc = new Discretizer[d];
        int[] domain = new int[d];
        AimWorkload w = new AimWorkload(disc, domain, fine, groupsPerWay);
        for (int a = 0; a < d; a++) {
            disc[a] = Discretizer.ofPublicDomain(real, cols[a], fine, bounds);
            domain[a] = disc[a].size;
            w.leaks.addAll(disc[a].leaks);
        }
        List<int[]> sets = w.sets;
        for (int a = 0; a < d; a++) {
            sets.add(new int[] {a});
            for (int b = a + 1; b < d; b++) {
                sets.add(new int[] {a, b});
                for (int c = b + 1; c < d; c++) {
                    sets.add(new int[] {a, b, c});
                }
            }
        }
        sets.removeIf(s -> cells(s, domain) > maxCells / 4);
        for (int[] s : sets) {
            double weight = 0;
            for (int[] other : sets) {
                weight += IntStream.of(s).filter(x -> IntStream.of(other).anyMatch(y -> y == x)).count();
            }
            w.weights.add(weight);
            if (s.length == 1) {
                w.candidates.add(w.new Candidate(s, weight, new int[][] {IntStream.range(0, domain[s[0]]).toArray()}));
            }
        }
        return w;
    }

    private static long cells(int[] s, int[] domain) {
        long c = 1;
        for (int a : s) {
            c *= domain[a];
        }
        return c;
    }

    static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /**
     * Adds the 2- and 3-way candidates, their groupings cut from the model's one-way estimates (post-processing of
     * the one-way measurements, no further privacy cost).
     */
    void addJointCandidates(MarginalModel model) {
        int d = domain.length;
        int[][][] groupOf = new int[4][d][];
        for (int a = 0; a < d; a++) {
            double[] p = model.probabilities(a);
            for (int k = 2; k <= 3; k++) {
                groupOf[k][a] = grouping(discretizers[a], p, groupsPerWay[k]);
            }
        }
        for (int i = 0; i < sets.size(); i++) {
            int[] s = sets.get(i);
            if (s.length > 1) {
                int[][] g = new int[s.length][];
                for (int j = 0; j < s.length; j++) {
                    g[j] = groupOf[s.length][s[j]];
                }
                candidates.add(new Candidate(s, weights.get(i), g));
            }
        }
    }

    /**
     * Code to group: a number's codes (atoms and bins, in value order) in at most {@code groups} runs of about equal
     * probability {@code p}; every label and "missing" a group of its own.
     */
    static int[] grouping(Discretizer disc, double[] p, int groups) {
        int[] map = new int[disc.size];
        boolean ordered = disc.column.type().isNumeric();
        double mass = 0;
        for (int code = 0; code < disc.size; code++) {
            if (ordered && !disc.isMissing(code)) {
                mass += p[code];
            }
        }
        int next = -1;
        int lastRun = -1;
        double before = 0;
        for (int code = 0; code < disc.size; code++) {
            if (!ordered || disc.isMissing(code)) {
                map[code] = ++next;
                lastRun = -1;
                continue;
            }
            double mid = mass > 0 ? (before + p[code] / 2) / mass : (code + 0.5) / disc.size;
            before += p[code];
            int g = Math.min(groups - 1, (int) Math.floor(mid * groups));
            if (g != lastRun) {
                next++;
                lastRun = g;
            }
            map[code] = next;
        }
        return map;
    }

    String describe() {
        int triples = (int) candidates.stream().filter(c -> c.attrs.length == 3).count();
        return String.format(Locale.ROOT, "%d bins per number, %d / %d groups in 2- / 3-way tables; workload of %d "
                + "marginals (%d 3-way)", fine, groupsPerWay[2], groupsPerWay[3], candidates.size(), triples);
    }

    /** A marginal AIM may select: its attributes, weight, grouping and true grouped counts. */
    final class Candidate {
        final int[] attrs;
        final double weight;
        final int[][] groupOf;
        final int[] groups;
        final double[] truth;

        Candidate(int[] attrs, double weight, int[][] groupOf) {
            this.attrs = attrs;
            this.weight = weight;
            int k = attrs.length;
            this.groupOf = groupOf;
            groups = new int[k];
            int cells = 1;
            for (int j = 0; j < k; j++) {
                groups[j] = IntStream.of(groupOf[j]).max().orElse(0) + 1;
                cells *= groups[j];
            }
            truth = new double[cells];
            int rows = discretizers[0].codes.length;
            for (int r = 0; r < rows; r++) {
                int idx = 0;
                for (int j = 0; j < k; j++) {
                    idx = idx * groups[j] + groupOf[j][discretizers[attrs[j]].codes[r]];
                }
                truth[idx]++;
            }
        }

        /** The Gaussian mechanism on the grouped counts (L2 sensitivity 1). */
        Measurement measure(double sigma, int[] domain, RandomGenerator rng) {
            double[] y = truth.clone();
            for (int i = 0; i < y.length; i++) {
                y[i] += sigma * rng.nextGaussian();
            }
            return new Measurement(attrs, groupOf, groups, domain, y, sigma);
        }

        /** The model's grouped counts of this marginal. */
        double[] coarse(MarginalModel model) {
            double[] fineCounts = model.project(attrs).values();
            int[] map = Measurement.coarseCells(attrs, groupOf, groups, domain);
            double[] out = new double[truth.length];
            for (int c = 0; c < fineCounts.length; c++) {
                out[map[c]] += fineCounts[c];
            }
            return out;
        }

        String name(DataTable real, int[] cols) {
            return IntStream.of(attrs).mapToObj(a -> real.column(cols[a]).name()).collect(Collectors.joining("-"));
        }
    }
}
