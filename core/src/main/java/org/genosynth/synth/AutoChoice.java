package org.genosynth.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.genosynth.exec.Backend;
import org.genosynth.exec.ProgressListener;
import org.genosynth.model.GenotypeMatrix;

/**
 * {@code --method auto}: the generator chosen by measurement on the user's data. On an {@link InnerSplit} of the
 * training cohort, candidates are tried in order of the structure they keep, and the first whose mosaics of the inner
 * fitting set are private against the inner holdout is used:
 * <ol>
 * <li>the mosaic with ancestry-local pools at its LD-fitted segment length ({@link LdCalibration});</li>
 * <li>the mosaic with every member of the population a donor ({@code --donor-pool population}), at the longest
 *     length of {@link #POPULATION_GRID} that is private over {@link #REPLICATES}
 *     inner splits, its inner mosaics drawn as the run draws them (haplotypes on phased input, the kinship check,
 *     donors of the genome's own population, the run's ratio of synthetic to training genomes);</li>
 * <li>else the haplotype-cluster HMM, private by construction.</li>
 * </ol>
 * Private: within the DCR-share bound and the whole-genome membership bound; population pools also within
 * {@link #POPULATION_SEGMENT_BOUND} under the shared-segment attack (evaluate's {@code segment_mia_auc_*}, the attack
 * that finds copied segments). Local pools are chosen where every genome has relatives among the donors (the mosaic
 * passes the whole-genome attacks); there the shared-segment attack is measured and reported, not used to decide.
 *
 * <p>Population pools are tried on unrelated cohorts, where a genotype mosaic is identical to its donor over every
 * copied segment and no length both keeps the LD and passes the shared-segment attack (human_1kg_chr20: 0.999 at 0.1
 * cM). So unphased diploid input is phased statistically first (cluster-model draw and Li–Stephens refinement, as
 * {@code --statistical-phasing}, at the setting {@link LiStephensPhasing} affords for the cohort's size), and
 * population pools are measured as haplotype mosaics, as the run then draws them.
 */
