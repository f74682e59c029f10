package org.genosynth.eval.utility;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genosynth.assoc.GwasRequest;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.assoc.Model;
import org.genosynth.assoc.glm.GlmGwas;
import org.genosynth.assoc.lmm.LmmGwas;
import org.genosynth.eval.Metrics;
import org.genosynth.eval.Ranks;
import org.genosynth.report.html.HtmlReport;
import org.genosynth.report.html.Threshold;
import org.genosynth.report.svg.Chart;
import org.genosynth.report.svg.GwasPlots;

/**
 * Utility: the same GWAS on the real and on the synthetic cohort, and how well the synthetic one finds the real hits.
 * Only variants tested on both sides are compared.
 */
public final class UtilitySection {
    private static final String AREA = "utility";
    /** GWAS SNP recall and precision: the share of the real (synthetic) hits that are synthetic (real) hits. */
    public static final Threshold HIT_SHARE = Threshold.atLeast(0.9, 0.7);
    /** Share of the real loci with a synthetic hit. */
    public static final Threshold LOCUS_SHARE = Threshold.atLeast(0.9, 0.5);
    /** |synthetic - real| REML PVE. */
    public static final Threshold PVE_DIFFERENCE = Threshold.atMost(0.05, 0.15);

    /**
     * The GWAS to run on both sides.
     *
     * @param real        GWAS request on the real (training) cohort
     * @param synthetic   GWAS request on the synthetic cohort
     * @param holdout     the same GWAS on the real holdout (its -log10 p correlation with the real one is the
     *                    sampling baseline), or null
     * @param thresholds  p-value thresholds for hits; the first is the primary one (judged in the summary)
     * @param coordinate  per variant key (chrom:pos, or id:ID), its coordinate for clumping (cM or bp)
     * @param unit        the coordinate's unit ("cM" or "bp")
     * @param locusWindow hits closer than this (in the unit) join one locus, and a locus is found by a hit within
     *                    this of it
     */
    public record Plan(GwasRequest real, GwasRequest synthetic, GwasRequest holdout, List<Double> thresholds, Map<String, Double> coordinate,
            String unit, double locusWindow) {
    }

    private UtilitySection() {
    }

