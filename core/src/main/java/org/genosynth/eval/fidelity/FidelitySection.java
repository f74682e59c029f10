package org.genosynth.eval.fidelity;

import org.genosynth.eval.AlignedCohorts;
import org.genosynth.eval.Metrics;
import org.genosynth.eval.Ranks;
import org.genosynth.eval.privacy.Privacy;
import org.genosynth.eval.privacy.PrivacyResult;
import org.genosynth.report.html.HtmlReport;
import org.genosynth.report.html.Threshold;
import org.genosynth.report.svg.Chart;
import org.genosynth.report.svg.Heatmap;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/** Measures fidelity, records the metrics and fills the report's fidelity section. */
public final class FidelitySection {
    private static final String AREA = "fidelity";
    /** Hardy–Weinberg p below which a variant counts as out of equilibrium. */
    public static final double HWE_ALPHA = 1e-6;
    /** Points drawn in the allele-frequency scatter (every k-th variant beyond this). */
    private static final int MAX_POINTS = 4000;

    private FidelitySection() {
    }

    /** Total-variation distance between two histograms of shares. */
    static double totalVariation(double[] a, double[] b) {
        double tv = 0;
        for (int i = 0; i < a.length; i++) {
            tv += 0.5 * Math.abs(a[i] - b[i]);
        }
        return tv;
    }

