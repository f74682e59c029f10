package org.genosynth.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.genosynth.eval.privacy.PrivacySection;
import org.genosynth.exec.Backend;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.exec.ProgressListener;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.GenotypeCsv;
import org.genosynth.io.GenotypeFiles;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.InputException;
import org.genosynth.io.WriteOptions;
import org.genosynth.io.table.PhenotypeReader;
import org.genosynth.io.table.PhenotypeWriter;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.PhenotypeTable;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Sex;
import org.genosynth.model.VariantBlock;

/**
 * {@code genosynth synth}: reads a real cohort, decides populations and counts, draws every synthetic genome's path
 * (mosaic segments, or one real base genome for {@code ldp}), applies the privacy checks, generates the genotypes block
 * by block on the backend and writes them with fresh IDs, then synthetic phenotypes, the population table and a
 * manifest. Every random choice comes from a stream keyed by (seed, purpose, sample, attempt[, chunk]), so the output
 * does not depend on the thread count.
 */
public final class Synthesizer {
    private static final long PATHS = 0x9A7F5L;
    private static final long SEXES = 0x5E8L;
    private static final long X_PATHS = 0x9A7F6L;
    private static final long PHENO = 0x9E10L;
    private static final long ORDER = 0x0DE2L;
    /** Attempts per genome before the kinship check gives up. */
    static final int MAX_ATTEMPTS = 50;

    private Synthesizer() {
    }

    /** Runs a request. */
    public static SynthResult run(SynthRequest req) {
        return run(req, ProgressListener.NONE);
    }

    /** Runs a request, reporting its phases (read, method, populations, model, kinship check, write) to progress. */
    public static SynthResult run(SynthRequest req, ProgressListener progress) {
        try (ExecutionContext context = ExecutionContext.local(req.threads(), progress)) {
            return run(req, context);
        }
    }