    /** Runs the planned GWAS on {@code context} and adds the utility section. */
    public static void run(Plan plan, HtmlReport report, Metrics metrics, ExecutionContext context) {
        HtmlReport.Section sec = report.section("Utility: does a GWAS on the synthetic cohort find the real loci?");
        org.genosynth.assoc.GwasResult realRun = gwas(plan.real(), context);
        org.genosynth.assoc.GwasResult synRun = gwas(plan.synthetic(), context);
        GwasTable real = GwasTable.read(realRun.table());
        GwasTable syn = GwasTable.read(synRun.table());
        Set<String> shared = new HashSet<>(real.rows().keySet());
        shared.retainAll(syn.rows().keySet());
        GwasTable r = restrict(real, shared);
        GwasTable s = restrict(syn, shared);
        sec.text("Model: " + plan.real().model().cliName() + "; phenotype column "
                + plan.real().phenoCol() + ". Variants tested on both sides: " + shared.size() + " (real "
                + real.rows().size() + ", synthetic " + syn.rows().size() + "). Loci: hits within "
                + window(plan) + " of each other; a real locus is found when a synthetic hit lies within "
                + window(plan) + " of it.");
        metrics.put(AREA, "model", plan.real().model().cliName());
        metrics.put(AREA, "variants_compared", shared.size());
        List<Map<String, Object>> byThreshold = new ArrayList<>();
        List<String[]> table = new ArrayList<>();
        List<String[]> lociRows = new ArrayList<>();
        for (int t = 0; t < plan.thresholds().size(); t++) {
            double alpha = plan.thresholds().get(t);
            HitComparison hc = HitComparison.of(r, s, alpha, plan.coordinate(), plan.locusWindow());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("threshold", alpha);
            m.put("real_hits", hc.realHits());
            m.put("synthetic_hits", hc.syntheticHits());
            m.put("shared_hits", hc.sharedHits());
            m.put("snp_precision", hc.precision());
            m.put("snp_recall", hc.recall());
            m.put("snp_f1", hc.f1());
            m.put("real_loci", hc.realLoci().size());
            m.put("synthetic_loci", hc.syntheticLoci().size());
            m.put("locus_recall", hc.locusRecall());
            m.put("locus_precision", hc.locusPrecision());
            m.put("real_loci_list", lociJson(hc.realLoci(), s.hits(alpha), plan));
            m.put("synthetic_loci_list", lociJson(hc.syntheticLoci(), r.hits(alpha), plan));
            byThreshold.add(m);
            table.add(new String[] {String.valueOf(alpha), Integer.toString(hc.realHits()),
                Integer.toString(hc.syntheticHits()), Integer.toString(hc.sharedHits()), f(hc.precision()),
                f(hc.recall()), f(hc.f1()), hc.realLoci().size() + "", hc.syntheticLoci().size() + "",
                f(hc.locusRecall()), f(hc.locusPrecision())});
            for (Loci.Locus l : hc.realLoci()) {
                lociRows.add(new String[] {String.valueOf(alpha), "real", l.chrom(), span(l, plan.unit()), l.lead().id(),
                    f(l.lead().minusLog10p()), Integer.toString(l.hits()),
                    Loci.found(l, s.hits(alpha), plan.coordinate(), plan.locusWindow()) ? "yes" : "no"});
            }
            for (Loci.Locus l : hc.syntheticLoci()) {
                lociRows.add(new String[] {String.valueOf(alpha), "synthetic", l.chrom(), span(l, plan.unit()), l.lead().id(),
                    f(l.lead().minusLog10p()), Integer.toString(l.hits()),
                    Loci.found(l, r.hits(alpha), plan.coordinate(), plan.locusWindow()) ? "yes" : "no"});
            }
            if (t == 0) {
                String at = " at p < " + alpha;
                if (hc.realHits() == 0) {
                    metrics.notApplicable(AREA, "GWAS SNP recall" + at, "gwas_snp_recall", hc.recall(),
                            "the real GWAS has no hit" + at + ": recall is undefined");
                } else {
                    metrics.judge(AREA, "GWAS SNP recall" + at, "gwas_snp_recall", hc.recall(),
                            HIT_SHARE, "share of the real hits that are hits in the synthetic GWAS");
                }
                if (hc.syntheticHits() == 0) {
                    metrics.notApplicable(AREA, "GWAS SNP precision" + at, "gwas_snp_precision", hc.precision(),
                            "the synthetic GWAS has no hit" + at + ": precision is undefined"
                                    + (hc.realHits() > 0 ? " (the real hits are missed: see recall)" : ""));
                } else {
                    metrics.judge(AREA, "GWAS SNP precision" + at, "gwas_snp_precision", hc.precision(),
                            HIT_SHARE, "share of the synthetic hits that are real hits");
                }
                metrics.put(AREA, "gwas_snp_f1", hc.f1());
                if (hc.realLoci().isEmpty()) {
                    metrics.notApplicable(AREA, "GWAS locus recall" + at, "gwas_locus_recall", hc.locusRecall(),
                            "the real GWAS has no locus" + at + ": locus recall is undefined");
                } else {
                    metrics.judge(AREA, "GWAS locus recall" + at, "gwas_locus_recall", hc.locusRecall(),
                            LOCUS_SHARE, "share of the real loci the synthetic GWAS finds");
                }
                metrics.put(AREA, "gwas_locus_precision", hc.locusPrecision());
            }
        }
        metrics.put(AREA, "by_threshold", byThreshold);
        double[][] lp = pairedScores(r, s);
        double cor = Ranks.pearson(lp[0], lp[1]);
        if (plan.holdout() == null) {
            metrics.judge(AREA, "-log10 p correlation", "neglog10p_correlation", cor, Threshold.atLeast(0.8, 0.5),
                    "Pearson r of -log10 p over the variants tested on both sides");
        } else {
            // an unseen real sample is the yardstick: its GWAS correlates with the real one only so far (sampling
            // noise and its smaller size); a synthetic cohort that does at least as well passes
            GwasTable hold = GwasTable.read(gwas(plan.holdout(), context).table());
            Set<String> all = new HashSet<>(shared);
            all.retainAll(hold.rows().keySet());
            double[][] lh = pairedScores(restrict(real, all), restrict(hold, all));
            double base = Ranks.pearson(lh[0], lh[1]);
            metrics.put(AREA, "neglog10p_correlation_holdout", base);
            double chance = replicationChance(lh[0].length);
            if (Double.isFinite(base) && base < chance) {
                metrics.notApplicable(AREA, "-log10 p correlation", "neglog10p_correlation", cor, "the real GWAS's "
                        + "-log10 p do not replicate in the real holdout (r " + f(base) + ", under " + f(chance)
                        + ", 2 / sqrt of the " + lh[0].length + " variants): no association profile to keep");
            } else {
                double pass = Double.isFinite(base) ? Math.min(0.8, base) : 0.8;
                metrics.judge(AREA, "-log10 p correlation", "neglog10p_correlation", cor,
                        Threshold.atLeast(pass, Math.min(0.5, pass - 0.1)), "Pearson r of -log10 p over the variants "
                                + "tested on both sides; the real holdout's own GWAS gives " + f(base) + " (pass: at "
                                + "least min(0.8, that))");
            }
        }
        pve(realRun, synRun, metrics);
        double lr = real.lambdaGc();
        double ls = syn.lambdaGc();
        metrics.put(AREA, "lambda_gc_real", lr);
        metrics.put(AREA, "lambda_gc_synthetic", ls);
        metrics.judge(AREA, "genomic inflation", "lambda_gc_difference", Math.abs(ls - lr),
                Threshold.atMost(0.1, 0.25), "|lambda_GC synthetic - lambda_GC real| (real " + f(lr) + ", synthetic "
                        + f(ls) + ")");

        sec.table(new String[] {"p threshold", "real hits", "synthetic hits", "shared", "precision", "recall", "F1",
            "real loci", "synthetic loci", "locus recall", "locus precision"}, table);
        GwasPlots pr = plots(real);
        GwasPlots ps = plots(syn);
        sec.figures(pr.manhattan("Manhattan: real"), ps.manhattan("Manhattan: synthetic"));
        sec.figures(pr.qq("QQ: real (lambda_GC " + f(lr) + ")"), ps.qq("QQ: synthetic (lambda_GC " + f(ls) + ")"),
                new Chart("-log10 p, real vs synthetic", "real -log10 p", "synthetic -log10 p", 480, 420)
                        .diagonal().scatter("", lp[0], lp[1], Chart.REAL, 1.8).render());
        sec.subheading("Loci");
        sec.table(new String[] {"p threshold", "GWAS", "chrom", "span", "lead variant", "lead -log10 p", "hits",
            "found by the other GWAS"}, lociRows);
    }

