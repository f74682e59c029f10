package org.genosynth.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.genosynth.exec.Backend;

/**
 * Refines a statistical phasing by Li–Stephens copying, as SHAPEIT, Eagle and Beagle do: each genome's two haplotypes
 * are re-estimated as the most likely pair of paths (Viterbi) through a diploid copying model whose states are ordered
 * pairs of {@link #CONDITIONING} haplotypes of other genomes — the ones closest to the genome's current haplotype
 * estimates in that stretch of the chromosome — and every genome is re-phased against the previous round's haplotypes
 * of all the others, for {@link #ROUNDS} rounds; then by haploid rounds with more haplotypes (below). Fewer
 * haplotypes and rounds where that would exceed {@link #WORK_BUDGET}.
 *
 * <p>A genome's heterozygous calls are phased in windows of {@link #WINDOW_HETS} of them, each overlapping the next by
 * half: the window's conditioning haplotypes are the {@code CONDITIONING / 2} with the fewest mismatches to each of
 * the genome's current haplotypes over the window (bit-packed Hamming distance), the window's first heterozygous call
 * is put on the first haplotype (the pair model is symmetric), and windows are joined in the middle of their overlap
 * with the orientation on which the overlap's calls agree most. Copying switches at a rate that grows with the genetic
 * distance ({@link #SWITCHES_PER_CM} per cM over the number of conditioning haplotypes) and a genotype that the copied
 * pair does not explain costs {@link #MISMATCH}.
 *
 * <p>Homozygous and missing calls keep their genotype (a missing call stays unphased, both haplotypes missing);
 * chromosomes are phased separately. Each round reads only the previous round's haplotypes and each genome's result
 * depends on nothing else, so the phase is the same at any thread count.
 *
 * <p>Measured on the 300 phased 1000 Genomes people of {@code human_1kg_chr20} (their phase hidden, against the
 * file's; 24,990 variants, 2 threads): switch error rate 0.077 after the cluster model's draw, 0.060 after 3 rounds
 * with 16 conditioning haplotypes (7 s), 0.051 with 24 and 4 rounds (19 s), 0.045 with 32 and 5 rounds (35 s, the
 * setting used); between heterozygous calls at variants of MAF >= 0.05, 0.060 before and 0.030 after. A slower
 * switch rate (60 per cM) or a faster one (6,000) did worse (0.061, 0.073); 300-call windows did about the same
 * (0.059 against 0.060 with 16 haplotypes).
 *
 * <p>Each site costs one pass over the pair states: the maxima the next site's transitions need are found while its
 * probabilities are computed, and the rescaling is folded into the transition coefficients (1.4 times faster than three
 * passes: the 300 genomes x 24,990 variants refined in 58-61 s against 81-83 s, 2 threads at load average 4.3-4.7;
 * switch error rate 0.0441 against 0.0445, the rounding of ties).
 *
 * <p>Then {@link #HAPLOID_ROUNDS} haploid rounds refine that phase with many more conditioning haplotypes
 * ({@link #HAPLOID_CONDITIONING}, the closest to either current haplotype over windows of {@link #HAPLOID_WINDOW_HETS}
 * heterozygous calls), each haplotype copying on its own (a haploid Li–Stephens model, linear in the haplotypes where
 * the pair model is quadratic). In a window, a backward pass over each current haplotype gives the probability of the
 * rest of the window given the haplotype copied at each site; a forward pass then builds the new haplotypes from the
 * window's start and decides at each heterozygous call, by the likelihood of both haplotypes (the forward of what was
 * decided, the emission here, the backward of what follows), whether the new first haplotype goes on with the current
 * haplotype it follows, switches to the other for the rest of the window, or takes the other's allele at this call
 * only (a misplaced rare allele). Windows are joined as in the pair rounds. Each round moves the phase only where
 * copying from 256 close haplotypes says a different phase is more likely, so it refines a good start rather than
 * finding one: alone (from the cluster model's draw) it reached 0.045 on the region's first 10,000 variants where the
 * pair rounds reach 0.040 and the pair rounds followed by it 0.026.
 *
 * <p>Measured with the haploid rounds (the whole region, 2 threads, load average 2): switch error rate 0.028
 * (0.018 at MAF >= 0.05) against the pair rounds' 0.044 (0.029), in about 30 s more. Fewer pair rounds before (3) or
 * more haploid ones (4 of 256; 5 after 5 pair rounds: 0.027), 512 haplotypes (0.028 with 2 rounds), windows of 300
 * calls (0.028) or a mismatch probability of 0.003 (0.028) did not do better. On human_1kg_chr20's 352 training
 * genomes (`bench/synth_cohorts.sh`, with its trait) this took the default synth's LD score fold from 2.22 (a fail) to
 * 1.86 (a warn); its identical-run membership AUC, 0.611 before, measured 0.574 and 0.631 in two builds whose phase
 * differed only in rounding (docs/synth.md).
 *
 * <p>Only the sites where the pair's likelihood can differ are visited: heterozygous calls and homozygous calls that
 * some conditioning haplotype does not carry. Elsewhere every state has the same emission, and the copying model's
 * switch probabilities over consecutive stretches compose exactly (its distances add up), so skipping them changes
 * nothing.
 */
