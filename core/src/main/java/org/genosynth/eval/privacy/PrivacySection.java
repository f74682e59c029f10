package org.genosynth.eval.privacy;

import org.genosynth.eval.Metrics;
import org.genosynth.eval.Ranks;
import org.genosynth.report.html.HtmlReport;
import org.genosynth.report.html.Threshold;
import org.genosynth.report.html.Verdict;
import org.genosynth.report.svg.Chart;

/** Records the privacy metrics and fills the report's privacy section. */
public final class PrivacySection {
    /** The membership AUC's pass line. */
    static final double FLOOR_PASS = 0.55;
    private static final String AREA = "privacy";
    /** KING-robust kinship of second-degree relatives (KING's lower bound, 2^-3.5). */
    public static final double SECOND_DEGREE = 0.0884;
    /** AATS's pass and warn lines (at least). */
    static final double AATS_PASS = 0.45;
    static final double AATS_WARN = 0.4;
    /** The AATS privacy loss's lowest pass line (its sampling interval can only raise it). */
    static final double AATS_LOSS_PASS = 0.02;
    /** AATS on smaller equal-size subsets than this is not applicable. */
    public static final int MIN_AATS_SUBSET = 20;

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
        closerShare(p, metrics);
        metrics.judge(AREA, "exact copies", "exact_copies", p.exactCopies(), Threshold.atMost(0, 0),
                "synthetic genomes identical to a training genome");
        metrics.judge(AREA, "near copies", "near_copies", p.nearCopies(), Threshold.atMost(0, 0),
                "synthetic genomes within distance " + Privacy.NEAR_COPY_DISTANCE + " of a training genome");
        closeness(p, hasHoldout, sec, metrics);
        aats(p, hasHoldout, metrics);
        membership(p, metrics);
        segments(p, hasHoldout, sec, metrics);
        if (hasHoldout) {
            metrics.record(AREA, "DCR share of frequency-only genomes", "dcr_share_frequency_floor",
                    p.dcrShareFloor(), Verdict.INFO, "information", "dcr_share_closer of genomes drawn site by site "
                    + "from the training genotype counts (above 0.55, this cohort is too small for the absolute bound)");
            metrics.record(AREA, "membership AUC of frequency-only genomes", "mia_auc_frequency_floor",
                    p.miaAucFloor(), Verdict.INFO, "information", "the same attack on genomes drawn site by site "
                    + "from the training genotype counts: the floor every generator keeping the frequencies shares "
                    + "(above 0.55, this cohort is too small for the absolute bound)");
        }
        metrics.judge(AREA, "real sample IDs in synthetic files", "real_ids_in_synthetic", p.leakedIds().size(),
                Threshold.atMost(0, 0), "identifiers of real samples found among the synthetic samples' IDs");
        if (!p.leakedIds().isEmpty()) {
            metrics.put(AREA, "real_ids_found", p.leakedIds().subList(0, Math.min(20, p.leakedIds().size())));
        }
        duplicates(p, hasHoldout, sec, metrics);