    /** Runs a request on {@code context}'s backend, reporting its phases to the context's progress listener. */
    public static SynthResult run(SynthRequest req, ExecutionContext context) {
        ProgressListener progress = context.progress();
        Backend backend = context.backend();
        progress.start("synth", 6);
        progress.message("reading " + req.input().getFileName());
        List<long[]> phase = new ArrayList<>();
        GenotypeMatrix train = org.genosynth.io.GenotypeLoader.load(req.input(), req.read(), null, phase);
        phaseSitesWithoutHeterozygotes(train, phase);
        if (train.sampleCount() < 2) {
            throw InputException.inFile(req.input(), "need at least 2 samples to synthesize from");
        }
        if (train.variantCount() == 0) {
            throw InputException.inFile(req.input(), "holds no variants");
        }
        long requested = (req.perPopulation() != null
                ? req.perPopulation().values().stream().mapToLong(Integer::longValue).sum()
                : req.count() > 0 ? req.count() : train.sampleCount())
                + (req.admixture() == null ? 0 : req.admixture().groups().stream()
                        .mapToLong(SynthRequest.Admixed.Group::count).sum());
        // the synthetic genotypes (2 bits each) and a sample record per genome
        double genotypeBytes = genotypeBytes(req, requested, train.variantCount(), backend.parallelism());
        org.genosynth.util.Memory.require(requested * 256.0 + genotypeBytes, "synth of " + requested
                + " samples x " + train.variantCount() + " variants", "lower --n");
        if (req.method() == SynthRequest.Method.LDP && !req.ldp().adjacentOnly()) {
            LdpBound.check(req.ldp().epsilon(), train.variantCount(), train.sampleCount());
        }
        SynthRequest.Mosaic mosaic = req.mosaic();
        GeneticMap baseMap = GeneticMap.of(train.variants(), mosaic.cmPerMb());
        double noise = Double.isNaN(mosaic.noise()) ? 0 : mosaic.noise();
        SynthRequest.Method method = req.method();
        // populations given by labels or a count do not depend on the method: made (and the counts checked) first
        Populations given = req.populationLabels() != null || req.inferPopulations() > 0
                ? populations(req, SynthRequest.Method.MOSAIC, train) : null;
        if (given != null) {
            counts(req, given);
        }
        // admixed genomes: tracts of named populations, each drawn from its population's haplotype-cluster HMM
        Admixture admixture = null;
        if (req.admixture() != null) {
            if (method == SynthRequest.Method.LDP) {
                throw InputException.usage("--admixed needs a generator of new haplotypes; --method ldp perturbs "
                        + "real genomes and cannot make admixed ones");
            }
            if (given == null) {
                throw InputException.usage("--admixed needs the source populations: give --populations FILE (labels) "
                        + "or --infer-populations K");
            }
            admixture = Admixture.of(req.admixture(), given);
        }
        // the mosaic's ancestry-local donor pools are chosen on the cohort's principal components
        if (req.mosaic().donorPool() == SynthRequest.DonorPool.POPULATION && method != SynthRequest.Method.MOSAIC) {
            throw InputException.usage("--donor-pool population is a mosaic setting: give --method mosaic with it");
        }
        double[][] coords = method == SynthRequest.Method.AUTO || method == SynthRequest.Method.MOSAIC
                && req.mosaic().donorPool() == SynthRequest.DonorPool.LOCAL
                ? LocalPools.coordinates(train, req.seed()) : null;
        org.genosynth.eval.Coding coding = org.genosynth.eval.Coding.of(train);
        // inbred or 0/1 strain coding: KING divides by heterozygote counts near 0; identity by state instead
        if (coding.inbredOrHaploid() && !Double.isNaN(mosaic.maxKinship()) && !mosaic.kinshipFromCohort()
                && method != SynthRequest.Method.LDP) {
            throw InputException.usage("--max-kinship " + mosaic.maxKinship() + ": the input's coding is "
                    + coding.label() + ", where KING-robust kinship is meaningless (it divides by heterozygote "
                    + "counts); use --max-kinship auto (identity by state, bounded by the cohort's own) or none");
        }
        // --statistical-phasing: unphased input phased by the HMM's diploid model, so the mosaic copies haplotypes
        String phasingNote = null;
        boolean phasedStatistically = false;
        boolean contextMethod = method == SynthRequest.Method.CONTEXT;
        if (contextMethod && coding.inbredOrHaploid()) {
            throw InputException.usage("--method context draws diploid genomes from haplotypes; the input's coding is "
                    + coding.label() + ": use --method hmm (it draws inbred genomes) or mosaic");
        }
        boolean inputFullyPhased = !phase.isEmpty() && phase.stream().allMatch(java.util.Objects::nonNull);
        if (mosaic.statisticalPhasing() || contextMethod && !inputFullyPhased) {
            boolean fullyPhased = inputFullyPhased;
            if (coding.inbredOrHaploid()) {
                phasingNote = "--statistical-phasing ignored: the input's coding is " + coding.label()
                        + ", whose genotypes are haplotypes already";
            } else if (fullyPhased) {
                phasingNote = "--statistical-phasing ignored: the input is phased";
            } else {
                progress.message(contextMethod ? "phasing the input statistically (--method context needs haplotypes)"
                        : "phasing the input statistically (--statistical-phasing)");
                List<long[]> drawn = phaseStatistically(train, baseMap, req, backend, progress);
                phase.clear();
                phase.addAll(drawn);
                phasedStatistically = true;
            }
        }
        // the real trait is fitted first: its associated loci are copied whole by the mosaic (SignalLoci)
        PhenotypeFits fits = req.pheno() == null ? null : fitPhenotypes(req, train);
        SignalLoci loci = fits == null || method == SynthRequest.Method.HMM || method == SynthRequest.Method.LDP
                || contextMethod ? SignalLoci.NONE : SignalLoci.of(fits.fits(), baseMap);
        GeneticMap map = loci.apply(baseMap);
        AutoChoice.Choice choice = null;
        KinshipCheck.Bound bound = null;
        LdCalibration.Outcome calibration = null;
        SynthRequest.DonorPool donorPool = mosaic.donorPool();
        progress.phase(1, method == SynthRequest.Method.AUTO ? "measuring the candidates' privacy (--method auto)"
                : "populations");
        if (method == SynthRequest.Method.AUTO) {
            // measured on the user's data: a mosaic where its segments are private, the HMM where none is
            boolean phased = !phase.isEmpty() && phase.stream().allMatch(java.util.Objects::nonNull);
            // the kinship check's bound, which the population-pool candidates are measured with
            bound = Double.isNaN(mosaic.maxKinship()) ? null
                    : KinshipCheck.bound(mosaic, train, coding.inbredOrHaploid(), req.seed(), backend);
            // unrelated genomes (the local mosaic leaks): population pools as haplotype mosaics, phased if need be
            // (at the setting the phasing affords for the cohort's size; null beyond what auto phases)
            java.util.function.Supplier<List<long[]>> statistical = phased || coding.inbredOrHaploid() ? null : () -> {
                if (!AutoChoice.phases(train.sampleCount(), train.variantCount())) {
                    return null;
                }
                progress.message("phasing the input statistically (population pools are drawn as haplotype "
                        + "mosaics)");
                return phaseStatistically(train, baseMap, req, backend, progress);
            };
            choice = AutoChoice.choose(train, phased ? phase : null, given == null ? null : given.ofSample(), map,
                    noise, mosaic, coords, bound, coding.inbredOrHaploid(), (double) requested / train.sampleCount(),
                    statistical, req.seed(), backend, progress);
            calibration = choice.calibration();
            bound = choice.bound(); // with the identical-run bound where population pools were measured
            method = choice.method();
            if (choice.statisticalPhase() != null) {
                phase.clear();
                phase.addAll(choice.statisticalPhase());
                phasedStatistically = true;
            }
            if (choice.donorPool() != null) {
                donorPool = choice.donorPool();
            }
        }
        // the loci are copied whole only by a mosaic: there their SNPs other than the leads follow the leads
        if (method == SynthRequest.Method.MOSAIC && fits != null && !loci.windows().isEmpty()) {
            fits = new PhenotypeFits(fits.notes(), fits.fits().stream().map(f -> f.followingWithin(loci.windows()))
                    .toList());
        }
        Populations pops = given != null ? given : populations(req, method, train);
        int[] counts = counts(req, pops);
        if (admixture != null) {
            // the admixed groups are the populations after the real ones
            int[] all = Arrays.copyOf(counts, counts.length + admixture.counts().length);
            System.arraycopy(admixture.counts(), 0, all, counts.length, admixture.counts().length);
            counts = all;
        }
        List<String> names = new ArrayList<>(pops.names());
        if (admixture != null) {
            names.addAll(admixture.names());
        }
        int[] popOf = new int[Arrays.stream(counts).sum()];
        for (int p = 0, at = 0; p < counts.length; p++) {
            Arrays.fill(popOf, at, at + counts[p], p);
            at += counts[p];
        }
        int n = popOf.length;
        DonorPanel panel = DonorPanel.of(train);
        int[][] members = pops.members();
        // every synthetic genome's sex, before its genome: a male is haploid on X and Y, a female has no Y, and a
        // genotype mosaic copies X and Y from genomes of its sex; every genome is haploid on MT (Ploidy)
        // (inbred lines and strains are homozygous on X as elsewhere: nothing to do, and no sex to read from it)
        Ploidy ploidy = coding.inbredOrHaploid() ? null : Ploidy.of(train);
        Sex[] realSexes = ploidy != null ? ploidy.realSexes()
                : train.samples().samples().stream().map(Sample::sex).toArray(Sex[]::new);
        Sex[] sexes = syntheticSexes(req.seed(), realSexes, pops, names.size(), popOf);
        // haplotype-level mosaics when every variant is phased; the ldp method stays genotype-level
        long phasedVariants = phase.stream().filter(java.util.Objects::nonNull).count();
        boolean phasedInput = !phase.isEmpty() && phasedVariants == phase.size();
        String phaseNote = phasedVariants == 0 || phasedInput ? null : String.format(java.util.Locale.ROOT,
                "the input is phased at %,d of %,d variants only (the others have unphased heterozygous calls, e.g. "
                        + "of a sample without phase): synthesized from genotypes, not haplotypes; phase or leave out "
                        + "the unphased samples for haplotype mosaics", phasedVariants, phase.size());
        boolean haplotypes = method == SynthRequest.Method.MOSAIC && phasedInput;
        DonorPanel haplotypePanel = haplotypes ? DonorPanel.haplotypes(train, phase) : null;
        // the context sampler's training haplotypes
        DonorPanel realHaplotypes = contextMethod ? DonorPanel.haplotypes(train, phase) : null;
        // the HMM's training rows: for the hmm method, and for admixed genomes unless they are haplotype mosaics
        // (the context sampler's panel where there is one: --method context --admixed reads the same haplotypes)
        DonorPanel hmmPanel = method == SynthRequest.Method.HMM || admixture != null && !haplotypes
                ? phasedInput ? realHaplotypes != null ? realHaplotypes : DonorPanel.haplotypes(train, phase) : panel
                : null;
        phase = null;
        SiteFrequencies freq = SiteFrequencies.of(train, members);
        Map<String, Object> manifest = new LinkedHashMap<>();
        if (phaseNote != null && method == SynthRequest.Method.MOSAIC) {
            addNotes(manifest, List.of(phaseNote));
        }
        if (phasingNote != null) {
            addNotes(manifest, List.of(phasingNote));
        }
        if (choice != null && choice.phasingNote() != null) {
            addNotes(manifest, List.of(choice.phasingNote()));
        }
        if (choice != null && choice.segmentNote() != null) {
            addNotes(manifest, List.of(choice.segmentNote()));
        }
        if (choice != null && choice.structureNote() != null) {
            addNotes(manifest, List.of(choice.structureNote()));
        }
        manifest.put("tool", "genosynth synth");
        manifest.put("version", version());
        manifest.put("method", method.name().toLowerCase(java.util.Locale.ROOT));
        if (choice != null) {
            manifest.put("method_choice", AutoChoice.describe(choice));
        }
        manifest.put("seed", req.seed());
        manifest.put("inputs", SynthManifest.checksums(req));

        double segmentCm = Double.NaN;
        progress.phase(2, method == SynthRequest.Method.HMM ? "fitting the haplotype-cluster HMM"
                : method == SynthRequest.Method.MOSAIC ? "fitting mosaic segments"
                : contextMethod ? "drawing haplotypes from their contexts" : "planning");
        Plan plan;
        ClusterModel clusterModel = null;
        // an inbred cohort (almost no heterozygotes) gets inbred synthetic genomes from the HMM: one haplotype, twice;
        // strains coded 0/1 get one haplotype, coded 0/1 (the HMM is fitted on them as 0/2: inbred)
        RowBuilder.SecondHaplotype second = RowBuilder.SecondHaplotype.of(coding.label());
        if (hmmPanel != null && !phasedInput && second == RowBuilder.SecondHaplotype.EMPTY) {
            hmmPanel = hmmPanel.alleleOneAsHomozygous();
        }
        if (method == SynthRequest.Method.HMM) {
            ClusterFit.Outcome fit = fitClusters(req, hmmPanel, !phasedInput, pops, baseMap, train.variants(),
                    backend);
            ClusterModel model = fit.model();
            // every genome's two cluster paths are drawn before the genotypes: a start and a cluster (two ints) per
            // jump, in lists that grow by doubling, besides the synthetic genotypes themselves
            org.genosynth.util.Memory.require(n * 256.0 + genotypeBytes
                    + n * 2 * (model.expectedJumps() + model.clusters()) * 8 * 1.5, "drawing the HMM's cluster paths ("
                    + String.format(java.util.Locale.ROOT, "%,.0f", model.expectedJumps()) + " jumps per haplotype) for "
                    + n + " genomes", "lower --n, or use --method mosaic");
            clusterModel = model;
            PathSource drawn = (s, a) -> model.drawPair(popOf[s],
                    new SplittableRandom(RowBuilder.mix(req.seed(), PATHS, s, a)));
            plan = new Plan(drawn, SiteNoise.NONE);
            manifest.put("hmm", SynthManifest.hmm(fit, req.hmm()));
            hmmPanel = null;
            if (req.hmm().families() && !coding.inbredOrHaploid()) {
                // the cohort's close relatives, made among synthetic genomes (a redrawn member is unrelated)
                Families.Spectrum spectrum = Families.measure(train, req.seed(), backend);
                Families.Plan families = Families.plan(spectrum, admixture == null ? popOf
                        : Families.without(popOf, admixture.firstGroup()), baseMap, (key, pop) -> model.drawPair(pop,
                        new SplittableRandom(RowBuilder.mix(req.seed(), PATHS, key, 0))), req.seed());
                GenomePath[] familyPaths = families.members();
                plan = new Plan((s, a) -> a == 0 && s < familyPaths.length && familyPaths[s] != null ? familyPaths[s]
                        : drawn.draw(s, a), SiteNoise.NONE);
                manifest.put("families", SynthManifest.families(spectrum, families));
            }
        } else if (method == SynthRequest.Method.MOSAIC) {
            segmentCm = mosaic.segmentCm();
            if (choice != null) {
                segmentCm = choice.segmentCm();
                manifest.put("segment_fit", SynthManifest.describe(calibration));
            } else if (Double.isNaN(segmentCm)) {
                LdCalibration.Outcome fit = LdCalibration.fit(train, given == null ? null : given.ofSample(), map,
                        noise, mosaic.maxSegmentCm(),
                        mosaic.minDonors(), LdCalibration.GRID, false, coords, req.seed(), backend);
                segmentCm = fit.segmentCm();
                manifest.put("segment_fit", SynthManifest.describe(fit));
            }
            SiteNoise resample = new SiteNoise.Resample(noise, freq);
            if (donorPool == SynthRequest.DonorPool.POPULATION) {
                // every member of the population, in successive shuffles; switches where drawn
                PathSampler sampler = new PathSampler(map, segmentCm, mosaic.maxSegmentCm(), mosaic.minDonors(), null,
                        true);
                int[][] pools = haplotypes ? haplotypePools(members) : members;
                plan = new Plan(haplotypes
                        ? (s, a) -> sampler.drawPair(pools[popOf[s]],
                                new SplittableRandom(RowBuilder.mix(req.seed(), PATHS, s, a)))
                        : sameSexX((s, a, pool, stream) -> sampler.draw(pool,
                                new SplittableRandom(RowBuilder.mix(req.seed(), stream, s, a))),
                                (s, a) -> pools[popOf[s]], ploidy, sexes, members, popOf), resample);
                manifest.put("mosaic", SynthManifest.mosaic(mosaic, donorPool, segmentCm, noise, map, haplotypes,
                        phasedStatistically, req));
                manifest.put("donor_pools", SynthManifest.populationPools(members));
            } else {
                PathSampler sampler = new PathSampler(map, segmentCm, mosaic.maxSegmentCm(), mosaic.minDonors(),
                        haplotypes ? haplotypePanel : panel);
                LocalPools local = LocalPools.of(coords, members, req.seed());
                if (haplotypes) {
                    plan = new Plan((s, a) -> sampler.drawPair(local.haplotypePool(s, a, popOf[s]),
                            new SplittableRandom(RowBuilder.mix(req.seed(), PATHS, s, a))), resample);
                } else {
                    plan = new Plan(sameSexX((s, a, pool, stream) -> sampler.draw(pool,
                            new SplittableRandom(RowBuilder.mix(req.seed(), stream, s, a))),
                            (s, a) -> local.pool(s, a, popOf[s]), ploidy, sexes, members, popOf),
                            resample);
                }
                manifest.put("mosaic", SynthManifest.mosaic(mosaic, donorPool, segmentCm, noise, map, haplotypes,
                        phasedStatistically, req));
                manifest.put("donor_pools", SynthManifest.pools(local));
            }
        } else if (contextMethod) {
            // admixed genomes (the last slots, after the real populations') are drawn from their tracts below
            int[] realPopOf = admixture == null ? popOf : Arrays.copyOf(popOf, n - Arrays.stream(admixture.counts())
                    .sum());
            ContextPlan contextPlan = ContextPlan.of(realHaplotypes, haplotypePools(members), realPopOf,
                    members.length, baseMap, req.seed(), backend);
            plan = new Plan(contextPlan::path, SiteNoise.NONE);
            haplotypePanel = contextPlan.drawn();
            manifest.put("context", SynthManifest.ordered("model", "haplotype-context sampler: each allele drawn from "
                    + "the training haplotypes of the genome's population that match the synthetic haplotype over its "
                    + "longest recent context shared by at least " + ContextSampler.SUPPORT + " of them",
                    "support", ContextSampler.SUPPORT, "input", phasedStatistically ? "phased statistically (cluster "
                    + "model draw, Li-Stephens refinement)" : "phased", "spare_pairs_per_population",
                    contextPlan.extraPairs(), "copied_from_real_genomes", "nothing: every allele is drawn from the shares "
                    + "of at least " + ContextSampler.SUPPORT + " training haplotypes"));
        } else {
            plan = ldpPlan(req, baseMap, members, counts, popOf);
            manifest.put("ldp", SynthManifest.ldp(req.ldp()));
        }
        ClusterModel model = clusterModel;
        // admixed genomes: haplotype mosaics of their sources' real haplotypes where the others are (phased input,
        // mosaic), else drawn from the HMM
        boolean admixedMosaics = admixture != null && method == SynthRequest.Method.MOSAIC && haplotypes;
        if (admixedMosaics) {
            PathSampler sampler = new PathSampler(map, segmentCm, mosaic.maxSegmentCm(), mosaic.minDonors(), null,
                    true);
            int[][] pools = haplotypePools(members);
            Admixture mixing = admixture;
            plan = admixed(plan, admixture.firstGroup(), popOf, (group, random) -> mixing.drawMosaicPair(sampler,
                    pools, baseMap, group, random), req.seed());
        } else if (admixture != null) {
            if (model == null) {
                progress.message("fitting the haplotype-cluster HMM for the admixed genomes");
                ClusterFit.Outcome fit = fitClusters(req, hmmPanel, !phasedInput, pops, baseMap, train.variants(),
                        backend);
                model = fit.model();
                manifest.put("admixture_hmm", SynthManifest.hmm(fit, req.hmm()));
            }
            ClusterModel drawn = model;
            Admixture mixing = admixture;
            plan = admixed(plan, admixture.firstGroup(), popOf, (group, random) -> mixing.drawPair(drawn, baseMap,
                    group, random), req.seed());
        }
        hmmPanel = null;
        RowBuilder builder = new RowBuilder(panel, haplotypePanel, model, plan.noise(), req.seed(),
                model != null ? second : RowBuilder.SecondHaplotype.DRAWN, method == SynthRequest.Method.HMM,
                admixture == null ? Integer.MAX_VALUE : admixture.firstGroup());
        if (model != null || contextMethod) {
            // the model and the context sampler emit an allele everywhere: their genomes get the training cohort's
            // missing-call rates
            MissingCalls calls = MissingCalls.of(train, req.seed());
            if (calls != null) {
                builder.withMissingCalls(calls.forGenomes(n), contextMethod);
                manifest.put("missing_calls", SynthManifest.missingCalls(calls));
            }
            // two haplotypes drawn independently are in Hardy-Weinberg proportions; the cohort may not be
            double f = Inbreeding.coefficient(train, pops.ofSample(), pops.count());
            Inbreeding ibd = Inbreeding.of(f, req.seed());
            if (ibd != null) {
                builder.withInbreeding(ibd, contextMethod);
            }
            manifest.put("inbreeding", SynthManifest.inbreeding(f, ibd));
        }
        if (ploidy != null) {
            builder.withPloidy(ploidy.maleHaploidLowBits(), ploidy.allHaploidLowBits(), ploidy.yLowBits(), sexes);
            manifest.putAll(ploidy.describe(method == SynthRequest.Method.MOSAIC && !haplotypes));
        }
        GenomePath[] paths = new GenomePath[n];
        int[] attempts = new int[n];
        for (int s = 0; s < n; s++) {
            paths[s] = plan.paths().draw(s, 0);
        }
        int rejected = 0;
        double maxKinship = Double.NaN;
        boolean check = method != SynthRequest.Method.LDP && !Double.isNaN(mosaic.maxKinship());
        progress.phase(3, check ? "kinship check against every real genome" : "drawing genomes");
        if (check) {
            boolean ibs = coding.inbredOrHaploid();
            KinshipCheck.Bound b = bound != null ? bound : KinshipCheck.bound(mosaic, train, ibs, req.seed(), backend);
            double threshold = b.threshold();
            double cohort = b.cohort();
            // auto's population pools of haplotypes: the identical-run check too (KinshipCheck.identicalRunBound)
            KinshipCheck.RunCheck runCheck = choice != null && b.identicalRun() > 0 && haplotypes
                    && donorPool == SynthRequest.DonorPool.POPULATION
                    ? new KinshipCheck.RunCheck(train.variants(), b.identicalRun()) : null;
            KinshipCheck.Outcome k = KinshipCheck.run(builder, plan.paths(), paths, attempts, popOf, threshold, ibs,
                    train.variants(), runCheck, backend);
            rejected = k.rejected();
            maxKinship = k.maxKinship();
            manifest.put("kinship_check", ibs
                    ? SynthManifest.ordered("measure", "identity-by-state share (" + coding.label() + " coding)",
                            "threshold", Double.isInfinite(threshold) ? "exact copies only" : threshold, "rule", "the cohort's typical nearest-relative IBS share (exact "
                            + "copies only when not measured)", "cohort_nearest_relative_median", cohort, "rejected",
                            rejected, "max_ibs_to_real", maxKinship)
                    : mosaic.kinshipFromCohort()
                    ? SynthManifest.ordered("threshold", threshold, "rule", "max(" + mosaic.maxKinship()
                            + ", the cohort's typical nearest-relative kinship); " + PrivacySection.SECOND_DEGREE
                            + " (second degree) where every unseen member's closest relative is below it",
                            "cohort_nearest_relative_median", cohort, "second_degree_bound", b.unrelated(),
                            "rejected", rejected, "max_kinship_to_real", maxKinship)
                    : SynthManifest.ordered("threshold", threshold, "rejected", rejected, "max_kinship_to_real",
                            maxKinship));
            if (runCheck != null) {
                manifest.put("identical_run_check", SynthManifest.ordered("bound_variants", runCheck.bound(), "rule",
                        "no synthetic genome shares a longer run of identical genotypes with a real genome than the "
                        + "median training genome shares with its closest match among the others", "rejected",
                        k.runRejected(), "kept_over_the_bound", k.runUnmet()));
            }
        }
        SampleSheet sheet = syntheticSamples(names, popOf, sexes);
        if (method == SynthRequest.Method.LDP && req.ldp().ancestryFilter() && pops.pca() != null) {
            int redrawn = AncestryFilter.run(builder, train.variants(), sheet, plan.paths(), paths, attempts, popOf,
                    pops, backend);
            rejected += redrawn;
            manifest.put("ancestry_filter", SynthManifest.ordered("redrawn", redrawn, "rounds", AncestryFilter.ROUNDS));
        }
        BlockGenerator generator = new BlockGenerator(builder, train.variants(), paths, attempts, popOf);
        if (method == SynthRequest.Method.MOSAIC && fits != null) {
            manifest.put("signal_loci", SynthManifest.signalLoci(loci, baseMap));
        }
        List<Path> outputs = new ArrayList<>();
        progress.phase(4, "writing " + n + " genomes");
        GenotypeMatrix synth = write(req, generator, sheet, fits != null, outputs, backend);
        progress.phase(5, fits == null ? "manifest" : "synthetic phenotypes");
        if (fits != null) {
            outputs.add(phenotypes(req, fits, synth, manifest));
        }
        outputs.add(SynthManifest.writePopulations(Path.of(req.outPrefix() + ".populations.tsv"), sheet));
        if (admixture != null) {
            Path truth = Path.of(req.outPrefix() + ".ancestry.tsv");
            int k = model == null ? 0 : model.clusters();
            int[] realPop = pops.ofSample();
            manifest.put("admixture", admixedMosaics
                    ? admixture.writeTruth(truth, sheet, paths, popOf, row -> realPop[row >>> 1], "a haplotype "
                            + "mosaic of the source population's real haplotypes (segments of mean " + segmentCm
                            + " cM, as the other genomes')", baseMap, train.variants(), false)
                    : admixture.writeTruth(truth, sheet, paths, popOf, state -> state / k, "drawn from the source "
                            + "population's haplotype-cluster HMM (nothing copied)", baseMap, train.variants(),
                            coding.inbredOrHaploid()));
            outputs.add(truth);
        }
        Map<String, Integer> countMap = new LinkedHashMap<>();
        for (int p = 0; p < counts.length; p++) {
            countMap.put(names.get(p), counts[p]);
        }
        manifest.put("samples", n);
        manifest.put("variants", train.variantCount());
        manifest.put("per_population", countMap);
        Map<String, Integer> realSizes = new LinkedHashMap<>();
        for (int p = 0; p < pops.count(); p++) {
            realSizes.put(pops.names().get(p), pops.sizes()[p]);
        }
        manifest.put("real_population_sizes", realSizes);
        manifest.put("populations", pops.pca() != null ? "inferred: PCA + k-means, k = " + pops.count()
                + (req.inferPopulations() > 0 ? "" : " (significant PCs by Tracy-Widom, 1 %, + 1)")
                : req.populationLabels() != null ? "labels: " + req.populationLabels() : "one population");
        manifest.put("sample_ids", "fresh: SYN000001.. (FID = IID); no real ID is written");
        manifest.put("outputs", outputs.stream().map(Path::toString).toList());
        outputs.add(SynthManifest.write(Path.of(req.outPrefix() + ".manifest.json"), manifest));
        progress.phase(6, "done");
        return new SynthResult(n, train.variantCount(), countMap, segmentCm, rejected, maxKinship, outputs, manifest);
    }

