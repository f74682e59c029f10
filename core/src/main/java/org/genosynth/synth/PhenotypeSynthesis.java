package org.genosynth.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.assoc.lmm.LmmEngine;
import org.genosynth.assoc.lmm.LmmOptions;
import org.genosynth.assoc.lmm.LmmResult;
import org.genosynth.eval.utility.UtilitySection;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.report.html.Verdict;

/**
 * Phenotype-coupled generation for one quantitative (or 0/1) phenotype column.
 *
 * <p>Fit on the real training cohort: GEMMA's LMM ({@link LmmEngine}, intercept only) gives every SNP's Wald t; the
 * signal set W is the SNPs significant at a false discovery rate of {@link #SIGNAL_FDR} (Benjamini–Hochberg over the
 * tested SNPs, so the threshold adapts to the number of tests), or those with {@code p < windowP} when a p-value
 * threshold is given, with their LD-clump leads ({@link #clump}); their target effect size is the marginal correlation implied by the real test,
 * {@code r_j = t_j / sqrt(t_j^2 + df)}. Also kept: mean, SD, the missing fraction, the real REML PVE and (for 0/1
 * columns) the prevalence.
 *
 * <p>Generate on the synthetic genotypes: a fixed share of synthetic samples is phenotyped (the real missing
 * fraction); over them, with the W columns standardized, the genetic value {@code g = X_W a} solves
 * {@code X_W' y / n = r} ({@code a = (R + lambda I)^-1 r}, ridge only when needed to keep {@code var(g)} below
 * {@code maxSignal}) — when the synthetic LD cannot carry every target (the exact solution would explain more than
 * {@code maxSignal}, as when a generator draws the variants of a real block less tightly linked), only the clump leads
 * keep targets and their neighbours follow through the synthetic LD; a polygenic background (opt-in: a random
 * combination of the top principal components of the synthetic genotypes), centred and scaled to the rest
 * of the real PVE ({@code var(u) = PVE - var(g)}), keeps its shape while the signal SNPs' part is solved around it
 * ({@code X_W'(g + u)/n = r}); after the hit calibration rounds, the background's size is interpolated between grid
 * points whose synthetic REML PVE was measured, to the real PVE ({@link #generateCalibrated}); the residual is Gaussian noise made exactly orthogonal to the intercept and to W
 * (modified Gram–Schmidt) and scaled so that {@code var(y) = 1}; then y is put back on the real mean and SD. So every
 * signal-set SNP has, in the synthetic cohort, the marginal association it had in the real one, whatever the
 * synthetic LD; other SNPs get theirs through LD with W plus noise. Case/control columns (0/1, or PLINK's 1/2) are
 * thresholded at the real prevalence (liability model) and written in their own coding. Nothing of an individual's
 * phenotype is copied: only the per-SNP summary statistics of the signal set, the mean, SD and missing fraction are
 * used.
 */
final class PhenotypeSynthesis {
    /** What the real data gave. */
    record Fit(String name, double mean, double sd, double missingFraction, double prevalence, int[] window, int[] tier,
               boolean[][] leadsAt, boolean background,
               double[] targetR, double[] realT, int realObserved, double realPve, double pveAim) {
        Fit(String name, double mean, double sd, double missingFraction, double prevalence, int[] window, int[] tier,
                boolean[][] leadsAt, boolean background, double[] targetR, double[] realT, int realObserved,
                double realPve) {
            this(name, mean, sd, missingFraction, prevalence, window, tier, leadsAt, background, targetR, realT,
                    realObserved, realPve, realPve);
        }

        boolean binary() {
            return !Double.isNaN(prevalence);
        }

        /** A binary column's control code: 0 (0/1 coding) or 1 (PLINK's 1/2); its cases are this plus 1. */
        double controlCode() {
            return Math.rint(mean - prevalence);
        }

        Fit withTargets(double[] r) {
            return new Fit(name, mean, sd, missingFraction, prevalence, window, tier, leadsAt, background, r, realT,
                    realObserved, realPve, pveAim);
        }

        /** The same fit drawing the background for a PVE of {@code aim} (calibration: REML sees less than is drawn). */
        Fit withPveAim(double aim) {
            return new Fit(name, mean, sd, missingFraction, prevalence, window, tier, leadsAt, background, targetR,
                    realT, realObserved, realPve, aim);
        }

        /** The real two-sided p-value of every signal SNP, from its Wald t. */
        double[] realP() {
            org.hipparchus.distribution.continuous.TDistribution td =
                    new org.hipparchus.distribution.continuous.TDistribution(Math.max(1, realObserved - 2));
            return Arrays.stream(realT).map(t -> 2 * td.cumulativeProbability(-Math.abs(t))).toArray();
        }

        /** Number of clump leads among the signal SNPs. */
        int leads() {
            return (int) Arrays.stream(tier).filter(t -> t == LEAD).count();
        }

        /** Number of clump leads at each of {@link #CLUMP_R2_LEVELS}. */
        List<Integer> leadsByLevel() {
            List<Integer> out = new ArrayList<>();
            for (boolean[] level : leadsAt) {
                int c = 0;
                for (boolean b : level) {
                    c += b ? 1 : 0;
                }
                out.add(c);
            }
            return out;
        }

        /** Number of signal SNPs significant at the false discovery rate (or the given p threshold). */
        int significant() {
            return (int) Arrays.stream(tier).filter(t -> t == LEAD || t == SIGNIFICANT || t == FOLLOWS).count();
        }

        /**
         * The same fit with the significant SNPs inside {@code windows} other than the clump leads made
         * {@link #FOLLOWS}: where a locus is copied whole (SignalLoci) its real LD carries the leads' associations to
         * their neighbours, and solving for every neighbour's own target in that near-collinear block would fit the
         * real estimates' noise (measured: 59 synthetic hits at 5e-8 for 44 real on human_1kg_chr20). A SNP whose real
         * p is within a factor of {@link #NEAR_THRESHOLD} of {@link #GENOME_WIDE_P} keeps its target, and so its side
         * of the threshold.
         */
        Fit followingWithin(List<int[]> windows) {
            double[] p = realP();
            int[] t = tier.clone();
            for (int j = 0; j < window.length; j++) {
                boolean near = p[j] > GENOME_WIDE_P / NEAR_THRESHOLD && p[j] < GENOME_WIDE_P * NEAR_THRESHOLD;
                for (int[] w : windows) {
                    if (t[j] == SIGNIFICANT && !near && window[j] >= w[0] && window[j] < w[1]) {
                        t[j] = FOLLOWS;
                    }
                }
            }
            return new Fit(name, mean, sd, missingFraction, prevalence, window, t, leadsAt, background, targetR,
                    realT, realObserved, realPve, pveAim);
        }
    }

