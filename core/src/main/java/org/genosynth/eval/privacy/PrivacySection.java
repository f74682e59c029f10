package org.genosynth.eval.privacy;

import org.genosynth.eval.Metrics;
import org.genosynth.eval.Ranks;
import org.genosynth.report.html.HtmlReport;
import org.genosynth.report.html.Threshold;
import org.genosynth.report.svg.Chart;

/** Records the privacy metrics and fills the report's privacy section. */
public final class PrivacySection {
    private static final String AREA = "privacy";

    private PrivacySection() {
    }

    public static void run(PrivacyResult p, boolean hasHoldout, HtmlReport report, Metrics metrics) {
        HtmlReport.Section sec = report.section("Privacy: can anyone in the training cohort be recognised?");
        sec.text("Distances are the mean difference in ALT allele count per variant, over the variants called in both"
                + " genomes, divided by 2 (0: identical; 1: opposite homozygotes everywhere). Kinship is KING-robust."
                + (hasHoldout ? " The holdout (real genomes not used for training) shows what unseen real genomes"
                        + " look like, and calibrates every comparison."
                        : " Without a holdout the metrics that need one are not measured (n/a)."));
        double dcrSyn = Ranks.median(p.dcrSynthetic());
        double dcrHold = Ranks.median(p.dcrHoldout());
        metrics.put(AREA, "dcr_median_synthetic", dcrSyn);
        metrics.put(AREA, "dcr_median_holdout", dcrHold);
        metrics.put(AREA, "dcr_p05_synthetic", Ranks.quantile(p.dcrSynthetic(), 0.05));
        metrics.put(AREA, "dcr_p05_holdout", Ranks.quantile(p.dcrHoldout(), 0.05));
        metrics.judge(AREA, "closer to train than holdout", "dcr_share_closer", p.dcrShareCloser(),
                Threshold.atMost(0.55, 0.6), "P(a synthetic genome is closer to its nearest training genome than a "
                        + "holdout genome is); 0.5 = no closer than unseen real genomes");
        metrics.judge(AREA, "exact copies", "exact_copies", p.exactCopies(), Threshold.atMost(0, 0),
                "synthetic genomes identical to a training genome");
        metrics.judge(AREA, "near copies", "near_copies", p.nearCopies(), Threshold.atMost(0, 0),
                "synthetic genomes within distance " + Privacy.NEAR_COPY_DISTANCE + " of a training genome");
        double maxKin = p.maxKinship();
        metrics.judge(AREA, "max kinship to a training genome", "max_kinship_to_train", maxKin,
                Threshold.atMost(0.0884, 0.1769), ">= 0.177 is first degree (parent/child, sibling) or closer, "
                        + ">= 0.0884 second degree");
        metrics.put(AREA, "synthetic_first_degree_or_closer", p.kinshipAtLeast(Privacy.FIRST_DEGREE));
        if (hasHoldout) {
            double[] hk = p.maxKinshipHoldout();
            long holdRelated = java.util.Arrays.stream(hk).filter(k -> k >= Privacy.FIRST_DEGREE).count();
            metrics.put(AREA, "holdout_max_kinship_to_train", Ranks.quantile(hk, 1));
            metrics.put(AREA, "holdout_first_degree_share", hk.length == 0 ? Double.NaN : (double) holdRelated
                    / hk.length);
        }
        metrics.judge(AREA, "AATS (train vs synthetic)", "aats", p.aatsTrain(), Threshold.atLeast(0.45, 0.4),
                "nearest-neighbour adversarial accuracy; 0.5 ideal, near 0 when synthetic genomes sit on real ones");
        metrics.put(AREA, "aats_holdout", p.aatsTest());
        metrics.judge(AREA, "AATS privacy loss", "aats_privacy_loss", p.privacyLoss(), Threshold.atMost(0.02, 0.05),
                "AATS(holdout) - AATS(train); above 0 when the generator memorised its training genomes");
        metrics.put(AREA, "aats_subset_size", p.subsetSize());
        metrics.judge(AREA, "membership inference AUC", "mia_auc", p.miaAuc(), Threshold.atMost(0.55, 0.6),
                "distance-to-closest-synthetic attack telling training members from holdout genomes; 0.5 = chance");
        metrics.judge(AREA, "real sample IDs in synthetic files", "real_ids_in_synthetic", p.leakedIds().size(),
                Threshold.atMost(0, 0), "identifiers of real samples found among the synthetic samples' IDs");
        if (!p.leakedIds().isEmpty()) {
            metrics.put(AREA, "real_ids_found", p.leakedIds().subList(0, Math.min(20, p.leakedIds().size())));
        }

        double hi = Math.max(Ranks.quantile(p.dcrSynthetic(), 1), hasHoldout ? Ranks.quantile(p.dcrHoldout(), 1) : 0);
        double[] edges = Ranks.edges(0, Math.max(1e-6, hi) * 1.02, 40);
        Chart dcr = new Chart("Distance to closest training genome", "distance", "share of genomes", 520, 400)
                .bars("synthetic", edges, Ranks.histogram(p.dcrSynthetic(), edges), Chart.SYNTHETIC);
        if (hasHoldout) {
            dcr.bars("holdout (real, unseen)", edges, Ranks.histogram(p.dcrHoldout(), edges), Chart.THIRD);
        }
        double[] kEdges = Ranks.edges(-0.1, 0.55, 39);
        Chart kin = new Chart("Largest kinship to a training genome", "KING-robust kinship", "share of genomes", 520,
                400).bars("synthetic", kEdges, Ranks.histogram(clip(p.maxKinshipToTrain()), kEdges), Chart.SYNTHETIC);
        if (hasHoldout) {
            kin.bars("holdout (real, unseen)", kEdges, Ranks.histogram(clip(p.maxKinshipHoldout()), kEdges),
                    Chart.THIRD);
        }
        sec.figures(dcr.render(), kin.render());
    }

    private static double[] clip(double[] v) {
        return java.util.Arrays.stream(v).map(x -> Math.max(-0.1, Math.min(0.55, x))).toArray();
    }
}