    /** Fits the haplotype-cluster model on the training rows (haplotypes when phased, else genotypes). */
    private static ClusterFit.Outcome fitClusters(SynthRequest req, DonorPanel rows, boolean diploid, Populations pops,
            GeneticMap map, List<org.genosynth.model.Variant> variants, Backend backend) {
        int[] ofSample = pops.ofSample();
        int[] unitPop = diploid ? ofSample.clone() : new int[2 * ofSample.length];
        if (!diploid) {
            for (int s = 0; s < ofSample.length; s++) {
                unitPop[2 * s] = ofSample[s];
                unitPop[2 * s + 1] = ofSample[s];
            }
        }
        ClusterFit.Settings settings = new ClusterFit.Settings(req.hmm().clustersOrDefault(), req.hmm().iterations());
        boolean[] free = new boolean[rows.variantCount()];
        for (int v = 0; v < free.length; v++) {
            free[v] = !variants.get(v).hasPosition();
        }
        return ClusterFit.fit(rows, diploid, unitPop, pops.count(), map, free, settings, req.seed(), backend);
    }

    /**
     * Bytes of synthetic genotypes held at once: all of them for CSV output (written sample by sample) and for the
     * phenotype model (which analyses them); otherwise the blocks of {@link RowBuilder#CHUNK_VARIANTS} variants in
     * flight between the backend's workers and the writer (two per worker and the one being written), so
     * 1,000,000 x 100,000 streams to disk in about a gigabyte.
     */
    static double genotypeBytes(SynthRequest req, long samples, int variants, int workers) {
        boolean whole = req.csv() || req.pheno() != null;
        return samples / 4.0 * (whole ? variants : Math.min(variants, (2.0 * workers + 1) * RowBuilder.CHUNK_VARIANTS));
    }

