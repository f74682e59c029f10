package org.genosynth.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.genosynth.exec.Backend;

/**
 * Fits a {@link ClusterModel} by EM (Scheet &amp; Stephens 2006): on phased input over haplotypes, on unphased input
 * over genotypes with the diploid model. The fitting set is a seeded random subset of the training cohort sized to a
 * work budget ({@link #STATE_VISITS_PER_ITERATION} state-variant visits per iteration), split into a fixed number of
 * batches whose statistics are summed in batch order on the backend, so the fit is the same at any thread count.
 *
 * <p>M step, per population: {@code theta = (alt + 4 x pooled) / (weight + 4)}, the pooled frequency itself shrunk by
 * one pseudo-allele towards the site's ALT frequency (so a monomorphic site stays monomorphic); jump targets per population are shrunk towards the
 * pooled ones by the jumps of {@link #ALPHA_PRIOR} pseudo-haplotypes (a small population cannot pin its own haplotypes); the jump
 * probability between two variants is the expected number of jumps per haplotype, in {@code [1e-8, 0.999]}.
 */
final class ClusterFit {
    /** Work budget per EM iteration (state x variant visits); the fitting set is capped to fit it. */
    static final double STATE_VISITS_PER_ITERATION = 6e8;
    /**
     * Pseudo-haplotypes of the pooled jump targets added to each population's: a population's own jumps count as much
     * as the pooled ones once it has this many haplotypes.
     */
    static final double ALPHA_PRIOR = 20;
    /**
     * Pseudo-alleles of the pooled cluster frequency added to each population's: clusters keep their population's
     * alleles where it has data, and the pooled ones where it has little (4 gave membership AUC 0.58 on 1000 Genomes
     * chr20, 20 gave 0.55).
     */
    static final double THETA_PRIOR = 20;
    /** Pseudo-alleles at the site's ALT frequency added to each cluster's pooled frequency. */
    static final double POOLED_PRIOR = 1;
    /**
     * Pseudo-haplotypes at the pooled ALT frequency added to each population's when the model's frequencies are
     * calibrated: a rare allele of a few members of a small population is not pinned to that population.
     */
    static final double FREQUENCY_PRIOR = 100;
    /**
     * Variants up to which {@link #FREQUENCY_PRIOR} holds; beyond, it grows as the square root of the variant count.
     * A member's pull on its population's published frequencies is a membership signal whose strength grows as
     * {@code sqrt(M)} over M variants (Homer et al. 2008): the prior keeps that signal at what 25,000 variants give
     * (measured on 1000 Genomes chr20: membership AUC 0.548 at 24,990 variants; 0.586 on 8 x 3 Mb chimeras of the same
     * people, 199,920 variants, with a fixed prior of 100).
     */
    static final double FREQUENCY_PRIOR_VARIANTS = 25_000;
    /** Initial jump probability per cM between chained variants (EM moves it). */
    static final double INITIAL_JUMPS_PER_CM = 0.2;
    /** The final E step covers up to this many budgets of units. */
    static final double FINAL_PASS_FACTOR = 4;
    private static final int BATCHES = 16;
    private static final long INIT = 0xC1C1L;
    private static final long SUBSET = 0x5B5EL;
    private static final long PHASING = 0x9BA5EL;
    /** Clusters of the diploid model that phases unphased input (its cost grows as K^2). */
    static final int DIPLOID_CLUSTERS = 8;

    /** Settings: clusters, EM iterations. */
    record Settings(int clusters, int iterations) {
    }

    /** The fitted model and what the fit saw. */
    record Outcome(ClusterModel model, boolean diploid, int fitUnits, int availableUnits, double[] logLikelihood,
                   String stages) {
    }

    private ClusterFit() {
    }