    public static void run(AlignedCohorts c, PrivacyResult privacy, org.genosynth.exec.Backend backend, long seed, HtmlReport report,
            Metrics metrics) {
        HtmlReport.Section sec = report.section("Fidelity: does the synthetic cohort look like the real one?");
        SiteStats real = SiteStats.of(c.train());
        SiteStats syn = SiteStats.of(c.synthetic());
        SiteStats hold = c.holdout() == null ? null : SiteStats.of(c.holdout());
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();

        double afCor = Ranks.pearson(real.altFreq(), syn.altFreq());
        double[] mafEdges = Ranks.edges(0, 0.5, 20);
        double[] mafReal = Ranks.histogram(real.maf(), mafEdges);
        double[] mafSyn = Ranks.histogram(syn.maf(), mafEdges);
        double tv = totalVariation(mafReal, mafSyn);
        double afMad = meanAbsDiff(real.altFreq(), syn.altFreq());
        if (hold == null) {
            metrics.judge(AREA, "allele-frequency correlation", "af_correlation", afCor,
                    FidelityThresholds.AF_CORRELATION, "Pearson r of ALT frequencies, real vs synthetic, over shared "
                            + "variants");
            metrics.put(AREA, "af_mean_absolute_difference", afMad);
            metrics.judge(AREA, "MAF spectrum distance", "maf_spectrum_tv", tv, FidelityThresholds.MAF_SPECTRUM_TV,
                    "total-variation distance between the MAF histograms (20 bins)");
        } else {
            // where unseen real people cannot reach the absolute limits (allele frequencies that barely vary between
            // variants, as in a two-founder strain panel, or a small holdout), their own value is the yardstick
            double afHold = Ranks.pearson(real.altFreq(), hold.altFreq());
            double madHold = meanAbsDiff(real.altFreq(), hold.altFreq());
            double tvHold = totalVariation(mafReal, Ranks.histogram(hold.maf(), mafEdges));
            metrics.put(AREA, "af_correlation_holdout", afHold);
            metrics.put(AREA, "af_mean_absolute_difference_holdout", madHold);
            metrics.put(AREA, "maf_spectrum_tv_holdout", tvHold);
            if (afHold >= FidelityThresholds.INFORMATIVE_AF_CORRELATION) {
                metrics.judge(AREA, "allele-frequency correlation", "af_correlation", afCor,
                        FidelityThresholds.afCorrelation(afHold), "Pearson r of ALT frequencies, real vs synthetic, "
                                + "over shared variants; the real holdout's own r is " + fmt(afHold)
                                + " (pass: at least min(0.99, that - 0.005))");
                metrics.put(AREA, "af_mean_absolute_difference", afMad);
            } else {
                metrics.notApplicable(AREA, "allele-frequency correlation", "af_correlation", afCor,
                        "the real holdout's own allele frequencies correlate with the training set's at r "
                                + fmt(afHold) + ": they barely vary between variants (a strain panel from few "
                                + "founders), so a correlation measures sampling noise; judged by the mean absolute "
                                + "difference instead (af_mean_absolute_difference)");
                metrics.judge(AREA, "allele-frequency difference", "af_mean_absolute_difference", afMad,
                        FidelityThresholds.afDifference(madHold), "mean absolute difference of ALT frequencies, real "
                                + "vs synthetic; the real holdout's own is " + fmt(madHold)
                                + " (pass: at most that)");
            }
            metrics.judge(AREA, "MAF spectrum distance", "maf_spectrum_tv", tv, FidelityThresholds.mafSpectrum(tvHold),
                    "total-variation distance between the MAF histograms (20 bins); the real holdout's own is "
                            + fmt(tvHold) + " (pass: at most max(0.05, twice that))");
        }
        sec.text("Variants compared: " + c.variantCount() + " shared by the cohorts (real input " + c.realVariants()
                + ", synthetic input " + c.syntheticVariants() + (c.flipped() > 0 ? ", " + c.flipped()
                + " with REF/ALT swapped and flipped back" : "") + "). Real: " + c.train().sampleCount()
                + " samples; synthetic: " + c.synthetic().sampleCount()
                + (c.holdout() == null ? "" : "; holdout: " + c.holdout().sampleCount()) + ".");
        String afPlot = thin(new Chart("Allele frequency", "real ALT frequency", "synthetic ALT frequency", 420, 400)
                .xRange(0, 1).yRange(0, 1).diagonal(), real.altFreq(), syn.altFreq()).render();
        String mafPlot = new Chart("MAF spectrum", "minor allele frequency", "share of variants", 420, 400)
                .bars("real", mafEdges, mafReal, Chart.REAL).bars("synthetic", mafEdges, mafSyn, Chart.SYNTHETIC)
                .render();

        metrics.put(AREA, "hwe_failure_share_real", real.hweFailureShare(HWE_ALPHA));
        metrics.put(AREA, "hwe_failure_share_synthetic", syn.hweFailureShare(HWE_ALPHA));
        double fReal = Ranks.mean(real.hweF());
        double fSyn = Ranks.mean(syn.hweF());
        metrics.put(AREA, "hwe_f_mean_real", fReal);
        metrics.put(AREA, "hwe_f_mean_synthetic", fSyn);
        metrics.judge(AREA, "Hardy–Weinberg", "hwe_f_difference", Math.abs(fSyn - fReal), Threshold.atMost(0.02, 0.05),
                "difference in the mean per-variant heterozygote deficit F = 1 - Hobs/Hexp (real " + fmt(fReal)
                        + ", synthetic " + fmt(fSyn) + "); the shares at HWE p < 1e-6 are in metrics.json");
        double[] fEdges = Ranks.edges(-0.5, 0.5, 40);
        String hwePlot = new Chart("Hardy–Weinberg", "per-variant F = 1 - Hobs/Hexp", "share of variants", 420, 400)
                .bars("real", fEdges, Ranks.histogram(clip(real.hweF(), -0.5, 0.5), fEdges), Chart.REAL)
                .bars("synthetic", fEdges, Ranks.histogram(clip(syn.hweF(), -0.5, 0.5), fEdges), Chart.SYNTHETIC)
                .render();

        double hetKs = ks.kolmogorovSmirnovStatistic(finite(real.sampleHeterozygosity()),
                finite(syn.sampleHeterozygosity()));
        metrics.judge(AREA, "heterozygosity per sample", "heterozygosity_ks", hetKs, Threshold.atMost(0.2, 0.4),
                "Kolmogorov–Smirnov distance between the samples' observed heterozygosity");
        metrics.put(AREA, "heterozygosity_mean_real", Ranks.mean(real.sampleHeterozygosity()));
        metrics.put(AREA, "heterozygosity_mean_synthetic", Ranks.mean(syn.sampleHeterozygosity()));
        if (hold != null) {
            metrics.put(AREA, "heterozygosity_ks_holdout", ks.kolmogorovSmirnovStatistic(
                    finite(real.sampleHeterozygosity()), finite(hold.sampleHeterozygosity())));
        }
        double lo = Math.min(Ranks.quantile(real.sampleHeterozygosity(), 0), Ranks.quantile(
                syn.sampleHeterozygosity(), 0));
        double hi = Math.max(Ranks.quantile(real.sampleHeterozygosity(), 1), Ranks.quantile(
                syn.sampleHeterozygosity(), 1));
        double[] hetEdges = Ranks.edges(lo, hi + 1e-9, 30);
        String hetPlot = new Chart("Heterozygosity per sample", "observed heterozygosity", "share of samples", 420,
                400).bars("real", hetEdges, Ranks.histogram(real.sampleHeterozygosity(), hetEdges), Chart.REAL)
                .bars("synthetic", hetEdges, Ranks.histogram(syn.sampleHeterozygosity(), hetEdges), Chart.SYNTHETIC)
                .render();
        sec.subheading("Allele frequencies, MAF spectrum, Hardy–Weinberg, heterozygosity");
        sec.figures(afPlot, mafPlot, hwePlot, hetPlot);

        ldSection(c, backend, sec, metrics);
        pcaSection(c, seed, backend, sec, metrics);
        kinshipSection(privacy, sec, metrics, ks);
    }