    /** A SNP in a locus copied whole keeps its own target when its real p is within this factor of 5e-8. */
    static final double NEAR_THRESHOLD = 10;
    /** Signal-set tiers: clump lead, significant at the FDR (or given p), suggestive only. */
    static final int LEAD = 0;
    static final int SIGNIFICANT = 1;
    static final int SUGGESTIVE = 2;
    /** Significant, inside a locus copied whole: no target of its own, it follows its leads through the real LD. */
    static final int FOLLOWS = 3;
    /** Without a p threshold, SNPs up to this p join the signal set as suggestive, kept while the synthetic LD can. */
    static final double SUGGESTIVE_P = 1e-3;
    /** Principal components that carry the polygenic background. */
    static final int BACKGROUND_PCS = 20;
    /** Synthetic cohorts up to this size get an exact PCA for the background, larger ones a randomized one. */
    static final int EXACT_PCA_SAMPLES = 5000;
    /** LD (r^2) at which a significant SNP joins an earlier lead's clump. */
    static final double CLUMP_R2 = 0.8;
    /**
     * Looser clumps, tried in turn when even the leads at {@link #CLUMP_R2} cannot all keep their targets (many leads
     * per locus whose synthetic LD is weaker than the real: their real marginal correlations would need more variance
     * than there is); at the loosest, a lead stands for a whole locus.
     */
    static final double[] CLUMP_R2_LEVELS = {CLUMP_R2, 0.5, 0.2, 0.05, 0.05};
    /**
     * The last level also joins SNPs within this many bp of an earlier lead on the same chromosome: one lead per locus
     * (on 8 x 3 Mb chimeras of 1000 Genomes people, r^2 0.05 still left 9 leads for 3 causal loci, more variance than
     * there is once the synthetic LD between them is weaker).
     */
    static final long LOCUS_WINDOW_BP = 1_000_000;
    /** False discovery rate of the signal set when no p-value threshold is given. */
    static final double SIGNAL_FDR = 0.05;
    /** The offset rounds also move the background's aim while the synthetic PVE is further than this from the real. */
    static final double PVE_TOLERANCE = 0.01;
    /**
     * Among the measured states with as few fail, then warn verdicts as any ({@link #verdicts}), the offset rounds end
     * on the one whose PVE is within this of the real one and whose statistics are closest (else on the one whose PVE
     * is closest): a round's moved targets are only measured by the next round.
     */
    static final double PVE_KEPT = 0.02;
    /** States measured (at most) between the offset rounds' best hits and best PVE ({@link #bracket}). */
    static final int BRACKET_ROUNDS = 3;
    /** Rounds (at most) of the offset update once the background is in place. */
    static final int OFFSET_ROUNDS = 4;
    /** The offset rounds stop once every signal SNP's synthetic LMM t is this close to the real one. */
    static final double OFFSET_TOLERANCE = 0.25;
    /** Background aims (0 .. 1 - MIN_NOISE) of the PVE calibration. */
    static final int PVE_GRID = 12;
    /** Factors tried on the signal's targets when the signal alone explains more than the real REML PVE. */
    static final double[] SIGNAL_SCALES = {1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5};
    /**
     * Share of the genome-wide hits (real and synthetic at factor 1) that the signal scale may lose: the utility
     * targets are SNP recall >= 0.8 and locus recall >= 0.9, and a locus has many hits.
     */
    static final double HIT_LOSS = 0.1;
    /** LMM checks (at most) that the scaled signal keeps the real genome-wide hits: a bisection after the first. */
    static final int SCALE_CHECKS = 4;
    /** The genome-wide significance level whose hits the PVE calibration never costs. */
    static final double GENOME_WIDE_P = 5e-8;
    /** Share of the phenotype variance always left to noise. */
    static final double MIN_NOISE = 0.05;

    private PhenotypeSynthesis() {
    }