    /** The haplotype rows ({@code 2 sample + h}) of each population's members. */
    static int[][] haplotypePools(int[][] members) {
        int[][] out = new int[members.length][];
        for (int p = 0; p < members.length; p++) {
            out[p] = new int[2 * members[p].length];
            for (int i = 0; i < members[p].length; i++) {
                out[p][2 * i] = 2 * members[p][i];
                out[p][2 * i + 1] = 2 * members[p][i] + 1;
            }
        }
        return out;
    }

    /** How genomes are drawn: a path per (sample, attempt), and the noise. */
    record Plan(PathSource paths, SiteNoise noise) {
    }

    /** The path of a synthetic sample at an attempt. */
    @FunctionalInterface
    interface PathSource {
        GenomePath draw(int sample, int attempt);
    }

    /** An admixed genome's two haplotypes, from its group and its seeded stream. */
    @FunctionalInterface
    private interface AdmixedSource {
        GenomePath draw(int group, SplittableRandom random);
    }

    /** {@code plan} with the admixed groups' genomes ({@code popOf >= first}) drawn by {@code admixed}. */
    private static Plan admixed(Plan plan, int first, int[] popOf, AdmixedSource admixed, long seed) {
        PathSource others = plan.paths();
        return new Plan((s, a) -> popOf[s] >= first ? admixed.draw(popOf[s] - first, Admixture.random(seed, s, a))
                : others.draw(s, a), plan.noise());
    }