    private static void ldSection(AlignedCohorts c, org.genosynth.exec.Backend backend, HtmlReport.Section sec, Metrics metrics) {
        int chroms = chromosomesWithPairs(c.train().variants());
        metrics.put(AREA, "ld_decay_chromosomes", chroms);
        if (chroms == 0) {
            String why = "no chromosome has 2 or more variants with a known position: no variant pairs by distance";
            metrics.notApplicable(AREA, c.holdout() != null ? "LD decay vs holdout" : "LD decay",
                    c.holdout() != null ? "ld_decay_ratio" : "ld_decay_distance", Double.NaN, why);
            sec.subheading("Linkage disequilibrium");
            sec.text("Not applicable: " + why + ".");
            return;
        }
        LdDecay.Curve real = LdDecay.compute(c.train(), backend);
        boolean cm = real.centimorgans();
        LdDecay.Curve syn = LdDecay.compute(c.synthetic(), cm, real.edges(), LdDecay.MAX_NEIGHBOURS, backend);
        double dist = LdDecay.distance(real, syn);
        metrics.put(AREA, "ld_decay_unit", real.unit());
        metrics.put(AREA, "ld_decay_edges", real.edges());
        metrics.put(AREA, "ld_decay_real", real.meanR2());
        metrics.put(AREA, "ld_decay_synthetic", syn.meanR2());
        Chart chart = new Chart("LD decay", "distance (" + real.unit() + ", bin midpoint)", "mean r²", 560, 400)
                .line("real", real.midpoints(), real.meanR2(), Chart.REAL)
                .line("synthetic", syn.midpoints(), syn.meanR2(), Chart.SYNTHETIC);
        if (c.holdout() != null) {
            LdDecay.Curve hold = LdDecay.compute(c.holdout(), cm, real.edges(), LdDecay.MAX_NEIGHBOURS, backend);
            double holdDist = LdDecay.distance(real, hold);
            metrics.put(AREA, "ld_decay_holdout", hold.meanR2());
            metrics.put(AREA, "ld_decay_distance_holdout", holdDist);
            metrics.put(AREA, "ld_decay_distance", dist);
            metrics.judge(AREA, "LD decay vs holdout", "ld_decay_ratio", dist / holdDist, Threshold.atMost(2, 4),
                    "LD-decay distance (real vs synthetic) over the real-vs-holdout distance " + fmt(holdDist));
            chart.line("holdout", hold.midpoints(), hold.meanR2(), Chart.THIRD);
        } else {
            metrics.judge(AREA, "LD decay", "ld_decay_distance", dist, Threshold.atMost(0.01, 0.03),
                    "mean absolute difference of mean r² per distance bin");
        }
        ldScore(c, cm, backend, sec, metrics);
        LdWindow w = LdWindow.of(c.train(), c.synthetic(), LdWindow.SIZE);
        String heat = Heatmap.render("r² in " + w.variants().length + " consecutive variants of chromosome "
                + w.chrom(), w.realR2(), w.syntheticR2(), "real", "synthetic", 420);
        sec.subheading("Linkage disequilibrium");
        sec.text("Mean r² of variant pairs by distance (" + real.unit() + "); up to " + LdDecay.MAX_NEIGHBOURS
                + " following variants per variant. The distance between curves is the mean absolute difference over"
                + " the bins; with a holdout it is judged against the real-vs-holdout distance (sampling noise).");
        sec.figures(chart.render(), heat);
    }