    /**
     * Fits the model on the training cohort. Phased input: EM over haplotypes. Unphased input:
     * a diploid model with at most {@link #DIPLOID_CLUSTERS} clusters is fitted on genotypes, haplotype pairs of the
     * training genomes are sampled from its posterior (statistical phasing), and the drawn model is fitted on them as
     * on phased input: the diploid model costs K^2 per variant, the haplotype model K, so the drawn model can have the
     * clusters that sequence-density LD needs.
     *
     * @param panel       genotype rows (unphased) or haplotype rows (phased) of the training cohort
     * @param diploid     true for genotype rows (codes 0/1/2/3), false for haplotype rows (codes 0/1/3)
     * @param unitPop     population of each row
     * @param populations number of populations
     * @param free        variants outside the chain (no position)
     */
    static Outcome fit(DonorPanel panel, boolean diploid, int[] unitPop, int populations, GeneticMap map,
            boolean[] free, Settings settings, long seed, Backend backend) {
        int m = panel.variantCount();
        int units = panel.donorCount();
        double[][] target = targets(panel, diploid, unitPop, populations, m);
        int k = settings.clusters();
        if (!diploid) {
            Fitted f = fitUnits(panel::codes, units, false, unitPop, populations, map, free, k,
                    settings.iterations(), target, seed, backend);
            return new Outcome(f.model(), false, f.fitUnits(), units, f.logLikelihood(),
                    "EM on " + f.fitUnits() + " of " + units + " phased haplotypes, K = " + k);
        }
        int kd = Math.min(k, DIPLOID_CLUSTERS);
        Fitted dip = fitUnits(panel::codes, units, true, unitPop, populations, map, free, kd,
                settings.iterations(), target, seed, backend);
        int cap = (int) Math.max(Math.min(units, k), Math.min(units, FINAL_PASS_FACTOR * STATE_VISITS_PER_ITERATION
                / ((double) m * k) / 2));
        int[] phased = subset(units, cap, seed ^ PHASING);
        byte[][] haps = new byte[2 * phased.length][];
        samplePairs(panel, dip, kd, free, unitPop, phased, seed, backend, (pair, i) -> {
            haps[2 * i] = pair[0];
            haps[2 * i + 1] = pair[1];
        });
        int[] hapPop = new int[haps.length];
        for (int i = 0; i < phased.length; i++) {
            hapPop[2 * i] = unitPop[phased[i]];
            hapPop[2 * i + 1] = unitPop[phased[i]];
        }
        Fitted hap = fitUnits(i -> haps[i], haps.length, false, hapPop, populations, map, free, k,
                settings.iterations(), target, seed, backend);
        return new Outcome(hap.model(), true, dip.fitUnits(), units, hap.logLikelihood(),
                "diploid EM (K = " + kd + ") on " + dip.fitUnits() + " of " + units + " genotypes; haplotypes of "
                        + phased.length + " genotypes sampled from its posterior; EM (K = " + k + ") on those "
                        + haps.length + " haplotypes");
    }

    /**
     * Statistical phasing of every genome ({@code synth --statistical-phasing}): the diploid model (K =
     * {@code k} clusters, at most {@link #DIPLOID_CLUSTERS}; one population) fitted on the genotypes as {@link #fit}
     * fits it, then one haplotype pair of each genome drawn from its posterior. Returns, per variant, the bits of the
     * samples whose first drawn haplotype carries ALT (at heterozygous calls: the phase, in the layout the VCF reader
     * gives). The draws are keyed by sample, so the result is the same at any thread count.
     */
    static List<long[]> phaseAll(DonorPanel panel, GeneticMap map, boolean[] free, int k, int iterations, long seed,
            Backend backend) {
        int m = panel.variantCount();
        int units = panel.donorCount();
        int[] unitPop = new int[units];
        double[][] target = targets(panel, true, unitPop, 1, m);
        int kd = Math.min(k, DIPLOID_CLUSTERS);
        Fitted dip = fitUnits(panel::codes, units, true, unitPop, 1, map, free, kd, iterations, target, seed, backend);
        List<long[]> phase = new ArrayList<>(m);
        for (int v = 0; v < m; v++) {
            phase.add(new long[(units + 63) >>> 6]);
        }
        samplePairs(panel, dip, kd, free, unitPop, IntStream.range(0, units).toArray(), seed, backend, (pair, u) -> {
            for (int v = 0; v < m; v++) {
                if (pair[0][v] == 1) {
                    phase.get(v)[u >>> 6] |= 1L << (u & 63);
                }
            }
        });
        return phase;
    }