final class AutoChoice {
    /** The mosaic is chosen when its measured DCR share is at most this ... */
    static final double DCR_BOUND = 0.55;
    /**
     * ... and its measured membership AUC at most this plus 2 SE: evaluate's fail line. The inner fitting set is half
     * the size of the input, and in a related cohort a smaller set raises the AUC (fewer relatives of each unseen
     * genome among the donors): on the mouse demo the inner AUC was 0.59-0.61 where the run's own was 0.53-0.55.
     */
    static final double MIA_BOUND = 0.6;
    /**
     * Evaluate's pass line, which population pools are held to, counted from the floor: the AUC of genomes drawn site
     * by site from the inner training set's frequencies, a signal every generator that keeps the frequencies shares
     * (0.51 on human_1kg_chr20, 0.55 on its 8-chromosome chimeras, 0.58 on its 210 phased training people). The
     * candidate's AUC plus one SE must be within {@code POPULATION_MIA_BOUND + (floor - 0.5)}. Population pools are
     * tried only where the local mosaic has leaked, so the cohort is not one whose every member has relatives in it.
     */
    static final double POPULATION_MIA_BOUND = 0.55;
    /**
     * Inner splits over which a population-pool candidate's privacy is averaged. One split's AUC has a chance SE of
     * 0.04 on a 352-genome training set; averaged over 4, the 8-chromosome chimeras' inner AUC at 0.5 cM was 0.578
     * where evaluate's, against the real holdout, was 0.581 (one split: 0.546).
     */
    static final int REPLICATES = 4;
    private static final long REPLICATE = 0x1DCA5L;
    /**
     * Mean segment lengths tried for population pools, longest first, cM. The long ones are for cohorts whose genomes
     * already share long segments (recombinant-inbred strains from a few founders: a simulated two-founder panel,
     * {@code bench/ri_panel.py}, kept mean r² 0.65 at 0.1-0.25 cM with 1 cM segments against 0.97 real, 0.95 with
     * 20 cM and 0.96 with 50 cM, at membership AUC 0.61, 0.50 and 0.36); on unrelated people they leak and are
     * screened out on one inner split ({@link #clearlyLeaky}).
     */
    static final double[] POPULATION_GRID = {50, 20, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02};
    /**
     * The shared-segment attack (evaluate's {@code segment_mia_auc_*}, the larger of its two AUCs) is measured on
     * every candidate and compared with evaluate's pass line; population pools' with this plus (the frequency
     * floor's segment AUC - 0.5), as their membership AUC is: an unseen genome's runs end at its rare alleles, which
     * the inner training set's frequencies lack (floor 0.52 on human_1kg_chr20's 352 training people, 0.56 on its
     * 210 phased ones). It does not decide: a genotype mosaic is identical to each donor over every copied segment,
     * and held to this bound every mosaic that keeps the LD fails on the bundled cohorts; on human_1kg_chr20 even
     * haplotype mosaics of 0.02-0.1 cM stay at 0.58 (statistically phased) and 0.61 (phased input) on the inner
     * split, over the bound, where the HMM passes (docs/synth.md, "The shared-segment attack"). Where the chosen
     * candidate is over it, synth says so in a note.
     */
    static final double SEGMENT_BOUND = 0.55;
    /**
     * The shared-segment bound population pools are held to (the larger of the identical and half-identical AUCs of
     * the mean over the inner splits, without a margin), plus (the frequency floor's segment AUC - 0.5): evaluate's
     * warn line. Its pass line is out of reach of every mosaic that keeps the LD on the bundled human cohorts
     * (haplotype mosaics of 0.02-0.1 cM plateau at 0.58 on human_1kg_chr20 after statistical phasing); at the warn
     * line the statistically phased haplotype mosaic is chosen there (0.1 cM: evaluate 0.590 / 0.546 against the
     * real holdout, where the genotype mosaic chosen before had 0.999), and where no length is within it, the HMM.
     */
    static final double POPULATION_SEGMENT_BOUND = 0.6;
    /**
     * Genotypes (training genomes x variants) up to which unphased input is phased statistically for population pools
     * ({@link #phases}): at the Li–Stephens refinement's smallest setting (8 haplotypes, 2 pair rounds, a haploid round
     * of 32: about 320 copying-state visits per genome and site, 2-5 ns each on 2 cores) about half an hour, with the
     * cluster model's draw. Beyond (a biobank), population pools are measured as genotype mosaics, which the
     * shared-segment attack still judges (where it finds them, the HMM), and synth says so in a note.
     */
    static final double MAX_PHASED_GENOTYPES = 1e9;
    /**
     * Evaluate's fail line for {@code pca_ks_distance}: where the chosen population pools' inner mosaics are over it
     * against the inner holdout, their genomes have lost the cohort's ancestry structure (each a blend of donors from
     * every ancestry, near the centre of the PCA), and synth says so in a note ({@link Choice#structureNote}).
     */
    static final double STRUCTURE_KS_NOTE = 0.3;
    /** {@link Choice#poolsMeasuredAs} where the cohort was more than {@link #MAX_PHASED_GENOTYPES}. */
    static final String UNPHASED_BEYOND_PHASING = "genotype mosaics (unphased input, more genotypes than auto phases)";

    /** One measured candidate and the membership AUC it was allowed. */
    record Candidate(String generator, double segmentCm, InnerSplit.Measured privacy, double miaBound,
                     double segmentBound, boolean withMargin, double segmentDecidingBound) {
        /** A candidate the shared-segment attack does not decide on. */
        Candidate(String generator, double segmentCm, InnerSplit.Measured privacy, double miaBound,
                double segmentBound, boolean withMargin) {
            this(generator, segmentCm, privacy, miaBound, segmentBound, withMargin, Double.NaN);
        }

        /**
         * Within the whole-genome bounds (with the margin, the AUC plus its SE: one-sided, about 84 %) and, where
         * {@code segmentDecidingBound} is set, within it under the shared-segment attack.
         */
        boolean isPrivate() {
            return privacy.dcrShareCloser() <= DCR_BOUND
                    && privacy.miaAuc() + (withMargin ? privacy.miaNullSe() : 0) <= miaBound
                    && (Double.isNaN(segmentDecidingBound) || privacy.segmentAuc() <= segmentDecidingBound);
        }

        /** Within its bound under the shared-segment attack, with the same margin. */
        boolean segmentPrivate() {
            return privacy.segmentAuc() + (withMargin ? privacy.miaNullSe() : 0) <= segmentBound;
        }
    }