    /** The mean LD score of each cohort on one design, and the fold by which the synthetic one differs from the real. */
    private static void ldScore(AlignedCohorts c, boolean cm, org.genosynth.exec.Backend backend,
            HtmlReport.Section sec, Metrics metrics) {
        LdScore.Design design = LdScore.design(c.train().variants(), cm, 1);
        double real = LdScore.mean(c.train(), design, backend);
        double syn = LdScore.mean(c.synthetic(), design, backend);
        String window = cm ? LdScore.WINDOW_CM + " cM" : (long) LdScore.WINDOW_BP / 1000 + " kb";
        metrics.put(AREA, "ld_score_window", window);
        metrics.put(AREA, "ld_score_index_variants", design.index().length);
        metrics.put(AREA, "ld_score_real", real);
        metrics.put(AREA, "ld_score_synthetic", syn);
        String holdNote = "";
        if (c.holdout() != null) {
            double hold = LdScore.mean(c.holdout(), design, backend);
            metrics.put(AREA, "ld_score_holdout", hold);
            metrics.put(AREA, "ld_score_fold_holdout", fold(hold, real));
            holdNote = "; holdout " + fmt(hold);
        }
        if (!(real > 0)) {
            metrics.notApplicable(AREA, "LD score", "ld_score_fold", Double.NaN, "the real cohort's mean LD score is "
                    + fmt(real) + " (no linked variant pairs within " + window + ")");
            return;
        }
        metrics.judge(AREA, "LD score", "ld_score_fold", fold(syn, real), Threshold.atMost(1.5, 2),
                "fold difference of the mean LD score (sum of sample-size-corrected r² within " + window
                        + " per variant; real " + fmt(real) + ", synthetic " + fmt(syn) + holdNote
                        + "): LD at every distance, weighted by the number of pairs there");
    }

    /**
     * Mean LD scores below this count as this much in {@link #fold}: a cohort without LD scores about 0, or slightly
     * below (the sample-size correction), and the fold stays a finite number.
     */
    static final double LD_SCORE_FLOOR = 0.01;