    /**
     * Draws a haplotype pair of each genome {@code which[i]} from the diploid model's posterior (its own stream, keyed
     * by the genome), in batches on the backend, and hands each pair to {@code sink} with its index {@code i}, in
     * order, on the calling thread.
     */
    private static void samplePairs(DonorPanel panel, Fitted dip, int kd, boolean[] free, int[] unitPop, int[] which,
            long seed, Backend backend, java.util.function.ObjIntConsumer<byte[][]> sink) {
        int m = panel.variantCount();
        int batchCount = Math.min(BATCHES, which.length);
        List<int[]> batches = new ArrayList<>();
        for (int bIdx = 0; bIdx < batchCount; bIdx++) {
            final int bb = bIdx;
            batches.add(IntStream.range(0, which.length).filter(i -> i % batchCount == bb).toArray());
        }
        backend.mapOrdered(batches.iterator(), () -> new ForwardBackward(kd, m, true, free), (fb, batch) -> {
            byte[][][] out = new byte[batch.length][][];
            for (int b = 0; b < batch.length; b++) {
                int u = which[batch[b]];
                int p = unitPop[u];
                out[b] = fb.samplePhase(panel.codes(u), dip.theta()[p], dip.jump(), dip.alpha()[p],
                        new SplittableRandom(RowBuilder.mix(seed, PHASING, u)));
            }
            return new Object[] {batch, out};
        }, res -> {
            int[] batch = (int[]) ((Object[]) res)[0];
            byte[][][] out = (byte[][][]) ((Object[]) res)[1];
            for (int b = 0; b < batch.length; b++) {
                sink.accept(out[b], batch[b]);
            }
        });
    }

    /** The fitted parameters. */
    private record Fitted(ClusterModel model, float[][] theta, float[][] alpha, double[] jump, int fitUnits,
                          double[] logLikelihood) {
    }

    /** The pseudo-haplotypes of {@link #FREQUENCY_PRIOR} for {@code m} variants. */
    static double frequencyPrior(int m) {
        return FREQUENCY_PRIOR * Math.max(1, Math.sqrt(m / FREQUENCY_PRIOR_VARIANTS));
    }

    /** ALT frequency targets per population: each population's, shrunk towards the pooled frequency. */
    private static double[][] targets(DonorPanel panel, boolean diploid, int[] unitPop, int populations, int m) {
        int units = panel.donorCount();
        double[][] target = frequencies(panel, diploid, unitPop, populations, m);
        double[] pooledTarget = frequencies(panel, diploid, new int[units], 1, m)[0];
        int[] popUnits = new int[populations];
        for (int u = 0; u < units; u++) {
            popUnits[unitPop[u]]++;
        }
        double prior = frequencyPrior(m);
        for (int p = 0; p < populations; p++) {
            double h = popUnits[p] * (diploid ? 2.0 : 1.0);
            for (int v = 0; v < m; v++) {
                target[p][v] = (h * target[p][v] + prior * pooledTarget[v]) / (h + prior);
            }
        }
        return target;
    }