    /**
     * Evaluate's PCA structure of the chosen population pools' inner mosaics (first inner split): the mean KS distance
     * of their PC1-4 scores to the inner holdout's, the inner holdout's own to the fitting set's (what unseen genomes
     * show), and the ratio of their PC1 score spreads.
     */
    record Structure(double ks, double holdoutKs, double pc1SdRatio) {
        static Structure of(org.genosynth.eval.fidelity.PcaStructure p) {
            return new Structure(p.meanKs(), p.meanHoldoutKs(), p.sdRatio().length == 0 ? Double.NaN : p.sdRatio()[0]);
        }
    }

    /**
     * The choice: the method, the mosaic's donor pools and segment length, and what was measured; {@code bound} is
     * the kinship check's bound given to {@link #choose}, with the identical-run bound where population pools were
     * measured ({@link KinshipCheck#identicalRunBound}: it is measured only then).
     */
    record Choice(SynthRequest.Method method, SynthRequest.DonorPool donorPool, double segmentCm,
                  LdCalibration.Outcome calibration, List<Candidate> measured, InnerSplit.Measured floor,
                  List<long[]> statisticalPhase, String poolsMeasuredAs, KinshipCheck.Bound bound,
                  Structure structure) {

        /** Without a structure measurement (local pools, the HMM). */
        Choice(SynthRequest.Method method, SynthRequest.DonorPool donorPool, double segmentCm,
                LdCalibration.Outcome calibration, List<Candidate> measured, InnerSplit.Measured floor,
                List<long[]> statisticalPhase, String poolsMeasuredAs, KinshipCheck.Bound bound) {
            this(method, donorPool, segmentCm, calibration, measured, floor, statisticalPhase, poolsMeasuredAs, bound,
                    null);
        }

        /**
         * A note for the user where the chosen population pools' inner mosaics have lost the cohort's ancestry
         * structure (their PCA KS distance to the inner holdout over {@link #STRUCTURE_KS_NOTE}; null otherwise):
         * what was measured, and what keeping the structure would cost at this cohort's size (the local-pool
         * candidate's membership AUC on the inner split).
         */
        String structureNote() {
            if (structure == null || !(structure.ks() > STRUCTURE_KS_NOTE)) {
                return null;
            }
            Candidate local = measured.get(0);
            return String.format(java.util.Locale.ROOT, "the chosen population pools draw every genome from donors "
                    + "across the cohort's ancestries: on the inner split their genomes gather at the centre of the "
                    + "PCA (PC score KS distance %.3f to unseen genomes, which measure %.3f; sd ratio on PC1 %.2f), "
                    + "so genosynth evaluate will find the PCA, heterozygosity and kinship spectra narrowed. "
                    + "Ancestry-local donors keep them at a membership cost set by the cohort's size (the local-pool "
                    + "mosaic measured membership AUC %.3f, DCR share %.3f on the inner split): --infer-populations K "
                    + "or --method mosaic (ancestry-local pools) trade privacy for structure (docs/synth.md, "
                    + "\"Structure under the privacy bound\")", structure.ks(), structure.holdoutKs(),
                    structure.pc1SdRatio(), local.privacy().miaAuc(), local.privacy().dcrShareCloser());
        }

        /**
         * A note for the user when the chosen mosaic is over {@link #SEGMENT_BOUND} under the shared-segment attack
         * on the inner split (null otherwise, and for the HMM).
         */
        String segmentNote() {
            if (method != SynthRequest.Method.MOSAIC || measured.isEmpty()) {
                return null;
            }
            Candidate c = measured.get(measured.size() - 1);
            if (c.segmentPrivate() || Double.isNaN(c.privacy().segmentAuc())) {
                return null;
            }
            return String.format(java.util.Locale.ROOT, "the chosen mosaic (%s, %s cM) shares longer runs of "
                    + "identical or half-identical genotypes with its donors than unseen genomes do: membership AUC "
                    + "%.3f under the shared-segment attack on the inner split (pass <= %.3f; genome-wide attacks "
                    + "pass); for output that passes every privacy verdict of genosynth evaluate, use --method hmm "
                    + "(docs/synth.md, \"The shared-segment attack\")", c.generator(),
                    cm(c.segmentCm()),
                    c.privacy().segmentAuc(), c.segmentBound());
        }

        /** A note for the user where unphased input was too large to phase (null otherwise). */
        String phasingNote() {
            return !UNPHASED_BEYOND_PHASING.equals(poolsMeasuredAs) ? null : String.format(java.util.Locale.ROOT,
                    "population pools were measured as genotype mosaics: the cohort holds more genotypes than auto "
                    + "phases (%,.0f), and a genotype mosaic is identical to its donor over every copied segment, "
                    + "which the shared-segment attack finds; phase the cohort (SHAPEIT5, Eagle2, Beagle) and give "
                    + "the phased VCF for haplotype mosaics", MAX_PHASED_GENOTYPES);
        }
    }