    /** {@code max(a / b, b / a)} of two mean LD scores, each at least {@link #LD_SCORE_FLOOR}: how many fold they differ. */
    static double fold(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.NaN;
        }
        double x = Math.max(a, LD_SCORE_FLOOR);
        double y = Math.max(b, LD_SCORE_FLOOR);
        return Math.max(x / y, y / x);
    }

    private static void pcaSection(AlignedCohorts c, long seed, org.genosynth.exec.Backend backend,
            HtmlReport.Section sec, Metrics metrics) {
        PcaStructure p = PcaStructure.of(c.train(), c.synthetic(), c.holdout(), seed, backend);
        metrics.judge(AREA, "PCA structure", "pca_ks_distance", p.meanKs(), Threshold.atMost(0.15, 0.3),
                "mean KS distance of PC1-" + p.pcs() + " scores, synthetic vs "
                        + (c.holdout() == null ? "real" : "holdout") + " projected on the real PCA");
        metrics.put(AREA, "pca_ks_by_pc", p.ks());
        metrics.put(AREA, "pca_sd_ratio_by_pc", p.sdRatio());
        if (p.holdoutKs() != null) {
            metrics.put(AREA, "pca_ks_distance_holdout", p.meanHoldoutKs());
        }
        String[] figs = new String[Math.max(1, p.pcs() / 2)];
        for (int f = 0; f < figs.length && 2 * f + 1 < p.pcs(); f++) {
            int a = 2 * f;
            Chart ch = new Chart("PCA of the real cohort", "PC" + (a + 1), "PC" + (a + 2), 460, 420)
                    .scatter("real (train)", p.train()[a], p.train()[a + 1], Chart.REAL, 2);
            if (p.holdout() != null) {
                ch.scatter("holdout (projected)", p.holdout()[a], p.holdout()[a + 1], Chart.THIRD, 2);
            }
            ch.scatter("synthetic (projected)", p.synthetic()[a], p.synthetic()[a + 1], Chart.SYNTHETIC, 2);
            figs[f] = ch.render();
        }
        sec.subheading("Population structure");
        sec.text("PCA fitted on the real cohort; the synthetic cohort" + (c.holdout() == null ? "" : " and the holdout")
                + " are projected onto its axes (variant weights, as plink2 --score).");
        sec.figures(java.util.Arrays.stream(figs).filter(java.util.Objects::nonNull).toArray(String[]::new));
    }

    private static void kinshipSection(PrivacyResult pr, HtmlReport.Section sec, Metrics metrics,
            KolmogorovSmirnovTest ks) {
        double[] real = finite(pr.kinshipWithinTrain());
        double[] syn = finite(pr.kinshipWithinSynthetic());
        if (real.length == 0 || syn.length == 0) {
            return;
        }
        double d = ks.kolmogorovSmirnovStatistic(real, syn);
        if (pr.ibs()) {
            metrics.notApplicable(AREA, "pairwise kinship", "kinship_ks", Double.NaN, "KING-robust kinship divides by "
                    + "heterozygote counts: meaningless for inbred or haploid-like coding; judged by identity-by-state "
                    + "instead (ibs_ks)");
            metrics.judge(AREA, "pairwise IBS share", "ibs_ks", d, Threshold.atMost(0.15, 0.3),
                    "KS distance of the identity-by-state share of pairs within the real vs within the synthetic "
                            + "cohort");
            double lo = Math.min(Ranks.quantile(real, 0.001), Ranks.quantile(syn, 0.001));
            double[] edges = Ranks.edges(lo, 1 + 1e-9, 40);
            sec.subheading("Relatedness");
            sec.text("Identity-by-state share (identical genotypes over the variants called in both) of every pair "
                    + "within each cohort (within a random " + Privacy.WITHIN_CAP + " samples of larger cohorts); KING "
                    + "kinship is meaningless for this cohort's coding.");
            sec.figures(new Chart("Pairwise IBS share", "identity-by-state share", "share of pairs", 560, 400)
                    .bars("real", edges, Ranks.histogram(real, edges), Chart.REAL)
                    .bars("synthetic", edges, Ranks.histogram(syn, edges), Chart.SYNTHETIC).render());
            return;
        }
        metrics.judge(AREA, "pairwise kinship", "kinship_ks", d, Threshold.atMost(0.15, 0.3),
                "KS distance of KING-robust kinship of pairs within the real vs within the synthetic cohort");
        metrics.put(AREA, "kinship_share_related_real", shareAtLeast(real, 0.0442));
        metrics.put(AREA, "kinship_share_related_synthetic", shareAtLeast(syn, 0.0442));
        double lo = Math.max(-0.5, Math.min(Ranks.quantile(real, 0.001), Ranks.quantile(syn, 0.001)));
        double hi = Math.min(0.5, Math.max(Ranks.quantile(real, 1), Ranks.quantile(syn, 1)));
        double[] edges = Ranks.edges(lo, hi + 1e-9, 40);
        sec.subheading("Relatedness");
        sec.text("KING-robust kinship of every pair within each cohort (within a random " + Privacy.WITHIN_CAP
                + " samples of larger cohorts); >= 0.0442 is third degree or closer.");
        sec.figures(new Chart("Pairwise kinship", "KING-robust kinship", "share of pairs", 560, 400)
                .bars("real", edges, Ranks.histogram(real, edges), Chart.REAL)
                .bars("synthetic", edges, Ranks.histogram(syn, edges), Chart.SYNTHETIC).render());
    }

    /** Chromosomes with at least two variants of known position (LD decay needs pairs by distance). */
    public static int chromosomesWithPairs(java.util.List<org.genosynth.model.Variant> variants) {
        java.util.Map<String, Integer> n = new java.util.HashMap<>();
        for (org.genosynth.model.Variant v : variants) {
            if (v.hasPosition()) {
                n.merge(v.chrom(), 1, Integer::sum);
            }
        }
        return (int) n.values().stream().filter(k -> k >= 2).count();
    }

    static double shareAtLeast(double[] v, double t) {
        return v.length == 0 ? Double.NaN : (double) java.util.Arrays.stream(v).filter(x -> x >= t).count() / v.length;
    }

    private static Chart thin(Chart chart, double[] x, double[] y) {
        int step = Math.max(1, (x.length + MAX_POINTS - 1) / MAX_POINTS);
        int n = (x.length + step - 1) / step;
        double[] tx = new double[n];
        double[] ty = new double[n];
        for (int i = 0, k = 0; i < x.length && k < n; i += step, k++) {
            tx[k] = x[i];
            ty[k] = y[i];
        }
        return chart.scatter("", tx, ty, Chart.REAL, 1.6);
    }

    private static double[] clip(double[] v, double lo, double hi) {
        return java.util.Arrays.stream(v).map(x -> Double.isNaN(x) ? x : Math.max(lo, Math.min(hi, x))).toArray();
    }

    static double[] finite(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
    }

    private static double meanAbsDiff(double[] a, double[] b) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                s += Math.abs(a[i] - b[i]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    private static String fmt(double v) {
        return Metrics.format(v);
    }
}