        double hi = Math.max(Ranks.quantile(p.dcrSynthetic(), 1), hasHoldout ? Ranks.quantile(p.dcrHoldout(), 1) : 0);
        double[] edges = Ranks.edges(0, Math.max(1e-6, hi) * 1.02, 40);
        Chart dcr = new Chart("Distance to closest training genome", "distance", "share of genomes", 520, 400)
                .bars("synthetic", edges, Ranks.histogram(p.dcrSynthetic(), edges), Chart.SYNTHETIC);
        if (hasHoldout) {
            dcr.bars("holdout (real, unseen)", edges, Ranks.histogram(p.dcrHoldout(), edges), Chart.THIRD);
        }
        double[] kEdges = Ranks.edges(-0.1, 0.55, 39);
        if (p.ibs()) {
            double lo = Math.max(0, Math.min(Ranks.quantile(p.maxKinshipToTrain(), 0),
                    hasHoldout ? Ranks.quantile(p.maxKinshipHoldout(), 0) : 1) - 0.01);
            kEdges = Ranks.edges(Double.isFinite(lo) ? lo : 0, 1.0001, 40);
        }
        Chart kin = new Chart(p.ibs() ? "Largest IBS share with a training genome" : "Largest kinship to a training "
                + "genome", p.ibs() ? "identity-by-state share" : "KING-robust kinship", "share of genomes", 520,
                400).bars("synthetic", kEdges, Ranks.histogram(clip(p.maxKinshipToTrain(), kEdges), kEdges),
                        Chart.SYNTHETIC);
        if (hasHoldout) {
            kin.bars("holdout (real, unseen)", kEdges, Ranks.histogram(clip(p.maxKinshipHoldout(), kEdges), kEdges),
                    Chart.THIRD);
        }
        sec.figures(dcr.render(), kin.render());
    }

    /**
     * The DCR share, judged as {@code mia_auc} ({@link #againstFloor}) with the chance SE of a share between its
     * synthetic and holdout genomes.
     */
    private static void closerShare(PrivacyResult p, Metrics metrics) {
        againstFloor("closer to train than holdout", "dcr_share_closer", p.dcrShareCloser(), p.dcrShareFloor(),
                p.dcrShareChanceSe(), p.dcrSynthetic().length + " synthetic and " + p.dcrHoldout().length
                + " holdout genomes", "P(a synthetic genome is closer to its nearest training genome than a holdout "
                + "genome is); 0.5 = no closer than unseen real genomes", metrics);
    }

    /**
     * The membership AUC: pass <= 0.55, warn <= 0.6, fail above; except that where even genomes drawn from the
     * training frequencies alone exceed 0.55 (a small cohort: the frequencies carry their members), an AUC within
     * that floor plus two chance SEs is a warn, not a fail: no generator that keeps the frequencies can do better;
     * with a lower floor, the floor is taken at 0.5 (warn up to 0.5 + 2 chance SEs where that exceeds 0.6).
     */
    private static void membership(PrivacyResult p, Metrics metrics) {
        // a floor at or below 0.55 is taken at 0.5, as for the segment AUCs: on few members the floor itself is noisy
        // (12 members: 0.43 or 0.73 on the same cohort), and chance alone reaches 0.5 + 2 SEs
        againstFloor("membership inference AUC", "mia_auc", p.miaAuc(), p.miaAucFloor(), p.miaChanceSe(),
                p.miaMembers() + " members", "distance-to-closest-synthetic attack telling training members from "
                + "holdout genomes; 0.5 = chance", metrics);
    }

    /**
     * The shared-segment attack ({@link SegmentAttack}), identical and half-identical runs, on the members and
     * non-members of the distance attack: the bounds of {@code mia_auc}, pass <= 0.55, warn <= 0.6, fail above, and
     * its frequency floor: where the synthetic genomes' AUC is above 0.55, the same attack is run on the genomes drawn
     * site by site from the training counts, and where theirs exceeds 0.55 too (a small cohort: their rare alleles are
     * the members'; the 142 training people of unphased203 measured 0.62 for the HMM, which copies nothing), the warn
     * bound is that floor + 2 chance SEs; with a lower floor it is taken at 0.5, so on a cohort small enough for
     * 0.5 + 2 chance SEs to exceed 0.6 the warn bound is that.
     */
    private static void segments(PrivacyResult p, boolean hasHoldout, HtmlReport.Section sec, Metrics metrics) {
        String what = "score each real genome by the longest run of consecutive variants (within a chromosome, both "
                + "called) at which its genotype ";
        String tail = " some synthetic genome's; AUC of telling training members from holdout genomes (the distance "
                + "attack's members and non-members); 0.5 = chance. Catches generators that copy real segments";
        String members = p.miaMembers() + " members";
        againstFloor("shared-segment membership AUC (identical runs)", "segment_mia_auc_identical",
                p.segmentAucIdentical(), p.segmentFloorIdentical(), p.miaChanceSe(), members, what + "equals" + tail,
                metrics);
        againstFloor("shared-segment membership AUC (half-identical runs)", "segment_mia_auc_half_identical",
                p.segmentAucHalfIdentical(), p.segmentFloorHalfIdentical(), p.miaChanceSe(), members, what
                + "shares an allele with" + tail + "; half-identical runs (no opposite homozygotes) are what copying "
                + "one haplotype leaves", metrics);
        if (Double.isFinite(p.segmentFloorIdentical())) {
            metrics.record(AREA, "shared-segment AUC of frequency-only genomes (identical runs)",
                    "segment_mia_auc_identical_frequency_floor", p.segmentFloorIdentical(), Verdict.INFO,
                    "information", "segment_mia_auc_identical of genomes drawn site by site from the training "
                    + "genotype counts, measured where a shared-segment AUC is above " + FLOOR_PASS);
            metrics.record(AREA, "shared-segment AUC of frequency-only genomes (half-identical runs)",
                    "segment_mia_auc_half_identical_frequency_floor", p.segmentFloorHalfIdentical(), Verdict.INFO,
                    "information", "segment_mia_auc_half_identical of the same genomes");
        }
        SegmentAttack.Result r = p.segmentRuns();
        if (!hasHoldout || r == null) {
            return;
        }
        double mi = median(r.memberIdentical());
        double ni = median(r.nonMemberIdentical());
        double mh = median(r.memberHalfIdentical());
        double nh = median(r.nonMemberHalfIdentical());
        metrics.put(AREA, "segment_longest_identical_run_median_members", mi);
        metrics.put(AREA, "segment_longest_identical_run_median_non_members", ni);
        metrics.put(AREA, "segment_longest_half_identical_run_median_members", mh);
        metrics.put(AREA, "segment_longest_half_identical_run_median_non_members", nh);
        sec.text("Shared segments: the median training genome's longest run of genotypes identical to some synthetic "
                + "genome's is " + fmt(mi) + " variants, an unseen (holdout) genome's " + fmt(ni) + "; half-identical "
                + "runs (a shared allele at every variant) " + fmt(mh) + " vs " + fmt(nh) + ". Runs much longer for "
                + "training genomes mean the generator copied their segments.");
    }

    /**
     * Pass <= 0.55; warn <= max(0.6, the frequency-only floor + 2 chance SEs) where that floor exceeds 0.55, else
     * warn <= max(0.6, 0.5 + 2 chance SEs); fail above. {@code se} is the chance SE of {@code value} on the sets
     * {@code sizes} names.
     */
    private static void againstFloor(String label, String key, double value, double floor, double se, String sizes,
            String meaning, Metrics metrics) {
        if (floor > FLOOR_PASS && value > FLOOR_PASS) {
            double atFloor = Math.max(0.6, floor + 2 * se);
            Verdict v = value <= atFloor ? Verdict.WARN : Verdict.FAIL;
            metrics.record(AREA, label, key, value, v, "pass <= " + FLOOR_PASS + "; warn <= " + fmt(atFloor) + ": the "
                    + "frequency-only floor " + fmt(floor) + " + 2 chance SE, since even the floor exceeds "
                    + FLOOR_PASS, meaning + "; on this cohort genomes drawn from the training frequencies alone reach "
                    + fmt(floor));
            return;
        }
        double atChance = 0.5 + 2 * se;
        if (!(atChance > 0.6) || !(value > FLOOR_PASS)) {
            metrics.judge(AREA, label, key, value, Threshold.atMost(FLOOR_PASS, 0.6), meaning);
            return;
        }
        Verdict v = value <= atChance ? Verdict.WARN : Verdict.FAIL;
        metrics.record(AREA, label, key, value, v, "pass <= " + FLOOR_PASS + "; warn <= " + fmt(atChance) + ": 0.5 + 2"
                + " chance SE at " + sizes, meaning);
    }

    private static double median(int[] v) {
        return Ranks.median(java.util.Arrays.stream(v).asDoubleStream().toArray());
    }

    private static double[] clip(double[] v, double[] edges) {
        double lo = edges[0];
        double hi = edges[edges.length - 1];
        return java.util.Arrays.stream(v).map(x -> Math.max(lo, Math.min(hi, x))).toArray();
    }

    /**
     * Largest kinship (or IBS share) of a synthetic genome to a training genome, judged against what unseen real
     * genomes show when a holdout is given (see {@link HoldoutMaximum}).
     */
    private static void closeness(PrivacyResult p, boolean hasHoldout, HtmlReport.Section sec, Metrics metrics) {
        double max = p.maxKinship();
        // holdout genomes in the duplicate range of a training genome are that person again, not an unseen one: they
        // are left out of the reference (and reported as real duplicate pairs)
        boolean[] duplicate = p.duplicates().holdoutOfTrain();
        double[] reference = java.util.stream.IntStream.range(0, p.maxKinshipHoldout().length)
                .filter(i -> !duplicate[i]).mapToDouble(i -> p.maxKinshipHoldout()[i]).toArray();
        HoldoutMaximum rule = hasHoldout && reference.length > 0
                ? HoldoutMaximum.of(p.maxKinshipToTrain(), reference) : null;
        if (hasHoldout) {
            metrics.put(AREA, "holdout_duplicates_of_train_left_out", p.maxKinshipHoldout().length - reference.length);
        }
        if (p.ibs()) {
            metrics.notApplicable(AREA, "max kinship to a training genome", "max_kinship_to_train", Double.NaN,
                    "KING-robust kinship divides by heterozygote counts: meaningless for inbred or haploid-like "
                            + "coding; judged by identity-by-state instead (max IBS share to train)");
            String rel = "a synthetic genome's largest share of identical genotypes with a training genome (IBS share,"
                    + " over the variants called in both); " + (rule == null ? "" : rule.describe("IBS share") + "; ")
                    + ">= " + Privacy.DUPLICATE_IBS + " is a duplicate";
            Verdict v;
            String th;
            if (rule == null) {
                v = Verdict.INFO;
                th = "needs a holdout";
            } else {
                v = max >= Privacy.DUPLICATE_IBS ? Verdict.FAIL : rule.within() ? Verdict.PASS : Verdict.WARN;
                th = "pass: at most " + rule.allowed() + " synthetic genomes above the holdout maximum "
                        + fmt(rule.holdoutMax()) + "; fail >= " + Privacy.DUPLICATE_IBS;
            }
            metrics.record(AREA, "max IBS share with a training genome", "max_ibs_to_train", max, v, th, rel);
            if (rule != null) {
                metrics.put(AREA, "holdout_max_ibs_to_train", Ranks.quantile(p.maxKinshipHoldout(), 1));
                rule.put(metrics, "max_ibs");
            }
            return;
        }
        String meaning = ">= 0.177 is first degree (parent/child, sibling) or closer, >= 0.0884 second degree, >= "
                + Privacy.DUPLICATE_KINSHIP + " a duplicate or monozygotic twin";
        if (rule == null) {
            metrics.judge(AREA, "max kinship to a training genome", "max_kinship_to_train", max,
                    Threshold.atMost(0.0884, 0.1769), meaning + " (no holdout: absolute bounds)");
        } else {
            // relative to unseen real genomes, never looser than second degree where the holdout has no such relative,
            // and never accepting the duplicate range
            boolean absolute = rule.holdoutMax() < SECOND_DEGREE;
            Verdict v = max >= Privacy.DUPLICATE_KINSHIP ? Verdict.FAIL
                    : rule.within() && (!absolute || max <= SECOND_DEGREE) ? Verdict.PASS
                    : max < Privacy.FIRST_DEGREE ? Verdict.WARN : Verdict.FAIL;
            String th = "pass: at most " + rule.allowed() + " synthetic genomes above the holdout maximum "
                    + fmt(rule.holdoutMax()) + (absolute ? " and max <= 0.0884" : "") + "; warn < 0.177; fail >= "
                    + Privacy.DUPLICATE_KINSHIP;
            metrics.record(AREA, "max kinship to a training genome", "max_kinship_to_train", max, v, th,
                    meaning + "; " + rule.describe("kinship"));
        }
        metrics.put(AREA, "synthetic_first_degree_or_closer", p.kinshipAtLeast(Privacy.FIRST_DEGREE));
        if (hasHoldout) {
            double[] hk = p.maxKinshipHoldout();
            long holdRelated = java.util.Arrays.stream(hk).filter(k -> k >= Privacy.FIRST_DEGREE).count();
            metrics.put(AREA, "holdout_max_kinship_to_train", Ranks.quantile(hk, 1));
            metrics.put(AREA, "holdout_first_degree_share", hk.length == 0 ? Double.NaN : (double) holdRelated
                    / hk.length);
        }
        if (rule != null) {
            rule.put(metrics, "max_kinship");
        }
    }

    /** AATS and the privacy loss, judged against the sampling noise of the subset draws. */
    private static void aats(PrivacyResult p, boolean hasHoldout, Metrics metrics) {
        String aatsMeaning = "nearest-neighbour adversarial accuracy; 0.5 ideal, near 0 when synthetic genomes sit on "
                + "real ones";
        if (p.subsetSize() < MIN_AATS_SUBSET) {
            metrics.notApplicable(AREA, "AATS (train vs synthetic)", "aats", p.aatsTrain(), "subsets of "
                    + p.subsetSize() + " genomes (< " + MIN_AATS_SUBSET + "): nearest neighbours too few to mean "
                    + "anything");
        } else if (p.aatsFloor() < AATS_PASS && p.aatsTrain() < AATS_PASS) {
            // a small cohort: the frequency-only genomes themselves sit on the training genomes
            double floor = p.aatsFloor();
            double low = Math.min(AATS_WARN, floor - 2 * Math.sqrt(floor * (1 - floor) / (2.0 * p.subsetSize())));
            Verdict v = p.aatsTrain() >= low ? Verdict.WARN : Verdict.FAIL;
            metrics.record(AREA, "AATS (train vs synthetic)", "aats", p.aatsTrain(), v, "pass >= " + AATS_PASS
                    + "; warn >= " + fmt(low) + ": the frequency-only floor " + fmt(floor) + " - 2 binomial SE at "
                    + p.subsetSize() + " genomes, since even the floor is below " + AATS_PASS, aatsMeaning
                    + "; on this cohort genomes drawn from the training frequencies alone reach " + fmt(floor));
        } else {
            metrics.judge(AREA, "AATS (train vs synthetic)", "aats", p.aatsTrain(),
                    Threshold.atLeast(AATS_PASS, AATS_WARN), aatsMeaning);
        }
        if (Double.isFinite(p.aatsFloor())) {
            metrics.record(AREA, "AATS of frequency-only genomes", "aats_frequency_floor", p.aatsFloor(),
                    Verdict.INFO, "information", "aats of genomes drawn site by site from the training genotype "
                    + "counts, measured where aats is below " + AATS_PASS);
        }
        metrics.put(AREA, "aats_holdout", p.aatsTest());
        String lossMeaning = "AATS(holdout) - AATS(train); above 0 when the generator memorised its training genomes";
        if (!hasHoldout) {
            metrics.judge(AREA, "AATS privacy loss", "aats_privacy_loss", Double.NaN, Threshold.atMost(0.02, 0.05),
                    lossMeaning);
        } else if (Math.min(p.subsetSize(), p.testSubsetSize()) < MIN_AATS_SUBSET) {
            metrics.notApplicable(AREA, "AATS privacy loss", "aats_privacy_loss", p.privacyLoss(), "subsets of "
                    + Math.min(p.subsetSize(), p.testSubsetSize()) + " genomes (< " + MIN_AATS_SUBSET
                    + "): nearest neighbours too few to mean anything");
        } else {
            AatsNoise noise = AatsNoise.of(p);
            double pass = Math.max(AATS_LOSS_PASS, noise.halfWidth());
            double warn = Math.max(0.05, 2 * noise.halfWidth());
            String interval = "sampling interval of the loss without memorisation ±" + fmt(noise.halfWidth())
                    + " (1.96 x max(SD of the " + p.aatsLossDraws().length + " subset draws " + fmt(noise.sdDraws())
                    + ", binomial SE " + fmt(noise.seBinomial()) + "))";
            double floor = p.aatsLossFloor();
            if (floor > pass && p.privacyLoss() > pass) {
                // even genomes drawn from the training frequencies alone lose this much (many variants, few people):
                // judged from that floor, as the membership AUC is
                double atFloor = Math.max(warn, floor + noise.halfWidth());
                Verdict v = p.privacyLoss() <= atFloor ? Verdict.WARN : Verdict.FAIL;
                metrics.record(AREA, "AATS privacy loss", "aats_privacy_loss", p.privacyLoss(), v, "pass <= "
                        + fmt(pass) + "; warn <= " + fmt(atFloor) + ": the frequency-only floor " + fmt(floor)
                        + " + its sampling interval, since even the floor exceeds the pass line", lossMeaning + "; "
                        + interval + "; on this cohort genomes drawn from the training frequencies alone lose "
                        + fmt(floor));
            } else {
                metrics.judge(AREA, "AATS privacy loss", "aats_privacy_loss", p.privacyLoss(), Threshold.atMost(pass,
                        warn), lossMeaning + "; " + interval + "; pass <= max(" + AATS_LOSS_PASS + ", its upper bound)");
            }
            if (Double.isFinite(floor)) {
                metrics.record(AREA, "AATS privacy loss of frequency-only genomes", "aats_privacy_loss_frequency_floor",
                        floor, Verdict.INFO, "information", "aats_privacy_loss of genomes drawn site by site from the "
                        + "training genotype counts, measured where aats_privacy_loss is above " + AATS_LOSS_PASS);
            }
            metrics.put(AREA, "aats_privacy_loss_interval", new double[] {-noise.halfWidth(), noise.halfWidth()});
            metrics.put(AREA, "aats_privacy_loss_sd_draws", noise.sdDraws());
            metrics.put(AREA, "aats_privacy_loss_se_binomial", noise.seBinomial());
            metrics.put(AREA, "aats_privacy_loss_draws", p.aatsLossDraws());
        }
        metrics.put(AREA, "aats_subset_size", p.subsetSize());
        metrics.put(AREA, "aats_holdout_subset_size", p.testSubsetSize());
    }

    /** Real pairs in the duplicate / monozygotic-twin range: a warning about the real cohort. */
    private static void duplicates(PrivacyResult p, boolean hasHoldout, HtmlReport.Section sec, Metrics metrics) {
        PrivacyResult.Duplicates d = p.duplicates();
        String what = p.ibs() ? "IBS share >= " + Privacy.DUPLICATE_IBS : "KING-robust kinship >= "
                + Privacy.DUPLICATE_KINSHIP + " and genotype distance <= " + Privacy.NEAR_COPY_DISTANCE;
        String meaning = "pairs of real samples with " + what + " (duplicate samples or monozygotic twins) within the "
                + "training cohort" + (hasHoldout ? ", within the holdout and between them" : "") + "; they make "
                + "DCR, membership and AATS optimistic or pessimistic and the holdout's kinship to train "
                + "uninformative. metrics.json lists up to " + PrivacyResult.Duplicates.LIST + " pairs with the real "
                + "sample IDs (this describes the real cohort, not the synthetic one)";
        metrics.record(AREA, "duplicate or twin samples in the real cohort", "real_duplicate_pairs", d.total(),
                d.total() == 0 ? Verdict.PASS : Verdict.WARN, "pass = 0, otherwise warn", meaning);
        metrics.put(AREA, "real_duplicate_pairs_within_train", d.withinTrain());
        metrics.put(AREA, "real_duplicate_pairs_within_holdout", d.withinHoldout());
        metrics.put(AREA, "real_duplicate_pairs_train_holdout", d.trainHoldout());
        metrics.put(AREA, "real_duplicate_pairs_threshold", d.threshold());
        metrics.put(AREA, "real_duplicate_pairs_samples_checked", java.util.Map.of("train", d.trainChecked(),
                "holdout", d.holdoutChecked()));
        java.util.List<Object> list = new java.util.ArrayList<>();
        java.util.List<String[]> rows = new java.util.ArrayList<>();
        for (PrivacyResult.RelatedPair r : d.closest()) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("cohort_1", r.cohort1());
            m.put("fid_1", r.fid1());
            m.put("iid_1", r.iid1());
            m.put("cohort_2", r.cohort2());
            m.put("fid_2", r.fid2());
            m.put("iid_2", r.iid2());
            m.put(p.ibs() ? "ibs_share" : "kinship", r.value());
            list.add(m);
            rows.add(new String[] {r.cohort1(), r.fid1() + " " + r.iid1(), r.cohort2(), r.fid2() + " " + r.iid2(),
                fmt(r.value())});
        }
        metrics.put(AREA, "real_duplicate_pairs_list", list);
        if (d.total() > 0) {
            sec.subheading("Duplicate or twin samples in the real cohort");
            sec.text(d.total() + " pairs of real samples with " + what + " (within train " + d.withinTrain()
                    + (hasHoldout ? ", within holdout " + d.withinHoldout() + ", train-holdout " + d.trainHoldout()
                            : "") + "; within-cohort pairs checked among at most " + Privacy.WITHIN_CAP
                    + " samples per cohort). The closest " + rows.size() + " are listed with their real IDs: this "
                    + "describes the real cohort. Remove duplicates before training and evaluating.");
            sec.table(new String[] {"cohort", "FID IID", "cohort", "FID IID", p.ibs() ? "IBS share" : "kinship"},
                    rows);
        }
    }

    private static String fmt(double v) {
        return Metrics.format(v);
    }
}