    private AutoChoice() {
    }

    /**
     * Chooses for {@code train}. {@code phase}: every variant's phase bits when the input is fully phased (population
     * pools are then measured as haplotype mosaics, as they will be drawn), else null; {@code populationOf}: each
     * training sample's population when they are given or inferred (donors only from a genome's own population, as
     * in the run), else null. The user's {@code --segment-cm}
     * ({@code mosaic.segmentCm()}, NaN: fitted) is the only length tried; {@code coords} is every training sample's
     * {@link LocalPools#coordinates}; {@code bound} the run's kinship check (null: none), applied to the
     * population-pool candidates' inner mosaics as the run will apply it ({@code ibs}: identity by state);
     * {@code mosaicsPerGenome} the run's synthetic genomes per training genome; {@code statisticalPhase} phases
     * unphased diploid input (null: the input is phased, inbred or coded as strains), called only when population
     * pools are tried and the shortest length's genotype mosaic is not clearly leaky by its DCR share, and returning
     * null where the cohort is more than auto phases ({@link #phases}): population pools are then measured as genotype
     * mosaics. The phase is returned with the choice when a population-pool mosaic is chosen from it.
     */
    static Choice choose(GenotypeMatrix train, List<long[]> phase, int[] populationOf, GeneticMap map, double noise,
            SynthRequest.Mosaic mosaic, double[][] coords, KinshipCheck.Bound bound, boolean ibs,
            double mosaicsPerGenome, java.util.function.Supplier<List<long[]>> statisticalPhase, long seed,
            Backend backend, ProgressListener progress) {
        InnerSplit split = new InnerSplit(train, phase, populationOf, map, noise, mosaic.maxSegmentCm(),
                mosaic.minDonors(), coords, mosaicsPerGenome, seed, backend);
        boolean given = !Double.isNaN(mosaic.segmentCm());
        double[] grid = given ? new double[] {mosaic.segmentCm()} : LdCalibration.GRID;
        progress.message("auto: the local-pool mosaic's segment length, fitted and measured on an inner split");
        LdCalibration.Outcome calibration = LdCalibration.fit(split, grid, true, backend);
        List<Candidate> measured = new ArrayList<>();
        Candidate local = new Candidate("mosaic, local pools", calibration.segmentCm(), calibration.privacy(),
                MIA_BOUND + 2 * calibration.privacy().miaNullSe(), SEGMENT_BOUND, false);
        measured.add(local);
        if (local.isPrivate()) {
            return new Choice(SynthRequest.Method.MOSAIC, SynthRequest.DonorPool.LOCAL, local.segmentCm(), calibration,
                    measured, null, null, null, bound);
        }
        // the local mosaic leaked: population pools of haplotypes are also held to the identical-run bound (measured
        // on the inner splits and drawn in the run), which is measured here, where it is used
        if (bound != null && !ibs) {
            bound = bound.withIdenticalRun(KinshipCheck.identicalRunBound(train, seed, backend));
        }
        double[] lengths = given ? new double[] {mosaic.segmentCm()} : POPULATION_GRID;
        // unrelated genomes: population pools as haplotype mosaics, the input phased statistically where it is not,
        // and the shared-segment attack deciding
        boolean segmentDecides = segmentDecides(ibs);
        KinshipCheck.Bound runBound = bound;
        // a mosaic of longer segments copies more of each donor: where even the shortest length's DCR share is clearly
        // over its bound on one inner split (or its kinship check cannot be met), no length is private, and neither
        // the floor below nor the grid is measured (not on inbred or strain coding: there longer founder segments
        // measured more private)
        double shortest = lengths[lengths.length - 1];
        boolean probe = !ibs && lengths.length > 1;
        List<long[]> populationPhase = phase;
        InnerSplit.Measured unphased = null;
        if (segmentDecides && phase == null && statisticalPhase != null) {
            // the phasing takes minutes on genome-wide cohorts: the shortest length is first screened as a genotype
            // mosaic, and where its DCR share is clearly over the bound, the input is not phased (its haplotype
            // mosaic measured no more private on the genome-wide plink2 --dummy cohort: 0.943 against 0.855)
            if (probe) {
                progress.message(String.format(java.util.Locale.ROOT, "auto: population pools, %s cM, as genotype "
                        + "mosaics before phasing, inner split 1 of %d", cm(shortest), REPLICATES));
                unphased = measure(split, inner -> inner.populationMosaics(shortest, runBound, ibs));
                if (!(unphased.dcrShareCloser() <= DCR_BOUND + 0.1)) {
                    return decidedByDcr(measured, shortest, unphased, calibration,
                            "genotype mosaics (unphased input, not phased: the DCR share decided)", bound);
                }
            }
            populationPhase = statisticalPhase.get(); // null: more than it phases
        }
        List<InnerSplit> splits = new ArrayList<>();
        splits.add(populationPhase == phase ? split : new InnerSplit(train, populationPhase, populationOf, map, noise,
                mosaic.maxSegmentCm(), mosaic.minDonors(), null, mosaicsPerGenome, seed, backend));
        InnerSplit firstSplit = splits.get(0);
        Map<Double, InnerSplit.Measured> onFirstSplit = new java.util.HashMap<>();
        if (unphased != null && firstSplit == split) {
            onFirstSplit.put(shortest, unphased); // not phased after all (more than it phases): measured already
        }
        java.util.function.DoubleFunction<InnerSplit.Measured> screen = length -> onFirstSplit.computeIfAbsent(length,
                l -> {
                    progress.message(String.format(java.util.Locale.ROOT, "auto: population pools, %s cM, inner "
                            + "split 1 of %d", cm(l), REPLICATES));
                    return measure(firstSplit, inner -> inner.populationMosaics(l, runBound, ibs));
                });
        List<long[]> statistical = populationPhase == phase ? null : populationPhase;
        String measuredAs = populationPhase != null ? statistical == null ? "haplotype mosaics (phased input)"
                : "haplotype mosaics (input phased statistically)" : statisticalPhase != null && segmentDecides
                ? UNPHASED_BEYOND_PHASING : "genotype mosaics (unphased input)";
        if (probe && !(screen.apply(shortest).dcrShareCloser() <= DCR_BOUND + 0.1)) {
            return decidedByDcr(measured, shortest, screen.apply(shortest), calibration, measuredAs, bound);
        }
        for (int r = 1; r < REPLICATES; r++) {
            splits.add(new InnerSplit(train, populationPhase, populationOf, map, noise, mosaic.maxSegmentCm(),
                    mosaic.minDonors(), null, mosaicsPerGenome, RowBuilder.mix(seed, REPLICATE, r), backend));
        }
        // the membership signal of genomes that keep nothing but the inner training set's allele frequencies: the
        // attack's floor at these sizes, which every generator that keeps the frequencies shares
        InnerSplit.Measured floor = mean(null, splits, InnerSplit::frequencyOnly, "the frequency-only floor",
                progress);
        double populationBound = POPULATION_MIA_BOUND + Math.max(0, floor.miaAuc() - 0.5);
        // the same floor under the shared-segment attack: a member's rare alleles are in the genomes drawn from the
        // frequencies (and in any mosaic), an unseen genome's are not, so its runs end at them
        double floorExcess = Math.max(0, floor.segmentAuc() - 0.5);
        double segmentBound = SEGMENT_BOUND + floorExcess;
        // inbred lines and strains are haplotypes already and share long founder segments with unseen lines: there
        // the attack is reported, not deciding (docs/synth.md, the strain panel)
        double segmentDecidingBound = segmentDecides ? POPULATION_SEGMENT_BOUND + floorExcess : Double.NaN;
        Candidate chosen = null;
        boolean walk = true;
        if (probe && clearlyLeaky(screen.apply(shortest), populationBound, segmentDecidingBound)) {
            measured.add(new Candidate("mosaic, population pools", shortest, screen.apply(shortest), populationBound,
                    segmentBound, true, segmentDecidingBound));
            walk = false;
        }
        for (int i = 0; walk && i < lengths.length; i++) {
            double length = lengths[i];
            InnerSplit.Measured first = screen.apply(length);
            InnerSplit.Measured privacy = clearlyLeaky(first, populationBound, segmentDecidingBound) ? first
                    : mean(first, splits.subList(1, splits.size()),
                            inner -> inner.populationMosaics(length, runBound, ibs),
                            "population pools, " + cm(length) + " cM", progress);
            Candidate c = new Candidate("mosaic, population pools", length, privacy, populationBound, segmentBound,
                    true, segmentDecidingBound);
            measured.add(c);
            if (c.isPrivate()) {
                chosen = c;
                break;
            }
        }
        if (chosen != null) {
            // population pools draw from every ancestry of the population: measured as evaluate measures structure
            progress.message(String.format(java.util.Locale.ROOT, "auto: population pools, %s cM, PCA structure on "
                    + "inner split 1", cm(chosen.segmentCm())));
            double length = chosen.segmentCm();
            GenotypeMatrix mosaics = firstSplit.populationMosaics(length, runBound, ibs);
            Structure structure = mosaics == null ? null : Structure.of(firstSplit.structure(mosaics));
            return new Choice(SynthRequest.Method.MOSAIC, SynthRequest.DonorPool.POPULATION, length, calibration,
                    measured, floor, statistical, measuredAs, bound, structure);
        }
        return new Choice(SynthRequest.Method.HMM, null, Double.NaN, calibration, measured, floor, null, measuredAs,
                bound);
    }