    /** Fits the column {@code y} (NaN missing) of the training cohort {@code real}. */
    static Fit fit(String name, GenotypeMatrix real, double[] y, double windowP, boolean background, int threads) {
        double[] obs = Arrays.stream(y).filter(Double::isFinite).toArray();
        if (obs.length < 10) {
            throw new IllegalArgumentException("phenotype '" + name + "' has only " + obs.length + " values");
        }
        double mean = Arrays.stream(obs).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(obs).map(v -> (v - mean) * (v - mean)).sum() / (obs.length - 1));
        // case/control: 0/1 (GEMMA's coding) or 1/2 (PLINK's 1 = control, 2 = case), as gwas --model logistic reads
        // them; the prevalence is the share of the higher code, which the synthetic cohort is written in again
        boolean binary = Arrays.stream(obs).allMatch(v -> v == 0 || v == 1)
                || Arrays.stream(obs).allMatch(v -> v == 1 || v == 2);
        double control = binary && Arrays.stream(obs).anyMatch(v -> v == 2) ? 1 : 0;
        LmmResult lmm = LmmEngine.fit(real, y, null, LmmOptions.defaults().withThreads(threads));
        int df = lmm.sampleRows().length - lmm.covariateCount() - 1;
        double threshold = Double.isNaN(windowP) ? fdrThreshold(lmm, SIGNAL_FDR) : windowP;
        double suggestive = Double.isNaN(windowP) ? Math.max(threshold, SUGGESTIVE_P) : windowP;
        List<LmmResult.SnpResult> significant = new ArrayList<>();
        List<LmmResult.SnpResult> signal = new ArrayList<>();
        for (LmmResult.SnpResult s : lmm.snps()) {
            if (s.pWald() <= suggestive && s.se() > 0) {
                signal.add(s);
                if (s.pWald() <= threshold) {
                    significant.add(s);
                }
            }
        }
        List<java.util.Set<Integer>> leadSets = new ArrayList<>();
        for (double r2 : CLUMP_R2_LEVELS) {
            java.util.Set<Integer> set = new java.util.HashSet<>();
            long window = leadSets.size() == CLUMP_R2_LEVELS.length - 1 ? LOCUS_WINDOW_BP : 0;
            for (LmmResult.SnpResult s : clump(real, significant, lmm.sampleRows(), r2, window)) {
                set.add(s.variant());
            }
            leadSets.add(set);
        }
        java.util.Set<Integer> leads = leadSets.get(0);
        List<Integer> w = new ArrayList<>();
        List<Double> r = new ArrayList<>();
        List<Double> ts = new ArrayList<>();
        int[] tier = new int[signal.size()];
        for (LmmResult.SnpResult s : signal) {
            tier[w.size()] = leads.contains(s.variant()) ? LEAD : s.pWald() <= threshold ? SIGNIFICANT : SUGGESTIVE;
            double t = s.beta() / s.se();
            w.add(s.variant());
            r.add(stable(t / Math.sqrt(t * t + df)));
            ts.add(stable(t));
        }
        boolean[][] leadsAt = new boolean[CLUMP_R2_LEVELS.length][w.size()];
        for (int level = 0; level < leadsAt.length; level++) {
            for (int j = 0; j < w.size(); j++) {
                leadsAt[level][j] = leadSets.get(level).contains(w.get(j));
            }
        }
        return new Fit(name, mean, sd, 1 - (double) obs.length / y.length, binary ? mean - control : Double.NaN,
                w.stream().mapToInt(Integer::intValue).toArray(), tier, leadsAt, background, r.stream().mapToDouble(Double::doubleValue).toArray(),
                ts.stream().mapToDouble(Double::doubleValue).toArray(), lmm.sampleRows().length,
                stable(lmm.nullModel().pve()));
    }

    /**
     * Lead SNPs of LD clumps (as plink {@code --clump}): in order of increasing p, a SNP is a lead unless a lead
     * already taken is in LD with it ({@code r^2 >= }{@link #CLUMP_R2} over the phenotyped samples). Only leads get
     * targets: their neighbours follow through the synthetic cohort's own LD, so the targets never ask the synthetic
     * LD to be what the real LD was.
     */
    static List<LmmResult.SnpResult> clump(GenotypeMatrix m, List<LmmResult.SnpResult> snps, int[] rows,
            double r2, long windowBp) {
        List<LmmResult.SnpResult> sorted = new ArrayList<>(snps);
        sorted.sort(java.util.Comparator.comparingDouble(LmmResult.SnpResult::pWald)
                .thenComparingInt(LmmResult.SnpResult::variant));
        List<LmmResult.SnpResult> leads = new ArrayList<>();
        List<double[]> leadColumns = new ArrayList<>();
        for (LmmResult.SnpResult s : sorted) {
            double[] col = standardizedColumns(m, new int[] {s.variant()}, rows)[0];
            if (col == null) {
                continue;
            }
            boolean inLd = false;
            org.genosynth.model.Variant v = m.variants().get(s.variant());
            for (int l = 0; l < leadColumns.size(); l++) {
                double[] lead = leadColumns.get(l);
                double c = dot(col, lead) / rows.length;
                org.genosynth.model.Variant lv = m.variants().get(leads.get(l).variant());
                boolean near = windowBp > 0 && v.hasPosition() && lv.hasPosition() && v.chrom().equals(lv.chrom())
                        && Math.abs(v.position() - lv.position()) <= windowBp;
                if (c * c >= r2 || near) {
                    inLd = true;
                    break;
                }
            }
            if (!inLd) {
                leads.add(s);
                leadColumns.add(col);
            }
        }
        leads.sort(java.util.Comparator.comparingInt(LmmResult.SnpResult::variant));
        return leads;
    }

    /**
     * The Benjamini–Hochberg p-value threshold at false discovery rate {@code q} over the tested SNPs: the largest
     * {@code p_(i)} with {@code p_(i) <= q i / m}; -1 (nothing selected) when there is none.
     */
    static double fdrThreshold(LmmResult lmm, double q) {
        double[] p = lmm.snps().stream().filter(x -> x.se() > 0 && Double.isFinite(x.pWald()))
                .mapToDouble(LmmResult.SnpResult::pWald).sorted().toArray();
        double threshold = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] <= q * (i + 1) / p.length) {
                threshold = p[i];
            }
        }
        return threshold;
    }

    /**
     * {@code v} to 6 significant digits. LMM statistics come through native BLAS/LAPACK, whose last bits can change
     * with the memory alignment of the arrays (even between two runs at the same thread count); rounding what the
     * generator takes from them keeps the synthetic phenotypes byte-identical from run to run.
     */
    static double stable(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
    }

    /**
     * Synthetic values with {@code rounds} calibration rounds, then (with a polygenic background) the PVE calibration.
     *
     * <p>Hit rounds: the synthetic cohort is analysed with the same LMM, and each signal SNP's target correlation is
     * multiplied by (real t / synthetic t) (clamped to [0.5, 2]; only when both t agree in sign and exceed 1 in
     * size), then the values are regenerated from the same random stream. This absorbs what the LMM's relatedness
     * correction takes from the signal in the synthetic cohort.
     *
     * <p>PVE calibration: the values are generated for a grid of {@link #PVE_GRID} background aims from the same
     * random stream (so only the background's size changes), the REML PVE of every candidate is computed with one
     * eigendecomposition of the synthetic relatedness matrix, and the aim is interpolated between the two grid points
     * that bracket the real PVE. When even no background gives more than the real PVE, there is no background.
     *
     * <p>Signal scale: when the signal alone already explains more than the real PVE, its targets are scaled down to
     * it instead, as far as no real genome-wide hit is lost ({@link #signalScale}).
     */
    static Calibrated generateCalibrated(Fit fit, GenotypeMatrix synth, double maxSignal, long streamSeed, int rounds,
            int threads) {
        try (SynthLmm synthLmm = new SynthLmm(synth, threads)) {
            return generateCalibrated(fit, synth, maxSignal, streamSeed, rounds, synthLmm);
        }
    }

    private static Calibrated generateCalibrated(Fit fit, GenotypeMatrix synth, double maxSignal, long streamSeed,
            int rounds, SynthLmm synthLmm) {
        boolean calibratePve = fit.background() && Double.isFinite(fit.realPve());
        Background basis = calibratePve ? Background.of(synth, new SplittableRandom(streamSeed)) : null;
        Fit current = hitRounds(fit, fit.withPveAim(0), synth, maxSignal, streamSeed, rounds, synthLmm, basis);
        if (!calibratePve) {
            return new Calibrated(generate(current, synth, maxSignal, new SplittableRandom(streamSeed), basis), 0, 1);
        }
        // the background moves the LMM statistics of the SNPs that correlate with it by an offset: additive rounds
        // (measured on the mouse demo: multiplicative ones took SNP precision at 5e-8 from 0.72 to 0.52)
        double[] aim = pveAim(current, synth, maxSignal, streamSeed, synthLmm, basis);
        if (aim[0] == 0 && aim[2] > fit.realPve() + PVE_TOLERANCE) {
            double scale = signalScale(fit, current, synth, maxSignal, streamSeed, synthLmm);
            return new Calibrated(generate(scaled(current, scale), synth, maxSignal, new SplittableRandom(streamSeed),
                    basis), 0, scale);
        }
        current = current.withPveAim(aim[0]);
        if (current.pveAim() > 0) {
            current = offsetRounds(fit, current, aim[1], synth, maxSignal, streamSeed, OFFSET_ROUNDS, synthLmm, basis);
        }
        return new Calibrated(generate(current, synth, maxSignal, new SplittableRandom(streamSeed), basis),
                current.pveAim(), 1);
    }

    /**
     * Synthetic phenotype values and how they were calibrated.
     *
     * @param values         per synthetic sample (NaN = missing)
     * @param backgroundAim  the PVE the polygenic background was drawn for (0: none)
     * @param signalScale    the factor on the signal's target correlations (1 unless the signal alone explained more
     *                       than the real REML PVE)
     */
    record Calibrated(double[] values, double backgroundAim, double signalScale) {
    }

    /**
     * {@code rounds} hit rounds from {@code current}: the signal SNPs' targets moved by (real t / synthetic t). Every
     * state is measured, the last one too, and the one kept has its statistics closest to the real ones
     * ({@link #tDistance}; the later among equals): what the rounds are for, and what the background's calibration
     * starts from (choosing by the hits' verdicts instead kept, on the inbred panel at synth seed 3, a first state
     * with 20 of 77 real hits and no false one over states with 41 and 36). The update is not
     * monotone: the LMM reads a sparse trait's loci through its variance component, so raising one locus's target can
     * take another's statistic down. Measured on human_1kg_chr20 at synth seed 3: the first update took the real
     * hits kept from 21 to 44 of 44, the second (one locus's targets x 1.21, the other's x 0.95) back to 21, and that
     * unmeasured state was the one kept.
     */
    private static Fit hitRounds(Fit fit, Fit current, GenotypeMatrix synth, double maxSignal, long streamSeed,
            int rounds, SynthLmm synthLmm, Background basis) {
        if (rounds <= 0 || fit.window().length == 0) {
            return current;
        }
        Fit best = current;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int round = 0; round <= rounds; round++) {
            double[] y = generate(current, synth, maxSignal, new SplittableRandom(streamSeed), basis);
            LmmResult lmm = synthLmm.fit(y);
            java.util.Map<Integer, Double> synthT = waldT(lmm);
            double distance = tDistance(fit, synthT);
            if (distance <= bestDistance) {
                best = current;
                bestDistance = distance;
            }
            if (round == rounds) {
                break;
            }
            double[] r = current.targetR().clone();
            for (int j = 0; j < r.length; j++) {
                Double ts = synthT.get(fit.window()[j]);
                double tr = fit.realT()[j];
                if (ts != null && Math.abs(ts) > 1 && Math.abs(tr) > 1 && Math.signum(ts) == Math.signum(tr)) {
                    r[j] = stable(r[j] * Math.max(0.5, Math.min(2, tr / ts)));
                }
            }
            current = current.withTargets(r);
        }
        return best;
    }

    /**
     * Root mean square of (synthetic t - real t) over the signal SNPs with a target of their own (not those that
     * follow their leads through a locus copied whole); infinite when none was tested.
     */
    static double tDistance(Fit fit, java.util.Map<Integer, Double> synthT) {
        double sum = 0;
        int count = 0;
        for (int j = 0; j < fit.window().length; j++) {
            Double ts = synthT.get(fit.window()[j]);
            double tr = fit.realT()[j];
            if (ts != null && Double.isFinite(ts) && Double.isFinite(tr) && fit.tier()[j] != FOLLOWS) {
                sum += (ts - tr) * (ts - tr);
                count++;
            }
        }
        return count == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(sum / count);
    }

    /**
     * {@code rounds} rounds with the background in place: each signal SNP's target correlation moved by
     * {@code (real t - synthetic t) / sqrt(n)}, the change in marginal correlation that moves an LMM statistic by that
     * much. The background shifts the statistics of the SNPs that correlate with it by an offset (the LMM absorbs the
     * background and with it what the solved signal part compensated), which a multiplicative update cannot undo.
     * Each round also moves the background's aim by the gap between the real PVE and the PVE the round measured,
     * divided by {@code pveSlope} (the grid's d PVE / d aim there). Stops early once every statistic is within
     * {@link #OFFSET_TOLERANCE} of the real one and the PVE within {@link #PVE_TOLERANCE}; otherwise the last round's
     * moved targets are measured too and the best measured state is returned: the fewest fail, then warn verdicts that
     * {@code evaluate} would give its PVE and its hits at 5e-8 ({@link #verdicts}; the PVE and the statistics alone once
     * chose, on the mouse demo at synth seed 3, a state with the PVE matched and 6 of 13 real hits, over one with 13 of
     * 13 and the PVE 0.095 low), then {@link #PVE_KEPT}. Bounded: a target
     * with {@code |real t| > 1} stays between 0 and twice itself (never changes sign), a smaller one within
     * {@code 1 / sqrt(n)} of zero.
     */
    private static Fit offsetRounds(Fit fit, Fit current, double pveSlope, GenotypeMatrix synth, double maxSignal,
            long streamSeed, int rounds, SynthLmm synthLmm, Background basis) {
        double sqrtN = Math.sqrt(fit.realObserved());
        Fit best = current;
        double bestGap = Double.POSITIVE_INFINITY;
        double bestWorst = Double.POSITIVE_INFINITY;
        int[] bestLevel = {Integer.MAX_VALUE, Integer.MAX_VALUE};
        java.util.Set<Integer> realHits = realGenomeWide(fit);
        List<Measured> measured = new ArrayList<>();
        for (int round = 0; round <= rounds && fit.window().length > 0; round++) {
            double[] y = generate(current, synth, maxSignal, new SplittableRandom(streamSeed), basis);
            LmmResult lmm = synthLmm.fit(y);
            // the moved targets change what the signal explains: the aim follows the PVE this round measured
            double pveGap = fit.realPve() - lmm.nullModel().pve();
            java.util.Map<Integer, Double> synthT = waldT(lmm);
            double[] r = current.targetR().clone();
            double worst = 0;
            for (int j = 0; j < r.length; j++) {
                Double ts = synthT.get(fit.window()[j]);
                double tr = fit.realT()[j];
                // a SNP that follows its leads through a locus copied whole has no target to move
                if (ts == null || !Double.isFinite(ts) || !Double.isFinite(tr) || fit.tier()[j] == FOLLOWS) {
                    continue;
                }
                worst = Math.max(worst, Math.abs(tr - ts));
            }
            if (worst <= OFFSET_TOLERANCE && Math.abs(pveGap) <= PVE_TOLERANCE) {
                return current;
            }
            // the measured state kept: the fewest fail, then warn verdicts that evaluate would give its PVE and its
            // hits at 5e-8; among equals, the PVE (within PVE_KEPT of the real), then the statistics
            double gap = Double.isFinite(pveGap) ? Math.abs(pveGap) : Double.POSITIVE_INFINITY;
            java.util.Set<Integer> found = genomeWide(lmm);
            int[] level = verdicts(gap, realHits, found, synth.variants());
            measured.add(new Measured(current, pveGap, level, verdicts(0, realHits, found, synth.variants())));
            boolean better = level[0] != bestLevel[0] ? level[0] < bestLevel[0]
                    : level[1] != bestLevel[1] ? level[1] < bestLevel[1]
                    : gap <= PVE_KEPT ? bestGap > PVE_KEPT || worst < bestWorst : gap < bestGap;
            if (better) {
                best = current;
                bestGap = gap;
                bestWorst = worst;
                bestLevel = level;
            }
            if (round == rounds) {
                break;
            }
            if (Double.isFinite(pveGap) && Math.abs(pveGap) > PVE_TOLERANCE) {
                current = current.withPveAim(stable(Math.max(0, Math.min(1 - MIN_NOISE,
                        current.pveAim() + pveGap / pveSlope))));
            }
            for (int j = 0; j < r.length; j++) {
                Double ts = synthT.get(fit.window()[j]);
                double tr = fit.realT()[j];
                if (ts == null || !Double.isFinite(ts) || !Double.isFinite(tr)) {
                    continue;
                }
                double moved = r[j] + (tr - ts) / sqrtN;
                if (Math.abs(tr) > 1) {
                    double lo = Math.min(0, 2 * r[j]);
                    double hi = Math.max(0, 2 * r[j]);
                    moved = Math.max(lo, Math.min(hi, moved));
                } else {
                    moved = Math.max(-1 / sqrtN, Math.min(1 / sqrtN, moved));
                }
                r[j] = stable(moved);
            }
            current = current.withTargets(r);
        }
        return bracket(fit, best, bestLevel, measured, synth, maxSignal, streamSeed, synthLmm, basis);
    }

    /** A measured state: its signed PVE gap (real - synthetic), its verdicts, and its hits' verdicts alone. */
    record Measured(Fit state, double pveGap, int[] level, int[] hitLevel) {
        boolean pvePasses() {
            return Double.isFinite(pveGap) && UtilitySection.PVE_DIFFERENCE.judge(Math.abs(pveGap)) == Verdict.PASS;
        }
    }

    /**
     * Where the offset rounds end with a verdict short of a pass because the state with the best hits misses the PVE
     * and the state with the best PVE misses hits (the rounds overshoot: the LMM absorbs the loci into the background
     * as the background grows), {@link #BRACKET_ROUNDS} more states are measured on the line between the two, by
     * bisection toward the first point from the hits' side where the PVE passes; the best measured state by
     * {@link #verdicts} is returned (the states of the rounds included). Measured on the mouse demo at synth seed 3:
     * the rounds alternated between PVE 0.442 with 13 of 13 real hits and 0.603 with 11 of 13.
     */
    private static Fit bracket(Fit fit, Fit best, int[] bestLevel, List<Measured> measured, GenotypeMatrix synth,
            double maxSignal, long streamSeed, SynthLmm synthLmm, Background basis) {
        if (bestLevel[0] + bestLevel[1] == 0 || measured.size() < 2) {
            return best;
        }
        Measured[] ends = bracketEnds(measured);
        if (ends == null) {
            return best;
        }
        Measured hits = ends[0];
        Measured pve = ends[1];
        java.util.Set<Integer> realHits = realGenomeWide(fit);
        double lo = 0;
        double hi = 1;
        for (int step = 0; step < BRACKET_ROUNDS; step++) {
            double t = (lo + hi) / 2;
            Fit state = between(hits.state(), pve.state(), t);
            double[] y = generate(state, synth, maxSignal, new SplittableRandom(streamSeed), basis);
            LmmResult lmm = synthLmm.fit(y);
            double pveGap = fit.realPve() - lmm.nullModel().pve();
            java.util.Set<Integer> found = genomeWide(lmm);
            int[] level = verdicts(Double.isFinite(pveGap) ? Math.abs(pveGap) : Double.POSITIVE_INFINITY, realHits,
                    found, synth.variants());
            if (BY_VERDICTS.compare(level, bestLevel) < 0) {
                best = state;
                bestLevel = level;
            }
            if (bestLevel[0] + bestLevel[1] == 0) {
                break;
            }
            Measured at = new Measured(state, pveGap, level, verdicts(0, realHits, found, synth.variants()));
            // still on the hits' side of the PVE's pass band: move away from them; else back toward them
            if (!at.pvePasses() && Math.signum(pveGap) == Math.signum(hits.pveGap())) {
                lo = t;
            } else {
                hi = t;
            }
        }
        return best;
    }

    /** Fewest fail, then warn verdicts ({@link #verdicts}) first. */
    static final java.util.Comparator<int[]> BY_VERDICTS = java.util.Comparator.<int[]>comparingInt(l -> l[0])
            .thenComparingInt(l -> l[1]);

    /**
     * The two ends of {@link #bracket}: the measured state with the best hit verdicts (then the smallest PVE gap), and
     * the one whose PVE verdict is a pass, or else one on the other side of the real PVE (then the best hits, the
     * smallest gap); null when there is nothing to bracket: the hits' state passes the PVE too, no state lies across
     * the real PVE from it, or that state's hits are as good.
     */
    static Measured[] bracketEnds(List<Measured> measured) {
        Measured hits = measured.stream().min(java.util.Comparator.comparing(Measured::hitLevel, BY_VERDICTS)
                .thenComparingDouble(m -> Math.abs(m.pveGap()))).orElse(null);
        if (hits == null || !Double.isFinite(hits.pveGap())) {
            return null;
        }
        // the other end: a state whose PVE passes, or one on the other side of the real PVE
        Measured pve = measured.stream().filter(m -> m.pvePasses()
                        || (Double.isFinite(m.pveGap()) && Math.signum(m.pveGap()) == -Math.signum(hits.pveGap())))
                .min(java.util.Comparator.comparingDouble((Measured m) -> m.pvePasses() ? 0 : 1)
                        .thenComparing(Measured::hitLevel, BY_VERDICTS)
                        .thenComparingDouble(m -> Math.abs(m.pveGap()))).orElse(null);
        if (pve == null || hits.pvePasses() || hits == pve
                || BY_VERDICTS.compare(hits.hitLevel(), pve.hitLevel()) >= 0) {
            return null;
        }
        return new Measured[] {hits, pve};
    }

    /** The state at {@code t} on the line from {@code a} (0) to {@code b} (1): targets and background aim. */
    private static Fit between(Fit a, Fit b, double t) {
        double[] r = new double[a.targetR().length];
        for (int j = 0; j < r.length; j++) {
            r[j] = stable(a.targetR()[j] + t * (b.targetR()[j] - a.targetR()[j]));
        }
        return a.withTargets(r).withPveAim(stable(a.pveAim() + t * (b.pveAim() - a.pveAim())));
    }

    /**
     * The number of fail and of warn verdicts that {@code evaluate} would give a measured state (against the real
     * training cohort): its REML PVE gap, the SNP recall and precision of its hits at {@link #GENOME_WIDE_P}
     * ({@code found}) against the real ones ({@code real}), and the locus recall ({@link #locusRecall}); recall is not
     * judged without real hits, precision not without synthetic ones, as in evaluate. {@code variants} are the
     * cohort's, indexed as the hits are.
     */
    static int[] verdicts(double pveGap, java.util.Set<Integer> real, java.util.Set<Integer> found,
            List<org.genosynth.model.Variant> variants) {
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(Double.isFinite(pveGap) ? UtilitySection.PVE_DIFFERENCE.judge(pveGap)
                : Verdict.FAIL);
        long shared = found.stream().filter(real::contains).count();
        if (!real.isEmpty()) {
            verdicts.add(UtilitySection.HIT_SHARE.judge((double) shared / real.size()));
            verdicts.add(UtilitySection.LOCUS_SHARE.judge(locusRecall(variants, real, found)));
        }
        if (!found.isEmpty()) {
            verdicts.add(UtilitySection.HIT_SHARE.judge((double) shared / found.size()));
        }
        return new int[] {
            (int) verdicts.stream().filter(v -> v == Verdict.FAIL).count(),
            (int) verdicts.stream().filter(v -> v == Verdict.WARN).count()};
    }

    /**
     * Share of the loci of {@code real} with a hit of {@code found} within reach, as evaluate counts them: hits on one
     * chromosome with gaps of at most the locus window form a locus, found by a hit inside it or within the window of
     * it; along the genetic map with evaluate's default window where the variants have one
     * ({@code LdDecay.usesMap}), else along base pairs.
     */
    static double locusRecall(List<org.genosynth.model.Variant> variants, java.util.Set<Integer> real,
            java.util.Set<Integer> found) {
        boolean cm = org.genosynth.eval.fidelity.LdDecay.usesMap(variants);
        double window = cm ? org.genosynth.eval.EvaluationRequest.DEFAULT_LOCUS_WINDOW_CM
                : org.genosynth.eval.EvaluationRequest.DEFAULT_LOCUS_WINDOW;
        java.util.function.IntToDoubleFunction at = v -> cm ? variants.get(v).centimorgan()
                : variants.get(v).hasPosition() ? variants.get(v).position() : Double.NaN;
        List<int[]> loci = new ArrayList<>();
        int[] open = null;
        for (int v : new java.util.TreeSet<>(real)) {
            if (open != null && variants.get(open[1]).chrom().equals(variants.get(v).chrom())
                    && Math.abs(at.applyAsDouble(v) - at.applyAsDouble(open[1])) <= window) {
                open[1] = v;
            } else {
                open = new int[] {v, v};
                loci.add(open);
            }
        }
        int kept = 0;
        for (int[] locus : loci) {
            String chrom = variants.get(locus[0]).chrom();
            double from = at.applyAsDouble(locus[0]) - window;
            double to = at.applyAsDouble(locus[1]) + window;
            boolean hit = false;
            for (int v : found) {
                double x = at.applyAsDouble(v);
                if (v >= locus[0] && v <= locus[1]
                        || variants.get(v).chrom().equals(chrom) && x >= from && x <= to) {
                    hit = true;
                    break;
                }
            }
            kept += hit ? 1 : 0;
        }
        return (double) kept / loci.size();
    }

    /** The Wald t of every tested SNP, by variant index. */
    private static java.util.Map<Integer, Double> waldT(LmmResult lmm) {
        java.util.Map<Integer, Double> t = new java.util.HashMap<>();
        for (LmmResult.SnpResult snp : lmm.snps()) {
            if (snp.se() > 0) {
                t.put(snp.variant(), snp.beta() / snp.se());
            }
        }
        return t;
    }

    /**
     * The background aim whose values have the real REML PVE: {@link #PVE_GRID} aims from the same random stream, every
     * candidate's PVE from one eigendecomposition, the aim interpolated between the two that bracket the real PVE (0
     * when even no background gives more; the closest aim when none reaches it). Returns {aim, the grid's d PVE / d aim
     * there, the PVE without a background}.
     */
    private static double[] pveAim(Fit current, GenotypeMatrix synth, double maxSignal, long streamSeed,
            SynthLmm synthLmm, Background basis) {
        double[] aims = new double[PVE_GRID];
        double[][] candidates = new double[PVE_GRID][];
        for (int i = 0; i < PVE_GRID; i++) {
            aims[i] = stable((1 - MIN_NOISE) * i / (PVE_GRID - 1));
            candidates[i] = generate(current.withPveAim(aims[i]), synth, maxSignal, new SplittableRandom(streamSeed),
                    basis);
        }
        double[] pve = synthLmm.nullModels(candidates)
                .stream().mapToDouble(nm -> stable(nm.pve())).toArray();
        double target = current.realPve();
        if (!(pve[0] < target)) {
            return new double[] {0, 1, pve[0]};
        }
        for (int i = 0; i + 1 < PVE_GRID; i++) {
            if (pve[i] <= target && target <= pve[i + 1]) {
                double t = pve[i + 1] > pve[i] ? (target - pve[i]) / (pve[i + 1] - pve[i]) : 0;
                double slope = (pve[i + 1] - pve[i]) / (aims[i + 1] - aims[i]);
                return new double[] {stable(aims[i] + t * (aims[i + 1] - aims[i])), slope > 0.1 ? slope : 1, pve[0]};
            }
        }
        int best = 0;
        for (int i = 1; i < PVE_GRID; i++) {
            if (Math.abs(pve[i] - target) < Math.abs(pve[best] - target)) {
                best = i;
            }
        }
        return new double[] {aims[best], 1, pve[0]};
    }

    /**
     * The factor on the signal's targets that brings the synthetic REML PVE down to the real one, as far as the real
     * genome-wide hits stay ({@link #HIT_LOSS}, every locus). Used when the signal SNPs alone already explain more
     * than REML finds in the real cohort: a sparse trait's REML PVE grows with its loci's LD scores relative to the
     * genome's average, and a generator that keeps the loci's LD but not all of the genome's raises it. The factors
     * of {@link #SIGNAL_SCALES} are measured (one eigendecomposition) and the factor interpolated where the PVE crosses
     * the real one. Then one LMM checks the SNPs that are genome-wide hits in both the real and the unscaled synthetic
     * cohort; where more than {@link #HIT_LOSS} of them, or every hit of a locus, fall above {@link #GENOME_WIDE_P},
     * the factor is bisected between the largest factor that lost them and the smallest that kept them (1 at first),
     * {@link #SCALE_CHECKS} LMMs in all, and the smallest factor that kept them is used.
     */
    private static double signalScale(Fit fit, Fit current, GenotypeMatrix synth, double maxSignal, long streamSeed,
            SynthLmm synthLmm) {
        double[][] candidates = new double[SIGNAL_SCALES.length][];
        for (int i = 0; i < SIGNAL_SCALES.length; i++) {
            candidates[i] = generate(scaled(current, SIGNAL_SCALES[i]), synth, maxSignal,
                    new SplittableRandom(streamSeed), null);
        }
        double[] pve = synthLmm.nullModels(candidates)
                .stream().mapToDouble(nm -> stable(nm.pve())).toArray();
        double target = fit.realPve();
        double scale = SIGNAL_SCALES[SIGNAL_SCALES.length - 1];
        for (int i = 0; i + 1 < SIGNAL_SCALES.length; i++) {
            if (pve[i] >= target && target >= pve[i + 1]) {
                double t = pve[i] > pve[i + 1] ? (pve[i] - target) / (pve[i] - pve[i + 1]) : 0;
                scale = stable(SIGNAL_SCALES[i] + t * (SIGNAL_SCALES[i + 1] - SIGNAL_SCALES[i]));
                break;
            }
        }
        java.util.Set<Integer> kept = genomeWide(synthLmm.fit(candidates[0]));
        kept.retainAll(realGenomeWide(fit));
        if (kept.isEmpty()) {
            return scale;
        }
        // bisection between the largest factor found to lose too much (none yet) and the smallest found to keep
        // enough (1 keeps every hit by definition), the interpolated factor tried first
        double keeps = 1;
        double loses = Double.NaN;
        for (int check = 0; check < SCALE_CHECKS; check++) {
            double trial = check == 0 ? scale : stable((loses + keeps) / 2);
            double[] y = generate(scaled(current, trial), synth, maxSignal, new SplittableRandom(streamSeed), null);
            java.util.Set<Integer> found = genomeWide(synthLmm.fit(y));
            java.util.Set<Integer> lost = new java.util.HashSet<>(kept);
            lost.removeAll(found);
            if (lost.size() <= HIT_LOSS * kept.size() && everyLocusKept(synth.variants(), kept, found)) {
                keeps = trial;
                if (check == 0) {
                    break;
                }
            } else {
                loses = trial;
            }
        }
        return keeps;
    }

    /**
     * True when every locus of {@code kept} (hits on one chromosome with gaps of at most {@link #LOCUS_WINDOW_BP})
     * still has a hit in {@code found}.
     */
    static boolean everyLocusKept(List<org.genosynth.model.Variant> variants, java.util.Set<Integer> kept,
            java.util.Set<Integer> found) {
        boolean locusFound = false;
        org.genosynth.model.Variant previous = null;
        for (int v : new java.util.TreeSet<>(kept)) {
            org.genosynth.model.Variant at = variants.get(v);
            boolean sameLocus = previous != null && previous.chrom().equals(at.chrom()) && at.hasPosition()
                    && previous.hasPosition() && at.position() - previous.position() <= LOCUS_WINDOW_BP;
            if (previous != null && !sameLocus && !locusFound) {
                return false;
            }
            locusFound = (sameLocus && locusFound) || found.contains(v);
            previous = at;
        }
        return previous == null || locusFound;
    }

    /** {@code current} with every target correlation multiplied by {@code factor}. */
    private static Fit scaled(Fit current, double factor) {
        double[] r = current.targetR().clone();
        for (int j = 0; j < r.length; j++) {
            r[j] = stable(r[j] * factor);
        }
        return current.withTargets(r).withPveAim(0);
    }

    /**
     * The LMM of the calibration on the synthetic genotypes: every measured state is a phenotype over the same samples
     * (the missing ones are drawn first from the state's stream), so the relatedness matrix and its eigendecomposition
     * are made at the first fit and kept ({@link LmmEngine#prepare}); each result is the one a fresh fit gives.
     */
    private static final class SynthLmm implements AutoCloseable {
        private final GenotypeMatrix synth;
        private final int threads;
        private LmmEngine.Prepared prepared;

        SynthLmm(GenotypeMatrix synth, int threads) {
            this.synth = synth;
            this.threads = threads;
        }

        LmmResult fit(double[] y) {
            return prepared(y).fit(y);
        }

        List<org.genosynth.assoc.lmm.NullModel> nullModels(double[][] phenotypes) {
            return prepared(phenotypes[0]).nullModels(phenotypes);
        }

        private LmmEngine.Prepared prepared(double[] like) {
            if (prepared == null) {
                prepared = LmmEngine.prepare(synth, like, null, LmmOptions.defaults().withThreads(threads));
            }
            return prepared;
        }

        @Override
        public void close() {
            if (prepared != null) {
                prepared.close();
            }
        }
    }

    /** Variant indices of the LMM's hits at {@link #GENOME_WIDE_P}. */
    private static java.util.Set<Integer> genomeWide(LmmResult lmm) {
        java.util.Set<Integer> hits = new java.util.HashSet<>();
        for (LmmResult.SnpResult snp : lmm.snps()) {
            if (snp.pWald() <= GENOME_WIDE_P) {
                hits.add(snp.variant());
            }
        }
        return hits;
    }

    /** Variant indices of the signal SNPs whose real Wald t passes {@link #GENOME_WIDE_P}. */
    private static java.util.Set<Integer> realGenomeWide(Fit fit) {
        double[] p = fit.realP();
        java.util.Set<Integer> hits = new java.util.HashSet<>();
        for (int j = 0; j < fit.window().length; j++) {
            if (p[j] <= GENOME_WIDE_P) {
                hits.add(fit.window()[j]);
            }
        }
        return hits;
    }

    /** Synthetic values for the samples of {@code synth} (NaN = missing), from {@code random}. */
    static double[] generate(Fit fit, GenotypeMatrix synth, double maxSignal, SplittableRandom random) {
        return generate(fit, synth, maxSignal, random, null);
    }

    /**
     * As {@link #generate(Fit, GenotypeMatrix, double, SplittableRandom)}, the background (when the fit has one) on
     * {@code basis} (null: computed here).
     */
    static double[] generate(Fit fit, GenotypeMatrix synth, double maxSignal, SplittableRandom random,
            Background background) {
        int n = synth.sampleCount();
        int observed = (int) Math.round(n * (1 - fit.missingFraction()));
        int[] rows = chooseRows(n, observed, random);
        double[][] x = standardizedColumns(synth, fit.window(), rows);
        int q = x.length;
        double[] r = fit.targetR().clone();
        // a case/control column is drawn as a liability and thresholded, which shrinks each correlation: the targets
        // (each SNP's own genotype distribution) and the PVE aim (normal theory) are put on the liability scale first
        double lift = fit.binary() ? liabilityLift(fit.prevalence()) : 1;
        for (int j = 0; j < q; j++) {
            r[j] = x[j] == null ? 0 : fit.binary() ? liabilityR(x[j], r[j], fit.prevalence()) : r[j];
        }
        // as many real associations as the synthetic genotypes can carry: all signal SNPs, else the significant ones,
        // else the clump leads (ridge only if even those would explain more than maxSignal); the SNPs that follow
        // their leads through a locus copied whole never have targets of their own
        drop(x, r, fit.tier(), SUGGESTIVE);
        double[] g = exactValue(x, r, observed);
        boolean[] penalized = null;
        boolean ridge = false;
        if (dot(g, g) / observed > maxSignal) {
            drop(x, r, fit.tier(), SIGNIFICANT);
            g = exactValue(x, r, observed);
        }
        boolean[] lead = fit.leadsAt()[0];
        if (dot(g, g) / observed > maxSignal) {
            // the leads exact, the other significant SNPs as close to their targets as the variance left allows; when
            // even the leads cannot all be kept, the leads of a looser clump (fewer, each standing for more of a locus)
            for (int level = 0; level < fit.leadsAt().length; level++) {
                lead = fit.leadsAt()[level];
                double[][] leadsOnly = new double[q][];
                for (int j = 0; j < q; j++) {
                    leadsOnly[j] = lead[j] ? x[j] : null;
                }
                double[] gl = exactValue(leadsOnly, r, observed);
                if (dot(gl, gl) / observed <= maxSignal) {
                    break;
                }
            }
            penalized = new boolean[q];
            for (int j = 0; j < q; j++) {
                penalized[j] = !lead[j];
            }
            ridge = true;
            g = geneticValue(x, r, observed, maxSignal, penalized);
        }
        if (dot(g, g) / observed > maxSignal) {
            for (int j = 0; j < q; j++) {
                if (!lead[j]) {
                    x[j] = null;
                    r[j] = 0;
                }
            }
            penalized = null;
            g = geneticValue(x, r, observed, maxSignal, null);
        }
        double gVar = dot(g, g) / observed;
        double[] e = new double[observed];
        for (int i = 0; i < observed; i++) {
            e[i] = gaussian(random);
        }
        List<double[]> basis = orthonormalBasis(x, observed);
        project(basis, e);
        double bgVar = Double.isFinite(fit.pveAim())
                ? Math.max(0, Math.min(fit.pveAim() * lift * lift, 1 - MIN_NOISE) - gVar) : 0;
        if (bgVar > 0 && fit.background()) {
            double[] u = (background != null ? background : Background.of(synth, random)).draw(rows, random);
            double mu = Arrays.stream(u).sum() / observed;
            for (int i = 0; i < observed; i++) {
                u[i] -= mu;
            }
            double uu = dot(u, u) / observed;
            if (uu > 0) {
                double scale = Math.sqrt(bgVar / uu);
                for (int i = 0; i < observed; i++) {
                    u[i] *= scale;
                }
                // the background keeps its shape (a draw the relatedness matrix explains); the signal SNPs keep their
                // targets: their part solves X'(g + u)/n = r
                double[] rr = r.clone();
                for (int j = 0; j < q; j++) {
                    if (x[j] != null) {
                        rr[j] = r[j] - dot(x[j], u) / observed;
                    }
                }
                double[] gs = ridge ? geneticValue(x, rr, observed, maxSignal, penalized) : exactValue(x, rr, observed);
                for (int i = 0; i < observed; i++) {
                    g[i] = gs[i] + u[i];
                }
                gVar = Math.min(1 - MIN_NOISE, dot(g, g) / observed);
            }
        }
        double eScale = Math.sqrt(Math.max(0, 1 - gVar) / (dot(e, e) / observed));
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        double[] liability = new double[observed];
        for (int i = 0; i < observed; i++) {
            liability[i] = g[i] + eScale * e[i];
        }
        if (fit.binary()) {
            double[] sorted = liability.clone();
            Arrays.sort(sorted);
            int cases = (int) Math.round(fit.prevalence() * observed);
            double cut = cases == 0 ? Double.POSITIVE_INFINITY : sorted[observed - cases];
            double control = fit.controlCode();
            for (int i = 0; i < observed; i++) {
                out[rows[i]] = control + (liability[i] >= cut ? 1 : 0);
            }
        } else {
            for (int i = 0; i < observed; i++) {
                out[rows[i]] = fit.mean() + fit.sd() * liability[i];
            }
        }
        return out;
    }

    /**
     * Liability threshold model: a SNP correlated {@code rho} with a standard normal liability is correlated
     * {@code rho phi(t) / sqrt(p (1 - p))} with the case indicator at prevalence {@code p} ({@code t} the threshold,
     * exact for jointly normal variables); the factor that undoes it (1 at a prevalence of 0 or 1).
     */
    static double liabilityLift(double p) {
        if (!(p > 0 && p < 1)) {
            return 1;
        }
        org.hipparchus.distribution.continuous.NormalDistribution normal =
                new org.hipparchus.distribution.continuous.NormalDistribution(0, 1);
        return Math.sqrt(p * (1 - p)) / normal.density(normal.inverseCumulativeProbability(1 - p));
    }

    /**
     * The correlation {@code rho} of a SNP with a standard normal liability {@code L = rho x + sqrt(1 - rho^2) e}
     * ({@code e} standard normal: the rest of the liability) whose top {@code p} share are cases, such that the SNP's
     * correlation with the case indicator is {@code r}; {@code x} the SNP's standardized values (their distribution
     * matters: at p = 0.3 the indicator keeps 0.76 of rho for a normal x, 0.79-0.89 for SNPs of allele
     * frequency 0.3-0.1 at rho 0.2-0.57).
     * Where even rho 0.99 gives less than {@code r}, 0.99 (with the sign of r).
     */
    static double liabilityR(double[] x, double r, double p) {
        if (!(p > 0 && p < 1) || r == 0) {
            return r;
        }
        java.util.TreeMap<Double, Integer> counts = new java.util.TreeMap<>();
        for (double v : x) {
            counts.merge(v, 1, Integer::sum);
        }
        double[] values = counts.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[] weights = counts.values().stream().mapToDouble(c -> (double) c / x.length).toArray();
        double mean = 0;
        double sq = 0;
        for (int k = 0; k < values.length; k++) {
            mean += weights[k] * values[k];
            sq += weights[k] * values[k] * values[k];
        }
        double sdX = Math.sqrt(Math.max(1e-12, sq - mean * mean));
        double target = Math.abs(r);
        double lo = 0;
        double hi = 0.99;
        if (indicatorCorrelation(values, weights, mean, sdX, hi, p) < target) {
            return Math.copySign(hi, r);
        }
        for (int it = 0; it < 50; it++) {
            double mid = 0.5 * (lo + hi);
            if (indicatorCorrelation(values, weights, mean, sdX, mid, p) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.copySign(0.5 * (lo + hi), r);
    }

    /** corr(x, 1[L > t]) for {@code L = rho (x - mean) / sdX + sqrt(1 - rho^2) e}, t such that P(L > t) = p. */
    private static double indicatorCorrelation(double[] values, double[] weights, double mean, double sdX, double rho,
            double p) {
        org.hipparchus.distribution.continuous.NormalDistribution normal =
                new org.hipparchus.distribution.continuous.NormalDistribution(0, 1);
        double s = Math.sqrt(1 - rho * rho);
        double lo = -40;
        double hi = 40;
        for (int it = 0; it < 60; it++) {   // P(L > t) falls with t
            double t = 0.5 * (lo + hi);
            double share = 0;
            for (int k = 0; k < values.length; k++) {
                share += weights[k] * normal.cumulativeProbability((rho * (values[k] - mean) / sdX - t) / s);
            }
            if (share > p) {
                lo = t;
            } else {
                hi = t;
            }
        }
        double t = 0.5 * (lo + hi);
        double cov = 0;
        for (int k = 0; k < values.length; k++) {
            cov += weights[k] * (values[k] - mean) / sdX
                    * normal.cumulativeProbability((rho * (values[k] - mean) / sdX - t) / s);
        }
        return cov / Math.sqrt(p * (1 - p));
    }

    /** Removes from {@code v} its projection on the orthonormal {@code basis}. */
    private static void project(List<double[]> basis, double[] v) {
        for (double[] b : basis) {
            double c = dot(b, v);
            for (int i = 0; i < v.length; i++) {
                v[i] -= c * b[i];
            }
        }
    }

    /**
     * The polygenic background's basis: the top {@link #BACKGROUND_PCS} principal components of the synthetic
     * genotypes; a draw is a random combination of them, each weighted by the square root of its eigenvalue, i.e. a
     * draw from {@code N(0, K_k)} with {@code K_k} the relatedness matrix restricted to its leading components: genetic
     * variance spread over the whole genome that the LMM's relatedness matrix absorbs, as family and cage effects are in
     * a colony. Measured on the mouse demo split (docs/synth.md): an infinitesimal draw over every SNP ({@code Z b})
     * concentrated into a false locus where LD is long; the components do not. Eigenvectors are rounded to 6
     * significant digits (native LAPACK's last bits vary between runs).
     */
    record Background(double[] eigenvalues, double[][] vectors) {
        static Background of(GenotypeMatrix m, SplittableRandom random) {
            int k = Math.min(BACKGROUND_PCS, m.sampleCount() - 1);
            if (k < 1) {
                return new Background(new double[0], new double[0][]);
            }
            org.genosynth.assoc.kinship.Standardized z = org.genosynth.assoc.kinship.Standardized.of(m);
            org.genosynth.assoc.pca.PcaResult pca = m.sampleCount() <= EXACT_PCA_SAMPLES
                    ? org.genosynth.assoc.pca.Pca.exact(z, k)
                    : org.genosynth.assoc.pca.Pca.approx(z, k, random.nextLong());
            double[] values = new double[k];
            double[][] vectors = new double[k][m.sampleCount()];
            for (int c = 0; c < k; c++) {
                values[c] = Math.max(0, stable(pca.eigenvalues()[c]));
                for (int i = 0; i < m.sampleCount(); i++) {
                    vectors[c][i] = stable(pca.eigenvector(i, c));
                }
            }
            return new Background(values, vectors);
        }

        /** One draw over {@code rows}. */
        double[] draw(int[] rows, SplittableRandom random) {
            double[] u = new double[rows.length];
            for (int c = 0; c < eigenvalues.length; c++) {
                double w = gaussian(random) * Math.sqrt(eigenvalues[c]);
                for (int i = 0; i < rows.length; i++) {
                    u[i] += w * vectors[c][rows[i]];
                }
            }
            return u;
        }
    }

    private static int[] chooseRows(int n, int k, SplittableRandom random) {
        int[] rows = Arrays.copyOf(Shuffle.permutation(n, random), k);
        Arrays.sort(rows);
        return rows;
    }

    /** Columns of W over {@code rows}, centred and scaled to mean square 1 (missing = mean); null when constant. */
    private static double[][] standardizedColumns(GenotypeMatrix m, int[] window, int[] rows) {
        double[][] x = new double[window.length][];
        for (int j = 0; j < window.length; j++) {
            int off = m.offset(window[j]);
            double[] col = new double[rows.length];
            double sum = 0;
            int called = 0;
            for (int i = 0; i < rows.length; i++) {
                int c = GenotypeCodes.get(m.words(), off, rows[i]);
                col[i] = c == GenotypeCodes.MISSING ? Double.NaN : c;
                if (c != GenotypeCodes.MISSING) {
                    sum += c;
                    called++;
                }
            }
            double mu = called == 0 ? 0 : sum / called;
            double ss = 0;
            for (int i = 0; i < rows.length; i++) {
                col[i] = Double.isNaN(col[i]) ? 0 : col[i] - mu;
                ss += col[i] * col[i];
            }
            if (ss <= 1e-9) {
                continue;
            }
            double scale = Math.sqrt(rows.length / ss);
            for (int i = 0; i < rows.length; i++) {
                col[i] *= scale;
            }
            x[j] = col;
        }
        return x;
    }

    /** {@code g = X a} with {@code (X'X/n) a = r} (a 1e-6 ridge for numerical safety only). */
    private static double[] exactValue(double[][] x, double[] r, int n) {
        return geneticValue(x, r, n, Double.POSITIVE_INFINITY, null);
    }

    /** Drops the columns (and targets) of the SNPs of a tier above {@code keep}. */
    private static void drop(double[][] x, double[] r, int[] tier, int keep) {
        for (int j = 0; j < x.length; j++) {
            if (tier[j] > keep) {
                x[j] = null;
                r[j] = 0;
            }
        }
    }

    /**
     * {@code g = X a} with {@code (X'X/n + lambda D) a = r}, lambda raised from 0 until {@code var(g) <= maxSignal};
     * D is the identity, or 1 on the {@code penalized} columns only (the others keep their targets exactly).
     */
    private static double[] geneticValue(double[][] x, double[] r, int n, double maxSignal, boolean[] penalized) {
        int[] live = java.util.stream.IntStream.range(0, x.length).filter(j -> x[j] != null).toArray();
        int q = live.length;
        double[] g = new double[n];
        if (q == 0) {
            return g;
        }
        double[] gram = new double[q * q];
        for (int a = 0; a < q; a++) {
            for (int b = a; b < q; b++) {
                double v = dot(x[live[a]], x[live[b]]) / n;
                gram[a * q + b] = v;
                gram[b * q + a] = v;
            }
        }
        double[] rhs = new double[q];
        boolean[] pen = new boolean[q];
        for (int a = 0; a < q; a++) {
            rhs[a] = r[live[a]];
            pen[a] = penalized == null || penalized[live[a]];
        }
        for (double lambda = 1e-6; ; lambda *= 3) {
            double[] coef = ridgeSolve(gram, rhs, q, lambda, pen);
            Arrays.fill(g, 0);
            for (int a = 0; a < q; a++) {
                double[] col = x[live[a]];
                for (int i = 0; i < n; i++) {
                    g[i] += coef[a] * col[i];
                }
            }
            if (dot(g, g) / n <= maxSignal || lambda > 1e3) {
                return g;
            }
        }
    }

    private static double[] ridgeSolve(double[] gram, double[] rhs, int q, double lambda, boolean[] penalized) {
        double[] l = gram.clone();
        for (int a = 0; a < q; a++) {
            l[a * q + a] += penalized[a] ? lambda : 1e-6;
        }
        for (int j = 0; j < q; j++) { // Cholesky, lower triangle in place
            double d = l[j * q + j];
            for (int k = 0; k < j; k++) {
                d -= l[j * q + k] * l[j * q + k];
            }
            d = Math.sqrt(Math.max(d, 1e-12));
            l[j * q + j] = d;
            for (int i = j + 1; i < q; i++) {
                double s = l[i * q + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * q + k] * l[j * q + k];
                }
                l[i * q + j] = s / d;
            }
        }
        double[] z = rhs.clone();
        for (int i = 0; i < q; i++) {
            for (int k = 0; k < i; k++) {
                z[i] -= l[i * q + k] * z[k];
            }
            z[i] /= l[i * q + i];
        }
        for (int i = q - 1; i >= 0; i--) {
            for (int k = i + 1; k < q; k++) {
                z[i] -= l[k * q + i] * z[k];
            }
            z[i] /= l[i * q + i];
        }
        return z;
    }

    /** Orthonormal basis of span(1, columns) by modified Gram–Schmidt, dropping dependent columns. */
    private static List<double[]> orthonormalBasis(double[][] x, int n) {
        List<double[]> basis = new ArrayList<>();
        double[] one = new double[n];
        Arrays.fill(one, 1 / Math.sqrt(n));
        basis.add(one);
        for (double[] col : x) {
            if (col == null) {
                continue;
            }
            double[] v = col.clone();
            double norm0 = Math.sqrt(dot(v, v));
            for (int pass = 0; pass < 2; pass++) {
                for (double[] b : basis) {
                    double c = dot(b, v);
                    for (int i = 0; i < n; i++) {
                        v[i] -= c * b[i];
                    }
                }
            }
            double norm = Math.sqrt(dot(v, v));
            if (norm > 1e-6 * norm0) {
                for (int i = 0; i < n; i++) {
                    v[i] /= norm;
                }
                basis.add(v);
            }
        }
        return basis;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Standard normal by Box–Muller (reproducible from the stream, unlike ThreadLocalRandom). */
    static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