    private static Plan ldpPlan(SynthRequest req, GeneticMap map, int[][] members, int[] counts, int[] popOf) {
        SynthRequest.Ldp ldp = req.ldp();
        SiteNoise noise = ldp.adjacentOnly() ? new SiteNoise.AdjacentFlip(ldp.flipRate())
                : new SiteNoise.RandomizedResponse(ldp.epsilon());
        // each real genome is the base of at most one synthetic genome; beyond the group's size, bases are mosaics
        int[] base = new int[popOf.length];
        int[] firstOf = new int[counts.length];
        for (int p = 1; p < counts.length; p++) {
            firstOf[p] = firstOf[p - 1] + counts[p - 1];
        }
        for (int p = 0; p < counts.length; p++) {
            int[] perm = Shuffle.inPlace(members[p].clone(), new SplittableRandom(RowBuilder.mix(req.seed(), ORDER, p)));
            for (int i = 0; i < counts[p]; i++) {
                base[firstOf[p] + i] = i < perm.length ? perm[i] : -1;
            }
        }
        double length = Double.isNaN(req.mosaic().segmentCm()) ? 20 : req.mosaic().segmentCm();
        PathSampler sampler = new PathSampler(map, length, req.mosaic().maxSegmentCm(), req.mosaic().minDonors());
        return new Plan((s, a) -> base[s] >= 0 ? new GenomePath(new int[] {0}, new int[] {base[s]})
                : sampler.draw(members[popOf[s]], new SplittableRandom(RowBuilder.mix(req.seed(), PATHS, s, a))),
                noise);
    }

