package org.genosynth.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.assoc.lmm.LmmEngine;
import org.genosynth.assoc.lmm.LmmOptions;
import org.genosynth.assoc.lmm.LmmResult;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;

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
 * fraction). Over them, in the space the LMM reads the synthetic cohort in ({@link RelatednessWhitening}: whitened by
 * {@code V = h2 K + (1 - h2) I}, K the synthetic relatedness matrix, h2 the background's aim; without a background
 * the identity), with the W columns whitened, freed of the (whitened) intercept and standardized, the genetic value
 * {@code g = Z_W a} solves {@code Z_W' y / n = r} ({@code a = (R + lambda I)^-1 r}, ridge only when needed to keep
 * {@code var(g)} below {@code maxSignal}) — when the synthetic LD cannot carry every target (the exact solution would
 * explain more than {@code maxSignal}, as when a generator draws the variants of a real block less tightly linked),
 * only the clump leads keep targets and their neighbours follow through the synthetic LD; the residual is Gaussian
 * noise made exactly orthogonal to the intercept and to W (modified Gram–Schmidt) and scaled so that
 * {@code var(y) = 1}; back on the samples (and standardized), the noise has covariance V: the polygenic background
 * as the LMM models it; then y is put on the real mean and SD. So every signal-set SNP has, in the synthetic cohort,
 * the LMM association it had in the real one, whatever the synthetic LD and relatedness; other SNPs get theirs through
 * LD with W plus noise. The background's aim and the targets are calibrated against the synthetic cohort's own LMM
 * ({@link PhenotypeCalibration#generateCalibrated}). Case/control columns (0/1, or PLINK's 1/2) are
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
     * Synthetic values for the samples of {@code synth} (NaN = missing), from {@code random}, without a background
     * (that needs the synthetic relatedness matrix's decomposition: {@link PhenotypeCalibration}).
     */
    static double[] generate(Fit fit, GenotypeMatrix synth, double maxSignal, SplittableRandom random) {
        return generate(fit, synth, maxSignal, random, null);
    }

    /**
     * As {@link #generate(Fit, GenotypeMatrix, double, SplittableRandom)}, in the space the LMM reads the synthetic
     * cohort in ({@link RelatednessWhitening}; null: none, no background): the signal columns whitened at the
     * background's heritability (the fit's aim) and freed of the whitened intercept, their genetic value solved there
     * for the real LMM correlations, white noise orthogonal to the intercept and to the signal columns; back on the
     * samples, the noise is a draw of covariance {@code h2 K + (1 - h2) I}: the polygenic background as the LMM models
     * it, and the signal SNPs' LMM statistics are what the targets say whatever the relatedness.
     */
    static double[] generate(Fit fit, GenotypeMatrix synth, double maxSignal, SplittableRandom random,
            RelatednessWhitening whitening) {
        int n = synth.sampleCount();
        int observed = (int) Math.round(n * (1 - fit.missingFraction()));
        int[] rows = chooseRows(n, observed, random);
        if (whitening != null && !Arrays.equals(rows, whitening.rows())) {
            throw new IllegalStateException("the relatedness matrix was decomposed over other samples");
        }
        double[][] x = standardizedColumns(synth, fit.window(), rows);
        int q = x.length;
        double[] r = fit.targetR().clone();
        // a case/control column is drawn as a liability and thresholded, which shrinks each correlation: the targets
        // (each SNP's own genotype distribution) and the PVE aim (normal theory) are put on the liability scale first
        double lift = fit.binary() ? liabilityLift(fit.prevalence()) : 1;
        for (int j = 0; j < q; j++) {
            r[j] = x[j] == null ? 0 : fit.binary() ? liabilityR(x[j], r[j], fit.prevalence()) : r[j];
        }
        double h2 = whitening != null && fit.background() && Double.isFinite(fit.pveAim())
                ? Math.max(0, Math.min(fit.pveAim() * lift * lift, 1 - MIN_NOISE)) : 0;
        double[] intercept = new double[observed];
        Arrays.fill(intercept, 1);
        double[][] z = x;
        if (whitening != null) {
            intercept = whitening.intercept(h2);
            z = whitened(whitening, fit.window(), x, r, intercept, h2);
        }
        double[] g = signal(fit, z, r, observed, maxSignal);
        double gVar = dot(g, g) / observed;
        double[] e = new double[observed];
        for (int i = 0; i < observed; i++) {
            e[i] = gaussian(random);
        }
        project(orthonormalBasis(intercept, z, observed), e);
        double eScale = Math.sqrt(Math.max(0, 1 - gVar) / (dot(e, e) / observed));
        double[] liability = new double[observed];
        for (int i = 0; i < observed; i++) {
            liability[i] = g[i] + eScale * e[i];
        }
        return finish(fit, whitening == null ? liability : standardized(whitening.unwhiten(liability, h2)), rows, n);
    }

    /**
     * The columns {@code x} of the variants {@code window} whitened at {@code h2}, freed of the whitened
     * {@code intercept} and scaled to mean square 1; null (and the target in {@code r} 0) where nothing is left.
     */
    private static double[][] whitened(RelatednessWhitening whitening, int[] window, double[][] x, double[] r,
            double[] intercept, double h2) {
        double cc = dot(intercept, intercept);
        double[][] z = new double[x.length][];
        for (int j = 0; j < x.length; j++) {
            if (x[j] == null) {
                continue;
            }
            double[] v = whitening.whiten(window[j], x[j], h2);
            double k = dot(intercept, v) / cc;
            for (int i = 0; i < v.length; i++) {
                v[i] -= k * intercept[i];
            }
            double ss = dot(v, v);
            if (ss <= 1e-9 * v.length) {
                r[j] = 0;
                continue;
            }
            z[j] = toMeanSquareOne(v, ss);
        }
        return z;
    }

    /** {@code v}, whose sum of squares is {@code ss}, scaled to mean square 1 (in place). */
    private static double[] toMeanSquareOne(double[] v, double ss) {
        double scale = Math.sqrt(v.length / ss);
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    /** {@code v} centred and scaled to mean square 1 (in place). */
    private static double[] standardized(double[] v) {
        double mean = Arrays.stream(v).sum() / v.length;
        double ss = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] -= mean;
            ss += v[i] * v[i];
        }
        double sd = Math.sqrt(ss / v.length);
        for (int i = 0; i < v.length; i++) {
            v[i] /= sd;
        }
        return v;
    }

    /**
     * The values of a phenotype whose liability (mean 0, variance 1) over {@code rows} is {@code liability}: a binary
     * column thresholded at the real prevalence, in its own coding; else on the real mean and SD; NaN elsewhere.
     */
    private static double[] finish(Fit fit, double[] liability, int[] rows, int n) {
        int observed = rows.length;
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
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
     * The genetic value {@code g = X a} of the signal columns {@code x} (nulled where they lose their targets, as
     * {@code r} is zeroed): as many real associations as the synthetic genotypes can carry within {@code maxSignal}.
     */
    private static double[] signal(Fit fit, double[][] x, double[] r, int observed, double maxSignal) {
        int q = x.length;
        // as many real associations as the synthetic genotypes can carry: all signal SNPs, else the significant ones,
        // else the clump leads (ridge only if even those would explain more than maxSignal); the SNPs that follow
        // their leads through a locus copied whole never have targets of their own
        drop(x, r, fit.tier(), SUGGESTIVE);
        double[] g = exactValue(x, r, observed);
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
            boolean[] penalized = new boolean[q];
            for (int j = 0; j < q; j++) {
                penalized[j] = !lead[j];
            }
            g = geneticValue(x, r, observed, maxSignal, penalized);
        }
        if (dot(g, g) / observed > maxSignal) {
            for (int j = 0; j < q; j++) {
                if (!lead[j]) {
                    x[j] = null;
                    r[j] = 0;
                }
            }
            g = geneticValue(x, r, observed, maxSignal, null);
        }
        return g;
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
     * A vector over {@code n} synthetic samples with 0 where {@link #generate} from {@code random} gives a value and
     * NaN where it leaves one missing (the first draws of its stream).
     */
    static double[] phenotypedRows(Fit fit, int n, SplittableRandom random) {
        double[] like = new double[n];
        Arrays.fill(like, Double.NaN);
        for (int row : chooseRows(n, (int) Math.round(n * (1 - fit.missingFraction())), random)) {
            like[row] = 0;
        }
        return like;
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
            x[j] = toMeanSquareOne(col, ss);
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

    /** Orthonormal basis of span(first, columns) by modified Gram–Schmidt, dropping dependent columns. */
    private static List<double[]> orthonormalBasis(double[] first, double[][] x, int n) {
        List<double[]> basis = new ArrayList<>();
        double firstNorm = Math.sqrt(dot(first, first));
        basis.add(Arrays.stream(first).map(v -> v / firstNorm).toArray());
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