final class LiStephensPhasing {
    /** Conditioning haplotypes per window (the copying model has their square of states), at most. */
    static final int CONDITIONING = 32;
    /** Heterozygous calls per window. */
    static final int WINDOW_HETS = 100;
    /** Refinement rounds of the pair model, at most. */
    static final int ROUNDS = 5;
    /** Conditioning haplotypes per window of the haploid rounds, at most (and at most every other genome's two). */
    static final int HAPLOID_CONDITIONING = 256;
    /** Heterozygous calls per window of the haploid rounds. */
    static final int HAPLOID_WINDOW_HETS = 200;
    /** Haploid rounds after the pair model's, at most. */
    static final int HAPLOID_ROUNDS = 3;
    /**
     * What a haploid round costs per conditioning haplotype and site, in pair-model state visits: measured on the 300
     * phased genomes of human_1kg_chr20, a pair round of 32 haplotypes (1,024 states) took 7.3 s and a haploid round
     * of 256 took 11 s.
     */
    static final double HAPLOID_STATE_COST = 6;
    /**
     * The pair model's conditioning haplotypes and rounds, then the haploid rounds' haplotypes and rounds: the first
     * setting that fits {@link #WORK_BUDGET}. A pair round costs the square of its haplotypes per site, a haploid round
     * {@link #HAPLOID_STATE_COST} times its haplotypes.
     */
    private static final int[][] LADDER = {{CONDITIONING, ROUNDS, HAPLOID_CONDITIONING, HAPLOID_ROUNDS},
        {24, 4, 128, 2}, {16, 3, 64, 2}, {8, 2, 32, 1}};
    /**
     * Copying-state visits allowed: genomes x the sites a round visits per genome (counted on {@link #SAMPLED} of
     * them with {@link #CONDITIONING} haplotypes) x the states of every round (above); 3-5 ns each on 2 cores, so
     * about two minutes. Measured (load average 2-4): human_1kg_chr20's 352 training genomes visit 10,500 sites each
     * (of 24,990: rare alleles that the closest haplotypes do not carry are skipped; overlapping windows visit some
     * twice) and get the full setting (3.6e10); the 1,358 training mice of mouse_hs1940 visit 11,300 (of 12,226) and
     * get 16 haplotypes and 3 rounds, then 2 haploid rounds of 64.
     */
    static final double WORK_BUDGET = 4e10;
    /** Genomes on which the visited sites are counted. */
    private static final int SAMPLED = 16;

    /** The conditioning haplotypes and rounds for {@code genomes} genomes that visit {@code visited} sites each. */
    static int[] settings(int genomes, double visited) {
        for (int[] step : LADDER) {
            double states = (double) step[0] * step[0] * step[1] + HAPLOID_STATE_COST * step[2] * step[3];
            if (genomes * visited * states <= WORK_BUDGET) {
                return step;
            }
        }
        return LADDER[LADDER.length - 1];
    }
    /** Probability that a genotype is not the sum of the copied pair's alleles. */
    static final double MISMATCH = 0.01;
    /**
     * Copy switches per cM summed over the conditioning haplotypes (each copy switches at this over
     * {@link #CONDITIONING} per cM): 4 N_e r with N_e = 15,000, SHAPEIT's default for humans.
     */
    static final double SWITCHES_PER_CM = 600;
    private static final int BATCHES = 32;