    private static Populations populations(SynthRequest req, SynthRequest.Method method, GenotypeMatrix train) {
        if (req.populationLabels() != null) {
            return Populations.fromLabels(req.populationLabels(), train.samples().samples());
        }
        if (req.inferPopulations() > 0) {
            return Populations.infer(train, req.inferPopulations(), req.seed());
        }
        if (method == SynthRequest.Method.HMM) {
            // the model's jump targets are per population: structure is kept only where populations are known
            return Populations.inferAuto(train, req.seed());
        }
        return Populations.single(train.sampleCount());
    }

    /** Requested counts per population, or {@code count} split in proportion to the real sizes (largest remainder). */
    static int[] counts(SynthRequest req, Populations pops) {
        int k = pops.count();
        int[] out = new int[k];
        if (req.perPopulation() != null) {
            for (Map.Entry<String, Integer> e : req.perPopulation().entrySet()) {
                int p = pops.names().indexOf(e.getKey());
                if (p < 0) {
                    throw InputException.usage("--per-population: no population '" + e.getKey() + "' (populations: "
                            + String.join(", ", pops.names()) + ")");
                }
                if (e.getValue() < 0) {
                    throw InputException.usage("--per-population: negative count for '" + e.getKey() + "'");
                }
                out[p] = e.getValue();
            }
            if (Arrays.stream(out).sum() == 0) {
                throw InputException.usage("--per-population asks for no samples");
            }
            return out;
        }
        int[] sizes = pops.sizes();
        int total = Arrays.stream(sizes).sum();
        int wanted = req.count() == 0 ? total : req.count();
        double[] rem = new double[k];
        int given = 0;
        for (int p = 0; p < k; p++) {
            double exact = (double) wanted * sizes[p] / total;
            out[p] = (int) Math.floor(exact);
            rem[p] = exact - out[p];
            given += out[p];
        }
        Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> rem[b] != rem[a] ? Double.compare(rem[b], rem[a]) : a - b);
        for (int i = 0; given < wanted; i++, given++) {
            out[order[i % k]]++;
        }
        return out;
    }

    /**
     * Every variant's phase bits of {@code train}'s genomes, drawn from the haplotype-cluster model's diploid fit and
     * refined by Li–Stephens copying ({@link LiStephensPhasing}); variants without a position are phased freely.
     */
    private static List<long[]> phaseStatistically(GenotypeMatrix train, GeneticMap baseMap, SynthRequest req,
            Backend backend, ProgressListener progress) {
        boolean[] free = new boolean[train.variantCount()];
        for (int v = 0; v < free.length; v++) {
            free[v] = !train.variants().get(v).hasPosition();
        }
        DonorPanel genotypes = DonorPanel.of(train);
        List<long[]> drawn = ClusterFit.phaseAll(genotypes, baseMap, free, ClusterFit.DIPLOID_CLUSTERS,
                req.hmm().iterations(), req.seed(), backend);
        LiStephensPhasing.Refined refined = LiStephensPhasing.refine(genotypes, baseMap, drawn, backend);
        progress.message(String.format(java.util.Locale.ROOT, "phase refined by Li-Stephens copying: %d rounds of "
                + "haplotype pairs from %d haplotypes, %d haploid rounds from %d, %,.0f sites per genome and round",
                refined.rounds(), refined.conditioning(), refined.haploidRounds(), refined.haploidConditioning(),
                refined.visitedPerGenome()));
        return refined.phase();
    }

    /** Each synthetic genome's sex, drawn with its population's proportions of {@code real} (the real sexes). */
    static Sex[] syntheticSexes(long seed, Sex[] real, Populations pops, int groups, int[] popOf) {
        // an admixed group (after the real populations) takes the whole cohort's sex ratio
        int[][] sexCounts = new int[groups][3];
        for (int s = 0; s < real.length; s++) {
            sexCounts[pops.ofSample()[s]][real[s].ordinal()]++;
            for (int p = pops.count(); p < groups; p++) {
                sexCounts[p][real[s].ordinal()]++;
            }
        }
        Sex[] values = Sex.values();
        Sex[] out = new Sex[popOf.length];
        for (int s = 0; s < popOf.length; s++) {
            int[] c = sexCounts[popOf[s]];
            int total = c[0] + c[1] + c[2];
            int u = new SplittableRandom(RowBuilder.mix(seed, SEXES, s)).nextInt(total);
            out[s] = values[u < c[0] ? 0 : u < c[0] + c[1] ? 1 : 2];
        }
        return out;
    }

    /** Fresh IDs, the population label and the sex. */
    private static SampleSheet syntheticSamples(List<String> names, int[] popOf, Sex[] sexes) {
        List<Sample> out = new ArrayList<>(popOf.length);
        for (int s = 0; s < popOf.length; s++) {
            String id = String.format("SYN%06d", s + 1);
            out.add(new Sample(id, id, Sample.UNKNOWN_ID, Sample.UNKNOWN_ID, sexes[s], names.get(popOf[s])));
        }
        return SampleSheet.of(out);
    }

    /** A genotype path drawn over a pool of donors, from the random stream {@code stream} of the sample's attempt. */
    @FunctionalInterface
    interface PoolDraw {
        GenomePath draw(int sample, int attempt, int[] pool, long stream);
    }

    /** The pool a genome's path is drawn over. */
    @FunctionalInterface
    interface PoolOf {
        int[] pool(int sample, int attempt);
    }

    /**
     * Genotype-mosaic paths whose X and Y segments come from donors of the genome's sex ({@link Ploidy}): the pool's
     * members of that sex, else its population's, else (none there) the pool as it is, which the row builder then
     * makes haploid for a male. The genome's path is drawn from stream {@code PATHS} (as without X), its X's and Y's
     * from another.
     */
    static PathSource sameSexX(PoolDraw draw, PoolOf poolOf, Ploidy x, Sex[] sexes, int[][] members,
            int[] popOf) {
        if (x == null || !x.hasSexLinked()) {
            return (s, a) -> draw.draw(s, a, poolOf.pool(s, a), PATHS);
        }
        Sex[] real = x.realSexes();
        return (s, a) -> {
            int[] pool = poolOf.pool(s, a);
            GenomePath path = draw.draw(s, a, pool, PATHS);
            if (sexes[s] == Sex.UNKNOWN) {
                return path;
            }
            int[] same = ofSex(pool, sexes[s], real);
            if (same.length < 2 && popOf[s] < members.length) {
                same = ofSex(members[popOf[s]], sexes[s], real);
            }
            if (same.length == 0) {
                return path;
            }
            return x.withSexLinked(path, draw.draw(s, a, same, X_PATHS));
        };
    }

    private static int[] ofSex(int[] pool, Sex sex, Sex[] real) {
        return Arrays.stream(pool).filter(d -> real[d] == sex).toArray();
    }

    /** Sample sheet of {@code n} placeholder samples, for in-memory use. */
    static SampleSheet anonymous(int n) {
        List<Sample> out = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            out.add(Sample.of("s" + s));
        }
        return SampleSheet.of(out);
    }

    /** Generates every block on the backend and keeps them in memory. */
    static GenotypeMatrix generateInMemory(BlockGenerator generator, SampleSheet sheet, int threads) {
        try (ExecutionContext context = ExecutionContext.local(threads)) {
            return generateInMemory(generator, sheet, context.backend());
        }
    }

    /** Generates every block on {@code backend} and keeps them in memory. */
    static GenotypeMatrix generateInMemory(BlockGenerator generator, SampleSheet sheet, Backend backend) {
        int wpv = GenotypeCodes.wordsPerVariant(generator.sampleCount());
        long[] words = new long[Math.multiplyExact(generator.variants().size(), wpv)];
        backend.mapOrdered(IntStream.range(0, generator.blockCount()).iterator(), generator,
                b -> System.arraycopy(b.genotypeWords(), 0, words, (int) b.firstIndex() * wpv,
                        b.genotypeWords().length));
        return new GenotypeMatrix(sheet, generator.variants(), words, null);
    }

    private static GenotypeMatrix write(SynthRequest req, BlockGenerator generator, SampleSheet sheet, boolean keep,
            List<Path> outputs, Backend backend) {
        if (req.csv()) {
            GenotypeMatrix all = generateInMemory(generator, sheet, backend);
            try (AtomicOutput atomic = new AtomicOutput()) {
                outputs.addAll(GenotypeCsv.write(all, req.outPrefix(), atomic));
                atomic.commit();
            }
            return keep ? all : null;
        }
        int wpv = GenotypeCodes.wordsPerVariant(generator.sampleCount());
        long[] words = keep ? new long[Math.multiplyExact(generator.variants().size(), wpv)] : null;
        Path out = SynthManifest.outputPath(req.outPrefix(), req.format());
        try (GenotypeWriter writer = GenotypeFiles.create(out, req.format(), sheet, WriteOptions.defaults())) {
            backend.mapOrdered(IntStream.range(0, generator.blockCount()).iterator(), generator,
                    (VariantBlock b) -> {
                        writer.write(b);
                        if (words != null) {
                            System.arraycopy(b.genotypeWords(), 0, words, (int) b.firstIndex() * wpv,
                                    b.genotypeWords().length);
                        }
                    });
            outputs.addAll(writer.commit());
        }
        return keep ? new GenotypeMatrix(sheet, generator.variants(), words, null) : null;
    }

    /**
     * A site without a heterozygote has no phase to lose: where some site of the input is phased, such sites (written
     * {@code 0/0} and {@code 1/1}, e.g. the monomorphic sites of a subset of a phased panel) are phased too. An input
     * with no phased site at all (an all-'/' file of inbred lines) is left unphased.
     */
    static void phaseSitesWithoutHeterozygotes(GenotypeMatrix train, List<long[]> phase) {
        if (phase.size() != train.variantCount() || phase.stream().allMatch(java.util.Objects::isNull)) {
            return;
        }
        int n = train.sampleCount();
        for (int v = 0; v < phase.size(); v++) {
            if (phase.get(v) != null) {
                continue;
            }
            boolean het = false;
            for (int s = 0; s < n && !het; s++) {
                het = train.code(v, s) == 1;
            }
            if (!het) {
                phase.set(v, new long[(n + 63) >>> 6]);
            }
        }
    }

    /** Appends {@code notes} to the manifest's "notes" (printed by {@link SynthResult#render}). */
    private static void addNotes(Map<String, Object> manifest, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        List<String> all = new ArrayList<>();
        if (manifest.get("notes") instanceof List<?> before) {
            before.forEach(n -> all.add(n.toString()));
        }
        all.addAll(notes);
        manifest.put("notes", all);
    }

    /** The real phenotype table's notes and the fit of each of its columns. */
    private record PhenotypeFits(List<String> notes, List<PhenotypeSynthesis.Fit> fits) {
    }

    private static PhenotypeFits fitPhenotypes(SynthRequest req, GenotypeMatrix train) {
        PhenotypeTable table = PhenotypeReader.read(req.pheno(), train.samples().samples(), req.phenoCols());
        List<PhenotypeSynthesis.Fit> fits = new ArrayList<>();
        for (int c = 0; c < table.names().size(); c++) {
            fits.add(PhenotypeSynthesis.fit(table.names().get(c), train, table.column(c), req.mosaic().windowP(),
                    req.polygenicBackground(), req.threads()));
        }
        return new PhenotypeFits(table.notes(), fits);
    }

    private static Path phenotypes(SynthRequest req, PhenotypeFits fits, GenotypeMatrix synth,
            Map<String, Object> manifest) {
        addNotes(manifest, fits.notes());
        List<String> names = new ArrayList<>();
        double[][] values = new double[fits.fits().size()][];
        List<Object> described = new ArrayList<>();
        for (int c = 0; c < values.length; c++) {
            PhenotypeSynthesis.Fit fit = fits.fits().get(c);
            PhenotypeCalibration.Calibrated calibrated = PhenotypeCalibration.generateCalibrated(fit, synth, 0.95,
                    RowBuilder.mix(req.seed(), PHENO, c), req.phenoRounds(), req.threads());
            values[c] = calibrated.values();
            names.add(fit.name());
            described.add(SynthManifest.phenotype(fit, calibrated, req.mosaic().windowP()));
        }
        manifest.put("phenotypes", described);
        List<String> ids = synth.samples().samples().stream().map(Sample::id).toList();
        Path out = Path.of(req.outPrefix() + ".pheno.tsv");
        PhenotypeWriter.write(out, synth.samples().samples(), new PhenotypeTable(ids, names, values));
        return out;
    }

    private static String version() {
        String v = Synthesizer.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