    /**
     * The HMM, where the shortest population-pool length's DCR share alone was clearly over the bound on one inner
     * split ({@code shortest}, measured as {@code measuredAs}): no length is private, and no bound was counted.
     */
    private static Choice decidedByDcr(List<Candidate> measured, double length, InnerSplit.Measured shortest,
            LdCalibration.Outcome calibration, String measuredAs, KinshipCheck.Bound bound) {
        measured.add(new Candidate("mosaic, population pools", length, shortest, Double.NaN, Double.NaN, true,
                Double.NaN));
        return new Choice(SynthRequest.Method.HMM, null, Double.NaN, calibration, measured, null, null, measuredAs,
                bound);
    }

    /**
     * Whether the shared-segment attack decides among population pools: not for inbred or strain coding (their lines
     * share long founder segments with unseen lines); on every diploid cohort otherwise, phased or not, whatever its
     * size (until session 26 not on unphased input of more than 2e7 genotypes, which was not phased, and auto kept
     * genotype mosaics that every training genome could be found in: docs/synth.md, "Unphased input of any size").
     */
    static boolean segmentDecides(boolean ibs) {
        return !ibs;
    }

    /** Whether unphased input of this size is phased statistically: up to {@link #MAX_PHASED_GENOTYPES}. */
    static boolean phases(int samples, int variants) {
        return (double) samples * variants <= MAX_PHASED_GENOTYPES;
    }