    private static Fitted fitUnits(java.util.function.IntFunction<byte[]> codes, int units, boolean diploid,
            int[] unitPop, int populations, GeneticMap map, boolean[] free, int k, int iterations,
            double[][] target, long seed, Backend backend) {
        int m = free.length;
        double perUnit = (double) m * (diploid ? k * k * 3 : k);
        int cap = (int) Math.max(Math.min(units, 2 * k), Math.min(units, STATE_VISITS_PER_ITERATION / perUnit));
        int[] chosen = subset(units, cap, seed);
        byte[][] obs = new byte[chosen.length][];
        for (int i = 0; i < chosen.length; i++) {
            obs[i] = codes.apply(chosen[i]);
        }
        int[] pops = Arrays.stream(chosen).map(u -> unitPop[u]).toArray();
        double[] freq = new double[m];
        for (int v = 0; v < m; v++) {
            double alt = 0;
            double called = 0;
            for (byte[] o : obs) {
                if (o[v] != 3) {
                    alt += o[v];
                    called += diploid ? 2 : 1;
                }
            }
            freq[v] = called > 0 ? alt / called : 0;
        }
        int[] starts = chromStarts(map);
        float[] theta0 = new float[m * k];
        SplittableRandom r = new SplittableRandom(RowBuilder.mix(seed, INIT));
        for (int v = 0; v < m; v++) {
            for (int a = 0; a < k; a++) {
                // random start with mean the site frequency (u^a has mean 1 / (1 + a)); 0 and 1 stay exact
                double p = freq[v];
                double u = r.nextDouble();
                theta0[v * k + a] = (float) (p <= 0 || p >= 1 ? p
                        : p <= 0.5 ? Math.pow(u, (1 - p) / p) : 1 - Math.pow(u, p / (1 - p)));
            }
        }
        double[] jump = new double[m];
        // fixed jumps: 1 at the first chained variant of each chromosome and at every unchained (position-less) one
        boolean[] first = new boolean[m];
        for (int c = 0; c + 1 < starts.length; c++) {
            int last = -1;
            for (int v = starts[c]; v < starts[c + 1]; v++) {
                if (free[v]) {
                    first[v] = true;
                    jump[v] = 1;
                    continue;
                }
                first[v] = last < 0;
                double d = last < 0 ? Double.NaN : map.coordinate(v) - map.coordinate(last);
                jump[v] = first[v] ? 1 : clamp(-Math.expm1(-Math.max(d, 0) * INITIAL_JUMPS_PER_CM), 1e-4, 0.5);
                last = v;
            }
        }
        float[][] alpha = new float[populations][m * k];
        for (float[] a : alpha) {
            Arrays.fill(a, 1f / k);
        }
        float[][] theta = new float[populations][];
        Arrays.fill(theta, theta0);
        int batchCount = Math.min(BATCHES, chosen.length);
        List<int[]> batches = new ArrayList<>();
        for (int bIdx = 0; bIdx < batchCount; bIdx++) {
            final int bb = bIdx;
            batches.add(IntStream.range(0, chosen.length).filter(i -> i % batchCount == bb).toArray());
        }
        // the last iteration runs over every training unit (up to FINAL_PASS_FACTOR budgets): per-population jump
        // targets and cluster frequencies then come from everyone, not only from the EM subset
        int[] all = subset(units, (int) Math.min(units, FINAL_PASS_FACTOR * STATE_VISITS_PER_ITERATION / perUnit),
                seed);
        byte[][] allObs = all.length == chosen.length ? obs : new byte[all.length][];
        if (allObs != obs) {
            for (int i = 0; i < all.length; i++) {
                allObs[i] = codes.apply(all[i]);
            }
        }
        int[] allPops = Arrays.stream(all).map(u -> unitPop[u]).toArray();
        int allBatchCount = Math.min(BATCHES, all.length);
        List<int[]> allBatches = new ArrayList<>();
        for (int bIdx = 0; bIdx < allBatchCount; bIdx++) {
            final int bb = bIdx;
            allBatches.add(IntStream.range(0, all.length).filter(i -> i % allBatchCount == bb).toArray());
        }
        double[] logLik = new double[iterations];
        for (int it = 0; it < iterations; it++) {
            boolean last = it == iterations - 1;
            byte[][] itObs = last ? allObs : obs;
            int[] itPops = last ? allPops : pops;
            ClusterStats total = new ClusterStats(m * k, populations);
            final float[][] th = theta;
            final double[] jp = jump;
            final float[][] al = alpha;
            backend.mapOrdered((last ? allBatches : batches).iterator(), () -> new ForwardBackward(k, m, diploid, free),
                    (fb, batch) -> {
                        ClusterStats st = new ClusterStats(m * k, populations);
                        for (int i : batch) {
                            if (diploid) {
                                fb.diploid(itObs[i], th[itPops[i]], jp, al[itPops[i]], itPops[i], st);
                            } else {
                                fb.haploid(itObs[i], th[itPops[i]], jp, al[itPops[i]], itPops[i], st);
                            }
                        }
                        return st;
                    }, total::add);
            logLik[it] = total.logLikelihood / itObs.length;
            double haplotypes = itObs.length * (diploid ? 2.0 : 1.0);
            theta = new float[populations][m * k];
            for (int i = 0; i < m * k; i++) {
                double w = 0;
                double x = 0;
                for (int p = 0; p < populations; p++) {
                    w += total.weight[p][i];
                    x += total.alt[p][i];
                }
                double pooled = (x + POOLED_PRIOR * freq[i / k]) / (w + POOLED_PRIOR);
                for (int p = 0; p < populations; p++) {
                    theta[p][i] = (float) ((total.alt[p][i] + THETA_PRIOR * pooled) / (total.weight[p][i]
                            + THETA_PRIOR));
                }
            }
            jump = new double[m];
            alpha = new float[populations][m * k];
            double[] pooled = new double[k];
            for (int v = 0; v < m; v++) {
                double sumAll = 0;
                for (int a = 0; a < k; a++) {
                    double x = 0;
                    for (int p = 0; p < populations; p++) {
                        x += total.jumps[p][v * k + a];
                    }
                    pooled[a] = x;
                    sumAll += x;
                }
                jump[v] = first[v] ? 1 : clamp(sumAll / haplotypes, 1e-8, 0.999);
                for (int p = 0; p < populations; p++) {
                    double own = 0;
                    for (int a = 0; a < k; a++) {
                        own += total.jumps[p][v * k + a];
                    }
                    for (int a = 0; a < k; a++) {
                        double g = sumAll > 0 ? (pooled[a] + 1e-3 / k) / (sumAll + 1e-3) : 1.0 / k;
                        double prior = ALPHA_PRIOR * jump[v];
                        double w = (total.jumps[p][v * k + a] + prior * g) / (own + prior);
                        alpha[p][v * k + a] = (float) Math.max(w, 1e-6);
                    }
                }
            }
        }
        for (int p = 0; p < populations; p++) {
            calibrate(theta[p], jump, alpha[p], target[p], k, free);
        }
        ClusterModel model = new ClusterModel(k, starts, theta, jump, alpha, free);
        return new Fitted(model, theta, alpha, jump, chosen.length, logLik);
    }