    private static List<Map<String, Object>> lociJson(List<Loci.Locus> loci, List<GwasTable.Row> otherHits,
            Plan plan) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Loci.Locus l : loci) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("chrom", l.chrom());
            m.put("start", l.start());
            m.put("end", l.end());
            m.put("unit", plan.unit());
            m.put("lead", l.lead().id());
            m.put("lead_neglog10p", l.lead().minusLog10p());
            m.put("hits", l.hits());
            m.put("found_by_other", Loci.found(l, otherHits, plan.coordinate(), plan.locusWindow()));
            out.add(m);
        }
        return out;
    }

    private static org.genosynth.assoc.GwasResult gwas(GwasRequest request, ExecutionContext context) {
        return switch (request.model()) {
            case LMM -> LmmGwas.run(request, context);
            case LMM_LOCO -> org.genosynth.assoc.loco.LocoGwas.run(request, context);
            default -> GlmGwas.run(request, context);
        };
    }

    /**
     * The real-vs-holdout -log10 p correlation under which the real GWAS's profile counts as not replicated: two
     * standard errors of a null Pearson r over {@code variants} independent pairs (LD makes the pairs fewer and the
     * null wider, so this declares no replication less often than it could). On a trait without heritability
     * (`plink2 --dummy` 1,500 x 8,000, REML PVE 0.000) the holdout's r was -0.014, and a synthetic cohort's -0.042 or
     * +0.035 read as a warn or a pass by chance.
     */
    static double replicationChance(int variants) {
        return variants > 0 ? 2 / Math.sqrt(variants) : Double.POSITIVE_INFINITY;
    }

    /** The REML PVE of both null models (LMM only): how much of the trait the genotypes explain. */
    private static void pve(org.genosynth.assoc.GwasResult real, org.genosynth.assoc.GwasResult syn,
            Metrics metrics) {
        Double pr = real.summary().get("pve");
        Double ps = syn.summary().get("pve");
        if (pr == null || ps == null) {
            return;
        }
        metrics.put(AREA, "pve_real", pr);
        metrics.put(AREA, "pve_synthetic", ps);
        Double se = real.summary().get("pve_se");
        if (se != null) {
            metrics.put(AREA, "pve_se_real", se);
        }
        if (se != null && se > PVE_DIFFERENCE.warn()) {
            // on a few dozen phenotyped samples REML's own uncertainty exceeds both bounds: the difference is noise
            metrics.notApplicable(AREA, "REML PVE", "pve_difference", Math.abs(ps - pr), "the real PVE's standard "
                    + "error is " + f(se) + " (real " + f(pr) + ", synthetic " + f(ps) + "), more than the warn bound "
                    + f(PVE_DIFFERENCE.warn()) + ": too few phenotyped samples to tell a difference from REML's own "
                    + "noise");
            return;
        }
        metrics.judge(AREA, "REML PVE", "pve_difference", Math.abs(ps - pr), PVE_DIFFERENCE,
                "|PVE synthetic - PVE real| of the LMM null models (real " + f(pr) + (se == null ? "" : " ± " + f(se))
                        + ", synthetic " + f(ps) + "): the share of the trait's variance the genotypes explain");
    }

    private static GwasTable restrict(GwasTable t, Set<String> keys) {
        Map<String, GwasTable.Row> rows = new LinkedHashMap<>();
        for (var e : t.rows().entrySet()) {
            if (keys.contains(e.getKey())) {
                rows.put(e.getKey(), e.getValue());
            }
        }
        return new GwasTable(rows);
    }

    private static double[][] pairedScores(GwasTable r, GwasTable s) {
        double[] a = new double[r.rows().size()];
        double[] b = new double[a.length];
        int i = 0;
        for (var row : r.rows().values()) {
            a[i] = Math.min(330, row.minusLog10p());
            b[i] = Math.min(330, s.rows().get(row.key()).minusLog10p());
            i++;
        }
        return new double[][] {a, b};
    }

    /** The locus window in its unit: cM along a genetic map, kb along base pairs. */
    private static String window(Plan plan) {
        return plan.unit().equals("bp") ? f(plan.locusWindow() / 1000) + " kb" : f(plan.locusWindow()) + " "
                + plan.unit();
    }

    private static GwasPlots plots(GwasTable t) {
        GwasPlots p = new GwasPlots();
        for (GwasTable.Row row : t.rows().values()) {
            p.add(row.chrom(), row.pos(), row.id(), row.log10p());
        }
        return p;
    }

    private static String span(Loci.Locus l, String unit) {
        return Double.isNaN(l.start()) ? "position unknown" : f(l.start()) + "-" + f(l.end()) + " " + unit;
    }

    private static String f(double v) {
        return Metrics.format(v);
    }
}