    /**
     * Clearly leaky on one inner split (NaN, where the kinship check could not be met, is): its DCR share over
     * {@link #DCR_BOUND} + 0.1, or its membership AUC (or, where it decides, its shared-segment AUC) more than 3 chance
     * SEs over its bound.
     *
     * <p>Every population-pool length is first measured on one inner split, and the other replicates are measured only
     * when that one is not clearly leaky. On unrelated people the segment AUC of every length from 50 to 0.5 cM is far
     * above its bound (`plink2 --dummy` 1,050 genomes x 8,000 variants on 22 chromosomes: 0.78-0.999 against 0.617),
     * and measuring each on 4 splits was most of auto's time. And on diploid genomes the shortest length is screened
     * first: a mosaic of longer segments copies more of each donor, so where even the shortest is clearly leaky every
     * length is, and the HMM is used without walking the grid (on a genome-wide `plink2 --dummy` cohort of 420 x
     * 300,000 the walk, every length leaky, took about 6 of auto's 7 minutes); where its DCR share alone says so,
     * before the frequency floor is measured (4 more inner measurements, the slowest ones on many variants: the
     * shared-segment attack follows short runs word by word). Not on inbred or strain coding, where longer founder
     * segments measured more private (membership AUC 0.61 at 1 cM, 0.36 at 50 cM on a two-founder panel).
     */
    static boolean clearlyLeaky(InnerSplit.Measured first, double miaBound, double segmentDecidingBound) {
        return !(first.dcrShareCloser() <= DCR_BOUND + 0.1 && first.miaAuc() - 3 * first.miaNullSe() <= miaBound)
                || first.segmentAuc() - 3 * first.miaNullSe() > segmentDecidingBound;
    }