    private LiStephensPhasing() {
    }

    /**
     * The refined phase (the layout of {@link ClusterFit#phaseAll}), the conditioning haplotypes and rounds used by the
     * pair model and by the haploid rounds (0 when the cohort was too small to refine) and the sites a round visited
     * per genome (estimated).
     */
    record Refined(List<long[]> phase, int conditioning, int rounds, int haploidConditioning, int haploidRounds,
            double visitedPerGenome) {
    }

    /**
     * Refines {@code phase} (per variant, the bits of the genomes whose first haplotype carries ALT, as
     * {@link ClusterFit#phaseAll} returns it) of the genomes of {@code panel}.
     */
    static Refined refine(DonorPanel panel, GeneticMap map, List<long[]> phase, Backend backend) {
        int n = panel.donorCount();
        int m = panel.variantCount();
        if (2 * n - 2 < CONDITIONING) {
            return new Refined(phase, 0, 0, 0, 0, 0); // too few other haplotypes to copy from
        }
        int words = (m + 63) >>> 6;
        // genotype codes and two rounds' first-haplotype flags (a byte each), two rounds' haplotype bits
        org.genosynth.util.Memory.require(3.0 * n * m + 2.0 * words * 2 * n * 8, "--statistical-phasing of " + n
                + " genomes x " + m + " variants", "phase with a dedicated phaser (SHAPEIT5, Eagle2, Beagle) and give "
                + "the phased VCF");
        byte[][] codes = new byte[n][];
        for (int u = 0; u < n; u++) {
            codes[u] = panel.codes(u);
        }
        // haplotype bits word-major (haps[word][haplotype]): choosing the conditioning haplotypes streams over them
        long[][] haps = new long[words][2 * n];
        boolean[][] first = new boolean[n][];
        for (int u = 0; u < n; u++) {
            boolean[] f = new boolean[m];
            for (int v = 0; v < m; v++) {
                f[v] = (phase.get(v)[u >>> 6] >>> (u & 63) & 1L) != 0;
            }
            first[u] = f;
            fill(codes[u], f, haps, 2 * u);
        }
        double[] cm = new double[m];
        for (int v = 0; v < m; v++) {
            cm[v] = map.coordinate(v);
        }
        int[] starts = ClusterFit.chromStarts(map);
        // the sites a round visits per genome, counted on up to SAMPLED genomes with the most conditioning haplotypes
        Workspace probe = new Workspace(m, CONDITIONING);
        int sampled = Math.min(SAMPLED, n);
        long visited = 0;
        for (int i = 0; i < sampled; i++) {
            int u = (int) ((long) i * n / sampled);
            visited += probe.visited(u, codes[u], haps, starts);
        }
        int[] setting = settings(n, (double) visited / sampled);
        int conditioning = setting[0];
        int rounds = setting[1];
        int haploidConditioning = Math.min(setting[2], 2 * n - 2);
        int haploidRounds = setting[3];
        int batchCount = Math.min(BATCHES, n);
        List<int[]> batches = new ArrayList<>();
        for (int b = 0; b < batchCount; b++) {
            final int bb = b;
            batches.add(IntStream.range(0, n).filter(u -> u % batchCount == bb).toArray());
        }
        for (int round = 0; round < rounds + haploidRounds; round++) {
            long[][] previous = haps;
            boolean[][] previousFirst = first;
            long[][] next = new long[words][2 * n];
            boolean[][] nextFirst = new boolean[n][];
            boolean haploid = round >= rounds;
            int states = haploid ? haploidConditioning : conditioning;
            backend.mapOrdered(batches.iterator(), () -> new Workspace(m, states), (ws, batch) -> {
                boolean[][] out = new boolean[batch.length][];
                for (int b = 0; b < batch.length; b++) {
                    int u = batch[b];
                    out[b] = ws.phase(u, codes[u], previousFirst[u], previous, cm, starts, haploid);
                }
                return new Object[] {batch, out};
            }, res -> {
                int[] batch = (int[]) ((Object[]) res)[0];
                boolean[][] out = (boolean[][]) ((Object[]) res)[1];
                for (int b = 0; b < batch.length; b++) {
                    int u = batch[b];
                    nextFirst[u] = out[b];
                    fill(codes[u], out[b], next, 2 * u);
                }
            });
            haps = next;
            first = nextFirst;
        }
        List<long[]> refined = new ArrayList<>(m);
        for (int v = 0; v < m; v++) {
            refined.add(new long[(n + 63) >>> 6]);
        }
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < m; v++) {
                if (codes[u][v] == 1 && first[u][v]) {
                    refined.get(v)[u >>> 6] |= 1L << (u & 63);
                }
            }
        }
        return new Refined(refined, conditioning, rounds, haploidConditioning, haploidRounds,
                (double) visited / sampled);
    }

    /**
     * The ALT bits of a genome's two haplotypes (columns {@code h1} and {@code h1 + 1} of the word-major
     * {@code haps}) from its genotype codes and which heterozygous calls are first.
     */
    private static void fill(byte[] code, boolean[] first, long[][] haps, int h1) {
        for (int v = 0; v < code.length; v++) {
            boolean a1 = code[v] == 2 || code[v] == 1 && first[v];
            boolean a2 = code[v] == 2 || code[v] == 1 && !first[v];
            if (a1) {
                haps[v >>> 6][h1] |= 1L << (v & 63);
            }
            if (a2) {
                haps[v >>> 6][h1 + 1] |= 1L << (v & 63);
            }
        }
    }

    /** One worker's buffers. */
    private static final class Workspace {
        private final int l;
        private final int ll;
        private final int[] hets;
        private final int[] informative;
        private double[] delta;
        private double[] nextDelta;
        private byte[] choice = new byte[0];
        private int[] rowArg = new int[0];
        private int[] colArg = new int[0];
        private int[] allArg = new int[0];
        private final double[] rowMax;
        private double[] colMax;
        private double[] colMaxNext;
        private final double[] colScaled;
        private final int[] rowAt;
        private final int[] colAt;
        private final int[] cond;
        private final int[] condAllele;
        private final long[] best1;
        private final long[] best2;
        private int[] dist1 = new int[0];
        private int[] dist2 = new int[0];
        private double[] back1 = new double[0];
        private double[] back2 = new double[0];
        private final double[] emitted1;
        private final double[] emitted2;
        private final double[] forward1;
        private final double[] forward2;
        private final double[] prior1;
        private final double[] prior2;

        Workspace(int m, int conditioning) {
            this.hets = new int[m];
            this.informative = new int[m];
            this.l = conditioning;
            this.ll = l * l;
            this.delta = new double[ll];
            this.nextDelta = new double[ll];
            this.rowMax = new double[l];
            this.colMax = new double[l];
            this.colMaxNext = new double[l];
            this.colScaled = new double[l];
            this.rowAt = new int[l];
            this.colAt = new int[l];
            this.cond = new int[l];
            this.condAllele = new int[l];
            this.best1 = new long[l];
            this.best2 = new long[l];
            this.emitted1 = new double[l];
            this.emitted2 = new double[l];
            this.forward1 = new double[l];
            this.forward2 = new double[l];
            this.prior1 = new double[l];
            this.prior2 = new double[l];
        }

        /**
         * Which heterozygous calls of genome {@code u} are on its first haplotype, after one round of the pair model or
         * (with {@code haploid}) of the haploid one.
         */
        boolean[] phase(int u, byte[] code, boolean[] current, long[][] haps, double[] cm, int[] starts,
                boolean haploid) {
            int windowHets = haploid ? HAPLOID_WINDOW_HETS : WINDOW_HETS;
            boolean[] out = current.clone();
            for (int c = 0; c + 1 < starts.length; c++) {
                int h = 0;
                for (int v = starts[c]; v < starts[c + 1]; v++) {
                    if (code[v] == 1) {
                        hets[h++] = v;
                    }
                }
                if (h < 2) {
                    continue;
                }
                int step = windowHets / 2;
                int assembledTo = 0; // hets [0, assembledTo) are final in out
                for (int w0 = 0; ; w0 += step) {
                    int w1 = Math.min(h, w0 + windowHets);
                    boolean[] window = haploid ? haploidWindow(u, code, current, haps, cm, w0, w1)
                            : window(u, code, haps, cm, w0, w1);
                    if (w0 == 0) {
                        for (int k = 0; k < w1; k++) {
                            out[hets[k]] = window[k];
                        }
                    } else {
                        int agree = 0;
                        for (int k = w0; k < assembledTo; k++) {
                            agree += window[k - w0] == out[hets[k]] ? 1 : -1;
                        }
                        boolean flip = agree < 0;
                        int from = w0 + (assembledTo - w0) / 2;
                        for (int k = from; k < w1; k++) {
                            out[hets[k]] = window[k - w0] ^ flip;
                        }
                    }
                    assembledTo = w1;
                    if (w1 == h) {
                        break;
                    }
                }
            }
            return out;
        }

        /**
         * The sites of {@code [v0, v1)} where the pair's likelihood can differ, into {@link #informative}: heterozygous
         * calls, and homozygous calls that some conditioning haplotype does not carry; elsewhere the copying only moves
         * on, and the switch probabilities of consecutive stretches compose exactly (the distance adds up).
         */
        private int informativeSites(byte[] code, long[][] haps, int v0, int v1) {
            int sites = 0;
            for (int v = v0; v < v1; v++) {
                int g = code[v];
                if (g == 1) {
                    informative[sites++] = v;
                } else if (g != 3) {
                    long want = g == 2 ? 1L : 0L;
                    for (int a = 0; a < l; a++) {
                        if ((haps[v >>> 6][cond[a]] >>> (v & 63) & 1L) != want) {
                            informative[sites++] = v;
                            break;
                        }
                    }
                }
            }
            return sites;
        }


        /**
         * The haploid rounds' decision for heterozygous calls {@code hets[w0..w1)} of a genome whose current phase is
         * {@code current}: per call, whether ALT is on the first haplotype (see the class comment).
         */
        private boolean[] haploidWindow(int u, byte[] code, boolean[] current, long[][] haps, double[] cm, int w0,
                int w1) {
            chooseConditioning(u, haps, hets[w0], hets[w1 - 1] + 1);
            int sites = informativeSites(code, haps, hets[w0], hets[w1 - 1] + 1);
            if (back1.length < sites * l) {
                back1 = new double[sites * l];
                back2 = new double[sites * l];
            }
            double rate = SWITCHES_PER_CM / l;
            // backward over the current haplotypes: back[s * l + k], the probability of the sites after s given that
            // the haplotype copies conditioning haplotype k at s, scaled to sum to 1 per site
            int last = (sites - 1) * l;
            Arrays.fill(back1, last, last + l, 1.0 / l);
            Arrays.fill(back2, last, last + l, 1.0 / l);
            for (int s = sites - 2; s >= 0; s--) {
                int v = informative[s + 1];
                int g = code[v];
                int x1 = g == 1 ? (current[v] ? 1 : 0) : g / 2;
                int x2 = g == 1 ? 1 - x1 : x1;
                double stay = 1 - switchProbability(rate, cm[v] - cm[informative[s]]);
                double sum1 = 0;
                double sum2 = 0;
                int next = (s + 1) * l;
                for (int a = 0; a < l; a++) {
                    int y = (int) (haps[v >>> 6][cond[a]] >>> (v & 63) & 1L);
                    double e1 = emission(y, x1) * back1[next + a];
                    double e2 = emission(y, x2) * back2[next + a];
                    emitted1[a] = e1;
                    emitted2[a] = e2;
                    sum1 += e1;
                    sum2 += e2;
                }
                // stay * e + (1 - stay) / l * sum over states, then / sum (the scaled values add up to 1)
                double jump = (1 - stay) / l;
                int at = s * l;
                for (int a = 0; a < l; a++) {
                    back1[at + a] = (stay * emitted1[a] + jump * sum1) / sum1;
                    back2[at + a] = (stay * emitted2[a] + jump * sum2) / sum2;
                }
            }
            // forward over the new haplotypes, deciding at each heterozygous call whether the new first haplotype
            // continues with the current haplotype it follows, switches to the other one for the rest of the window,
            // or takes the other's allele at this call only
            boolean[] out = new boolean[w1 - w0];
            int k = 0;
            boolean swapped = false; // whether the new first haplotype follows the current second one
            for (int s = 0; s < sites; s++) {
                int v = informative[s];
                int g = code[v];
                double stay = s == 0 ? 0 : 1 - switchProbability(rate, cm[v] - cm[informative[s - 1]]);
                double jump = (1 - stay) / l;
                for (int a = 0; a < l; a++) {
                    prior1[a] = stay * forward1[a] + jump; // forward values sum to 1
                    prior2[a] = stay * forward2[a] + jump;
                }
                int allele1;
                int allele2;
                if (g == 1) {
                    int at = s * l;
                    double[] backA = swapped ? back2 : back1; // after this call, of the haplotype the first follows
                    double[] backB = swapped ? back1 : back2;
                    int x = (current[v] ? 1 : 0) ^ (swapped ? 1 : 0); // the allele of the haplotype the first follows
                    double keepA = 0;
                    double keepB = 0;
                    double switchA = 0;
                    double switchB = 0;
                    double flipA = 0;
                    double flipB = 0;
                    for (int a = 0; a < l; a++) {
                        int y = (int) (haps[v >>> 6][cond[a]] >>> (v & 63) & 1L);
                        double ex = emission(y, x);
                        double eo = emission(y, 1 - x);
                        keepA += prior1[a] * ex * backA[at + a];
                        keepB += prior2[a] * eo * backB[at + a];
                        switchA += prior1[a] * eo * backB[at + a];
                        switchB += prior2[a] * ex * backA[at + a];
                        flipA += prior1[a] * eo * backA[at + a];
                        flipB += prior2[a] * ex * backB[at + a];
                    }
                    double keep = keepA * keepB;
                    double switched = switchA * switchB;
                    double flipped = flipA * flipB;
                    if (switched > keep && switched >= flipped) {
                        swapped = !swapped;
                        allele1 = 1 - x;
                    } else {
                        allele1 = flipped > keep ? 1 - x : x;
                    }
                    allele2 = 1 - allele1;
                    out[k++] = allele1 == 1;
                } else {
                    allele1 = g / 2;
                    allele2 = allele1;
                }
                double sum1 = 0;
                double sum2 = 0;
                for (int a = 0; a < l; a++) {
                    int y = (int) (haps[v >>> 6][cond[a]] >>> (v & 63) & 1L);
                    forward1[a] = prior1[a] * emission(y, allele1);
                    forward2[a] = prior2[a] * emission(y, allele2);
                    sum1 += forward1[a];
                    sum2 += forward2[a];
                }
                for (int a = 0; a < l; a++) {
                    forward1[a] /= sum1;
                    forward2[a] /= sum2;
                }
            }
            return out;
        }

        /** The probability that a copy switches over {@code cmApart} cM at {@code rate} switches per cM (> 0). */
        private static double switchProbability(double rate, double cmApart) {
            return Math.max(-Math.expm1(-rate * Math.max(0, cmApart)), 1e-9);
        }

        /** The copying model's probability of allele {@code x} from a haplotype carrying {@code y}. */
        private static double emission(int y, int x) {
            return y == x ? 1 - MISMATCH : MISMATCH;
        }

        /** The sites a round would visit for genome {@code u}, over all its windows (the work estimate). */
        long visited(int u, byte[] code, long[][] haps, int[] starts) {
            long total = 0;
            for (int c = 0; c + 1 < starts.length; c++) {
                int h = 0;
                for (int v = starts[c]; v < starts[c + 1]; v++) {
                    if (code[v] == 1) {
                        hets[h++] = v;
                    }
                }
                for (int w0 = 0; h >= 2; w0 += WINDOW_HETS / 2) {
                    int w1 = Math.min(h, w0 + WINDOW_HETS);
                    chooseConditioning(u, haps, hets[w0], hets[w1 - 1] + 1);
                    total += informativeSites(code, haps, hets[w0], hets[w1 - 1] + 1);
                    if (w1 == h) {
                        break;
                    }
                }
            }
            return total;
        }

        /**
         * The Viterbi phase of heterozygous calls {@code hets[w0..w1)}: per call, whether ALT is on the first
         * haplotype, the first call's ALT put there.
         */
        private boolean[] window(int u, byte[] code, long[][] haps, double[] cm, int w0, int w1) {
            int v0 = hets[w0];
            int v1 = hets[w1 - 1] + 1;
            chooseConditioning(u, haps, v0, v1);
            int sites = informativeSites(code, haps, v0, v1);
            if (choice.length < sites * ll) {
                choice = new byte[sites * ll];
                rowArg = new int[sites * l];
                colArg = new int[sites * l];
                allArg = new int[sites];
            }
            double mismatch = MISMATCH;
            double match = 1 - MISMATCH;
            double rate = SWITCHES_PER_CM / l;
            // one pass per site: the next site's row, column and overall maxima (and where they are) are found while
            // its probabilities are computed; the previous site's maximum rescales the transition coefficients
            // instead of a pass over the states (every state by the same factor: the arg max is unchanged)
            double all = 0;
            int allAt = 0;
            for (int s = 0; s < sites; s++) {
                int v = informative[s];
                for (int a = 0; a < l; a++) {
                    condAllele[a] = (int) (haps[v >>> 6][cond[a]] >>> (v & 63) & 1L);
                }
                int g = code[v];
                if (s == 0) {
                    all = 0;
                    allAt = 0;
                    Arrays.fill(colMax, 0);
                    for (int a = 0; a < l; a++) {
                        double row = 0;
                        for (int b = 0; b < l; b++) {
                            // the window's first (heterozygous) call: ALT on the first haplotype
                            int i = a * l + b;
                            double d = condAllele[a] == 1 && condAllele[b] == 0 ? match
                                    : condAllele[a] == condAllele[b] ? mismatch : 0;
                            delta[i] = d;
                            if (d > row) {
                                row = d;
                                rowAt[a] = b;
                            }
                            if (d > colMax[b]) {
                                colMax[b] = d;
                                colAt[b] = a;
                            }
                            if (d > all) {
                                all = d;
                                allAt = i;
                            }
                        }
                        rowMax[a] = row;
                    }
                    continue;
                }
                double p = -Math.expm1(-rate * Math.max(0, cm[v] - cm[informative[s - 1]]));
                p = Math.max(p, 1e-9);
                double scale = all > 0 ? 1 / all : 1;
                double stay = (1 - p) * (1 - p) * scale;
                double one = (1 - p) * p / l * scale;
                double both = p * p / ll * scale * all;
                System.arraycopy(rowAt, 0, rowArg, s * l, l);
                System.arraycopy(colAt, 0, colArg, s * l, l);
                allArg[s] = allAt;
                for (int b = 0; b < l; b++) {
                    colMaxNext[b] = 0;
                    colScaled[b] = one * colMax[b];
                }
                double nextAll = 0;
                int nextAllAt = 0;
                int base = s * ll;
                for (int a = 0; a < l; a++) {
                    double fromRow = one * rowMax[a];
                    double sameEmission = condAllele[a] + 1 == g ? match : mismatch; // the second copy ALT
                    double refEmission = condAllele[a] == g ? match : mismatch; // the second copy REF
                    double row = 0;
                    int rowBest = 0;
                    for (int b = 0; b < l; b++) {
                        int i = a * l + b;
                        double best = stay * delta[i];
                        byte how = 0;
                        if (fromRow > best) {
                            best = fromRow;
                            how = 1;
                        }
                        double x = colScaled[b];
                        if (x > best) {
                            best = x;
                            how = 2;
                        }
                        if (both > best) {
                            best = both;
                            how = 3;
                        }
                        choice[base + i] = how;
                        best *= condAllele[b] == 1 ? sameEmission : refEmission;
                        nextDelta[i] = best;
                        if (best > row) {
                            row = best;
                            rowBest = b;
                        }
                        if (best > colMaxNext[b]) {
                            colMaxNext[b] = best;
                            colAt[b] = a;
                        }
                    }
                    rowMax[a] = row;
                    rowAt[a] = rowBest;
                    if (row > nextAll) {
                        nextAll = row;
                        nextAllAt = a * l + rowBest;
                    }
                }
                all = nextAll;
                allAt = nextAllAt;
                double[] c = colMax;
                colMax = colMaxNext;
                colMaxNext = c;
                double[] t = delta;
                delta = nextDelta;
                nextDelta = t;
            }
            // trace back
            int state = 0;
            for (int i = 1; i < ll; i++) {
                if (delta[i] > delta[state]) {
                    state = i;
                }
            }
            boolean[] out = new boolean[w1 - w0];
            int k = w1 - w0 - 1;
            for (int s = sites - 1; s >= 0; s--) {
                int v = informative[s];
                if (k >= 0 && hets[w0 + k] == v) {
                    int a = state / l;
                    int b = state % l;
                    int x = (int) (haps[v >>> 6][cond[a]] >>> (v & 63) & 1L);
                    int y = (int) (haps[v >>> 6][cond[b]] >>> (v & 63) & 1L);
                    // unexplained by the pair (both copies alike): ALT on the first when the second copies REF
                    out[k] = x != y ? x == 1 : y == 0;
                    k--;
                }
                if (s == 0) {
                    break;
                }
                int a = state / l;
                int b = state % l;
                switch (choice[s * ll + state]) {
                    case 1 -> state = a * l + rowArg[s * l + a];
                    case 2 -> state = colArg[s * l + b] * l + b;
                    case 3 -> state = allArg[s];
                    default -> {
                    }
                }
            }
            out[0] = true;
            return out;
        }

        /**
         * The {@code l} haplotypes of other genomes closest to genome {@code u}'s two current haplotypes
         * over variants {@code [v0, v1)} (whole words around them): half for each, then the next closest to either.
         */
        private void chooseConditioning(int u, long[][] haps, int v0, int v1) {
            int w0 = v0 >>> 6;
            int w1 = (v1 - 1) >>> 6;
            int total = haps[0].length;
            if (dist1.length < total) {
                dist1 = new int[total];
                dist2 = new int[total];
            }
            Arrays.fill(dist1, 0, total, 0);
            Arrays.fill(dist2, 0, total, 0);
            for (int w = w0; w <= w1; w++) {
                long[] row = haps[w];
                long a = row[2 * u];
                long b = row[2 * u + 1];
                for (int h = 0; h < total; h++) {
                    dist1[h] += Long.bitCount(row[h] ^ a);
                    dist2[h] += Long.bitCount(row[h] ^ b);
                }
            }
            Arrays.fill(best1, Long.MAX_VALUE);
            Arrays.fill(best2, Long.MAX_VALUE);
            for (int h = 0; h < total; h++) {
                if (h >>> 1 != u) {
                    insert(best1, (long) dist1[h] << 32 | h);
                    insert(best2, (long) dist2[h] << 32 | h);
                }
            }
            // half closest to each current haplotype, then alternately the next closest to either
            int count = 0;
            int i1 = 0;
            int i2 = 0;
            while (count < l) {
                long k = (count & 1) == 0 && i1 < l || i2 >= l ? best1[i1++] : best2[i2++];
                int h = (int) k;
                boolean taken = false;
                for (int j = 0; j < count; j++) {
                    taken |= cond[j] == h;
                }
                if (!taken) {
                    cond[count++] = h;
                }
            }
        }

        /** Keeps {@code sorted} the smallest keys seen, as many as it holds. */
        private static void insert(long[] sorted, long key) {
            int j = sorted.length - 1;
            if (key >= sorted[j]) {
                return;
            }
            while (j > 0 && sorted[j - 1] > key) {
                sorted[j] = sorted[j - 1];
                j--;
            }
            sorted[j] = key;
        }
    }
}