    /** ALT frequency per population and variant over every unit of the panel. */
    private static double[][] frequencies(DonorPanel panel, boolean diploid, int[] unitPop, int populations, int m) {
        double[][] alt = new double[populations][m];
        double[][] called = new double[populations][m];
        for (int u = 0; u < panel.donorCount(); u++) {
            byte[] o = panel.codes(u);
            double[] a = alt[unitPop[u]];
            double[] c = called[unitPop[u]];
            for (int v = 0; v < m; v++) {
                if (o[v] != 3) {
                    a[v] += o[v];
                    c[v] += diploid ? 2 : 1;
                }
            }
        }
        for (int p = 0; p < populations; p++) {
            for (int v = 0; v < m; v++) {
                alt[p][v] = called[p][v] > 0 ? alt[p][v] / called[p][v] : 0;
            }
        }
        return alt;
    }

    /**
     * Moves each variant's cluster frequencies so that the model's ALT frequency in a population (clusters weighted by
     * the chain's marginal distribution there) equals the population's in the training cohort, by one shift on the
     * logit scale. Each cluster keeps its rank and nearly its purity, so LD is kept; the allele frequencies are those
     * of every training genome, not of the EM subset.
     */
    static void calibrate(float[] theta, double[] jump, float[] alpha, double[] target, int k, boolean[] free) {
        int m = jump.length;
        double[] chain = new double[k];
        for (int v = 0; v < m; v++) {
            double norm = 0;
            for (int a = 0; a < k; a++) {
                norm += alpha[v * k + a];
            }
            // the clusters' weights in the model: the chain's marginal distribution (the jump targets off the chain)
            double[] w = new double[k];
            for (int a = 0; a < k; a++) {
                double at = alpha[v * k + a] / norm;
                if (free[v]) {
                    w[a] = at;
                } else {
                    chain[a] = (1 - jump[v]) * chain[a] + jump[v] * at;
                    w[a] = chain[a];
                }
            }
            double t = target[v];
            double delta = logitShift(theta, v * k, k, w, t);
            for (int a = 0; a < k; a++) {
                theta[v * k + a] = shift(theta[v * k + a], delta, t);
            }
        }
    }

    /**
     * The shift {@code d} of every cluster frequency on the logit scale that makes the model's ALT frequency
     * {@code sum_a w_a theta_a(d)} equal {@code t} (bisection; clusters keep their order and, unlike a linear
     * rescaling, their purity, which is what carries LD).
     */
    private static double logitShift(float[] theta, int base, int k, double[] w, double t) {
        if (t <= 0 || t >= 1) {
            return 0;
        }
        double lo = -40;
        double hi = 40;
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi);
            double q = 0;
            double norm = 0;
            for (int a = 0; a < k; a++) {
                q += w[a] * shift(theta[base + a], mid, t);
                norm += w[a];
            }
            if (q / norm < t) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** {@code theta} moved by {@code d} on the logit scale (kept inside (0, 1) when the target is). */
    private static float shift(double theta, double d, double t) {
        if (t <= 0) {
            return 0f;
        }
        if (t >= 1) {
            return 1f;
        }
        double th = Math.min(1 - 1e-6, Math.max(1e-6, theta));
        double x = Math.log(th / (1 - th)) + d;
        return (float) (1 / (1 + Math.exp(-x)));
    }

    static int[] chromStarts(GeneticMap map) {
        int[] s = new int[map.chromosomeCount() + 1];
        for (int c = 0; c < map.chromosomeCount(); c++) {
            s[c] = map.chromStart(c);
        }
        s[map.chromosomeCount()] = map.variantCount();
        return s;
    }

    /** {@code count} of {@code 0..units-1}, seeded, sorted. */
    private static int[] subset(int units, int count, long seed) {
        int[] order = IntStream.range(0, units).toArray();
        if (count >= units) {
            return order;
        }
        SplittableRandom r = new SplittableRandom(RowBuilder.mix(seed, SUBSET));
        for (int i = units - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] out = Arrays.copyOf(order, count);
        Arrays.sort(out);
        return out;
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