    /** The privacy of what {@code draw} makes of {@code split} (all NaN: null, the kinship check not met). */
    private static InnerSplit.Measured measure(InnerSplit split,
            java.util.function.Function<InnerSplit, GenotypeMatrix> draw) {
        GenotypeMatrix genomes = draw.apply(split);
        return genomes == null ? new InnerSplit.Measured(Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                : split.privacy(genomes);
    }

    /**
     * The mean over {@code first} (one split's, already measured; null: none) and {@code splits} of the privacy of
     * what {@code draw} makes of each (all NaN as soon as one is); the chance SE of the mean AUC is taken as one
     * split's over the square root of their number (the splits share people, so it is somewhat larger).
     */
    private static InnerSplit.Measured mean(InnerSplit.Measured first, List<InnerSplit> splits,
            java.util.function.Function<InnerSplit, GenotypeMatrix> draw, String what, ProgressListener progress) {
        List<InnerSplit.Measured> each = new ArrayList<>();
        if (first != null) {
            each.add(first);
        }
        for (InnerSplit split : splits) {
            if (!each.isEmpty() && Double.isNaN(each.get(each.size() - 1).miaAuc())) {
                break;
            }
            progress.message(String.format(java.util.Locale.ROOT, "auto: %s, inner split %d of %d", what,
                    each.size() + 1, (first == null ? 0 : 1) + splits.size()));
            each.add(measure(split, draw));
        }
        double mia = 0;
        double dcr = 0;
        double segment = 0;
        for (InnerSplit.Measured m : each) {
            if (Double.isNaN(m.miaAuc())) {
                return m;
            }
            mia += m.miaAuc();
            dcr += m.dcrShareCloser();
            segment += m.segmentAuc();
        }
        int n = each.size();
        return new InnerSplit.Measured(mia / n, dcr / n, each.get(n - 1).miaNullSe() / Math.sqrt(n), segment / n);
    }

    /** A segment length as the user would write it: 0.02, 2, 50. */
    private static String cm(double length) {
        return java.math.BigDecimal.valueOf(length).stripTrailingZeros().toPlainString();
    }

    /** The manifest's {@code method_choice}. */
    static Map<String, Object> describe(Choice choice) {
        List<Object> rows = new ArrayList<>();
        String beforeFloor = "not measured: the DCR share decided, before the frequency floor";
        for (Candidate c : choice.measured()) {
            rows.add(SynthManifest.ordered("generator", c.generator(), "segment_cm", c.segmentCm(), "mia_auc",
                    c.privacy().miaAuc(), "mia_auc_chance_se", c.privacy().miaNullSe(), "dcr_share_closer",
                    c.privacy().dcrShareCloser(), "mia_auc_bound",
                    Double.isNaN(c.miaBound()) ? beforeFloor : c.miaBound(), "segment_mia_auc",
                    c.privacy().segmentAuc(), "segment_mia_auc_bound",
                    Double.isNaN(c.segmentBound()) ? beforeFloor : c.segmentBound(), "segment_private",
                    c.segmentPrivate(), "segment_mia_auc_deciding_bound", Double.isNaN(c.segmentDecidingBound())
                    ? "not deciding" : c.segmentDecidingBound(), "private", c.isPrivate()));
        }
        String chosen = choice.method() == SynthRequest.Method.HMM ? "hmm"
                : choice.donorPool() == SynthRequest.DonorPool.POPULATION ? "mosaic, population pools"
                : "mosaic, local pools";
        return SynthManifest.ordered("requested", "auto", "rule", "the first private candidate, in order: the mosaic "
                + "with local pools at its LD-fitted length, the mosaic with population pools at the longest length "
                + "that is private, the hmm. Private: its mosaics of an inner 70 % of the input are no closer to it "
                + "than the other 30 % (DCR share <= " + DCR_BOUND + "; membership AUC <= " + MIA_BOUND
                + " + 2 SE of a chance AUC with local pools; <= " + POPULATION_MIA_BOUND
                + " + (the floor - 0.5) with population pools, where the floor is the AUC of genomes drawn site by "
                + "site "
                + "from the inner training set's allele frequencies; both the mean over " + REPLICATES + " inner "
                + "splits, the mosaics put through the run's kinship check). Population pools also within "
                + POPULATION_SEGMENT_BOUND + " + (the floor's segment AUC - 0.5) under the shared-segment attack (the "
                + "larger of its identical and half-identical AUCs; not on inbred or strain coding; unphased input "
                + "phased statistically first, so that they are haplotype mosaics, unless the shortest length drawn "
                + "as a genotype mosaic is clearly leaky by its DCR share); the local pools' shared-segment AUC is "
                + "reported, not deciding "
                + "(segment_private: <= " + SEGMENT_BOUND + ", and with population pools plus 1 SE and (the floor's "
                + "segment AUC - 0.5)). Each population-pool length is measured on one inner split first and on "
                + "the other splits only when not clearly leaky there; on diploid genomes the shortest length "
                + "first: where even it is clearly leaky (longer segments copy more of each donor), so is every "
                + "length, and the grid is not walked (nor the frequency floor measured, where its DCR share alone "
                + "decided)", "population_pools_measured_as", choice.poolsMeasuredAs() == null ? "not tried"
                : choice.poolsMeasuredAs(),
                "candidates", rows, "structure", choice.structure() == null ? "not measured (measured where "
                + "population pools are chosen)" : SynthManifest.ordered("inner_pca_ks_distance",
                choice.structure().ks(), "inner_holdout_pca_ks_distance", choice.structure().holdoutKs(),
                "inner_pc1_sd_ratio", choice.structure().pc1SdRatio(), "note_above", STRUCTURE_KS_NOTE),
                "frequency_floor_mia_auc",
                choice.floor() == null ? "not measured" : choice.floor().miaAuc(), "frequency_floor_segment_mia_auc",
                choice.floor() == null ? "not measured" : choice.floor().segmentAuc(), "chosen", chosen);
    }
}
