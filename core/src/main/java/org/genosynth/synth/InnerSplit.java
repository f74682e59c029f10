package org.genosynth.synth;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.genosynth.eval.AlignedCohorts;
import org.genosynth.eval.fidelity.PcaStructure;
import org.genosynth.eval.privacy.Privacy;
import org.genosynth.exec.Backend;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.SampleSheet;

/**
 * The training cohort (at most {@link #MAX_SAMPLES} of it) split 70/30 (seeded) into an inner fitting set and an inner
 * holdout, for measuring a generator
 * on the user's data before it is used: mosaics of the fitting set (as many genomes as the inner holdout) are drawn
 * as a run would draw them, and judged against the inner holdout with {@code genosynth evaluate}'s own privacy code.
 */
final class InnerSplit {
    /**
     * Genomes measured at most: a larger training set is subsampled (seeded) first. The measurement is then pessimistic
     * (smaller donor pools are less private), and its cost stays that of a 2,000-genome cohort: every candidate's
     * privacy compares 600 to {@value #MAX_MOSAICS} mosaics with 1,400 + 600 real genomes.
     */
    static final int MAX_SAMPLES = 2000;
    /** Population-pool inner mosaics at most. */
    static final int MAX_MOSAICS = 2000;
    private static final long SPLIT = 0x1DCA1L;
    private static final long SUBSAMPLE = 0x1DCA4L;
    private static final long FLOOR = 0x1DCA6L;
    private static final long PATHS = 0x1DCA2L;
    private static final long CYCLES = 0x1DCA3L;

    private final GenotypeMatrix fitSet;
    private final GenotypeMatrix holdSet;
    private final GeneticMap map;
    private final double noise;
    private final double maxSegmentCm;
    private final int minDonors;
    private final long seed;
    private final Backend backend;
    private final DonorPanel panel;
    private final SiteFrequencies freq;
    /** Per population, the fitting set's members (rows of {@link #fitSet}). */
    private final int[][] members;
    /** The population of each local inner mosaic: that of the inner holdout genome it stands beside. */
    private final int[] popOf;
    /**
     * The population of each population-pool inner mosaic: as many as the run makes per training genome, over the
     * fitting set (at most {@link #MAX_MOSAICS}), in the fitting set's proportions.
     */
    private final int[] popOfMosaic;
    private final LocalPools local;
    /**
     * Each inner holdout genome's distance to its closest genome of the fitting set (the DCR share's reference), the
     * same for every candidate judged on this split: measured with the first, then kept.
     */
    private double[] holdoutDistances;
    /** The fitting set's haplotypes when the input is phased, else null. */
    private final DonorPanel haplotypes;

    /** The inner privacy of one set of mosaics. */
    record Measured(double miaAuc, double dcrShareCloser, double miaNullSe, double segmentAuc) {
    }

    /**
     * Splits {@code train}; with {@code coords} (every training sample's {@link LocalPools#coordinates}), local mosaics
     * draw from ancestry-local pools of the fitting set, as the run will; with {@code phase} (every variant's phase
     * bits, the input fully phased), population-pool mosaics are drawn from haplotypes, as the run will; with
     * {@code populationOf} (each training sample's population, given or inferred), donors come only from the mosaic's
     * own population, as in the run (null: one population). {@code mosaicsPerGenome}: the run's synthetic genomes per
     * training genome; the population-pool mosaics keep that ratio to the fitting set (the membership signal grows
     * with it: each member is a donor of more genomes).
     */
    InnerSplit(GenotypeMatrix train, List<long[]> phase, int[] populationOf, GeneticMap map, double noise,
            double maxSegmentCm, int minDonors, double[][] coords, double mosaicsPerGenome, long seed,
            Backend backend) {
        int[] measured = null;
        if (train.sampleCount() > MAX_SAMPLES) {
            measured = Arrays.copyOf(Shuffle.permutation(train.sampleCount(),
                    new SplittableRandom(RowBuilder.mix(seed, SUBSAMPLE))), MAX_SAMPLES);
            Arrays.sort(measured);
            double[][] all = coords;
            if (coords != null) {
                coords = new double[MAX_SAMPLES][];
                for (int i = 0; i < MAX_SAMPLES; i++) {
                    coords[i] = all[measured[i]];
                }
            }
            train = subset(train, measured);
            phase = phase == null ? null : selectPhase(phase, measured);
            if (populationOf != null) {
                int[] labels = populationOf;
                populationOf = Arrays.stream(measured).map(i -> labels[i]).toArray();
            }
        }
        int n = train.sampleCount();
        int[] order = Shuffle.permutation(n, new SplittableRandom(RowBuilder.mix(seed, SPLIT)));
        int nFit = (int) Math.round(0.7 * n);
        int[] fitRows = Arrays.copyOf(order, nFit);
        int[] holdRows = Arrays.copyOfRange(order, nFit, n);
        Arrays.sort(fitRows);
        Arrays.sort(holdRows);
        this.fitSet = subset(train, fitRows);
        this.haplotypes = phase == null ? null : DonorPanel.haplotypes(fitSet, selectPhase(phase, fitRows));
        this.holdSet = subset(train, holdRows);
        this.map = map;
        this.noise = noise;
        this.maxSegmentCm = maxSegmentCm;
        this.minDonors = minDonors;
        this.seed = seed;
        this.backend = backend;
        this.panel = DonorPanel.of(fitSet);
        int[] ofSample = populationOf;
        int pops = ofSample == null ? 1 : Arrays.stream(ofSample).max().orElse(0) + 1;
        List<List<Integer>> byPop = new java.util.ArrayList<>();
        for (int p = 0; p < pops; p++) {
            byPop.add(new java.util.ArrayList<>());
        }
        for (int i = 0; i < nFit; i++) {
            byPop.get(ofSample == null ? 0 : ofSample[fitRows[i]]).add(i);
        }
        this.members = byPop.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        // a population with fewer than 2 inner donors (a tiny group) borrows the largest one's
        int largest = 0;
        for (int p = 1; p < pops; p++) {
            largest = members[p].length > members[largest].length ? p : largest;
        }
        int fallback = largest;
        this.popOf = Arrays.stream(holdRows).map(r -> ofSample == null ? 0 : ofSample[r])
                .map(p -> members[p].length >= 2 ? p : fallback).toArray();
        int mosaics = (int) Math.max(holdRows.length, Math.min(MAX_MOSAICS, Math.round(nFit * mosaicsPerGenome)));
        // the fitting set's members in their shuffled order: any prefix has the populations' proportions
        this.popOfMosaic = IntStream.range(0, mosaics).map(s -> ofSample == null ? 0 : ofSample[order[s % nFit]])
                .map(p -> members[p].length >= 2 ? p : fallback).toArray();
        this.freq = SiteFrequencies.of(fitSet, members);
        if (coords != null) {
            double[][] fitCoords = new double[nFit][];
            for (int i = 0; i < nFit; i++) {
                fitCoords[i] = coords[fitRows[i]];
            }
            this.local = LocalPools.of(fitCoords, members, seed);
        } else {
            this.local = null;
        }
    }

    GenotypeMatrix fitSet() {
        return fitSet;
    }

    GenotypeMatrix holdSet() {
        return holdSet;
    }

    /** Genotype-level mosaics of the fitting set as the default mosaic draws them: local pools, seamless switches. */
    GenotypeMatrix localMosaics(double length) {
        PathSampler sampler = new PathSampler(map, length, maxSegmentCm, minDonors, panel);
        GenomePath[] paths = new GenomePath[holdSet.sampleCount()];
        for (int s = 0; s < paths.length; s++) {
            paths[s] = sampler.draw(local == null ? members[popOf[s]] : local.pool(s, 0, popOf[s]),
                    new SplittableRandom(RowBuilder.mix(seed, PATHS, s)));
        }
        return generate(paths);
    }

    /**
     * Mosaics of the fitting set with every member a donor, in cycles ({@code --donor-pool population}): of haplotypes
     * when the input is phased (each haplotype switching on its own, as the run draws them), else of genotypes; with
     * {@code bound}, each redrawn while it is at the bound's kinship (IBS share with {@code ibs}) to a genome of the
     * fitting set, as the run's kinship check does (haplotype mosaics also while they share an identical run longer
     * than the bound's {@code identicalRun} with one). Null when a genome is still at the bound after
     * {@link Synthesizer#MAX_ATTEMPTS} attempts (the run would stop).
     */
    GenotypeMatrix populationMosaics(double length, KinshipCheck.Bound bound, boolean ibs) {
        PathSampler sampler = new PathSampler(map, length, maxSegmentCm, minDonors, null, true);
        int[][] haplotypePools = haplotypes == null ? null : Synthesizer.haplotypePools(members);
        Synthesizer.PathSource source = (s, a) -> {
            SplittableRandom random = new SplittableRandom(RowBuilder.mix(seed, CYCLES, s, a));
            return haplotypes == null ? sampler.draw(members[popOfMosaic[s]], random)
                    : sampler.drawPair(haplotypePools[popOfMosaic[s]], random);
        };
        int count = popOfMosaic.length;
        GenomePath[] paths = new GenomePath[count];
        for (int s = 0; s < count; s++) {
            paths[s] = source.draw(s, 0);
        }
        int[] attempts = new int[count];
        RowBuilder builder = new RowBuilder(panel, haplotypes, new SiteNoise.Resample(noise, freq), seed);
        if (bound != null) {
            try {
                // the run's identical-run check, which it applies to haplotype mosaics
                KinshipCheck.RunCheck runCheck = haplotypes != null && bound.identicalRun() > 0
                        ? new KinshipCheck.RunCheck(fitSet.variants(), bound.identicalRun()) : null;
                KinshipCheck.run(builder, source, paths, attempts, popOfMosaic, bound.threshold(), ibs,
                        fitSet.variants(), runCheck, backend);
            } catch (org.genosynth.io.InputException stillClose) {
                return null;
            }
        }
        return generate(builder, paths, attempts, popOfMosaic);
    }

    /**
     * Genomes (as many as the inner holdout) whose every genotype is drawn from the whole fitting set's genotype
     * frequencies at its site: what a generator that keeps nothing but the cohort's frequencies makes. One population
     * even when there are several: the frequencies of small populations carry more of their members, and that is
     * counted against a generator, not allowed to it.
     */
    GenotypeMatrix frequencyOnly() {
        int[] everyone = IntStream.range(0, fitSet.sampleCount()).toArray();
        SiteFrequencies cohort = SiteFrequencies.of(fitSet, new int[][] {everyone});
        PathSampler sampler = new PathSampler(map, 1, maxSegmentCm, minDonors);
        GenomePath[] paths = new GenomePath[popOfMosaic.length];
        for (int s = 0; s < paths.length; s++) {
            paths[s] = sampler.draw(everyone, new SplittableRandom(RowBuilder.mix(seed, FLOOR, s)));
        }
        RowBuilder builder = new RowBuilder(panel, new SiteNoise.Resample(1, cohort), RowBuilder.mix(seed, FLOOR));
        return Synthesizer.generateInMemory(new BlockGenerator(builder, fitSet.variants(), paths,
                new int[paths.length], new int[paths.length]), Synthesizer.anonymous(paths.length), backend);
    }

    private GenotypeMatrix generate(GenomePath[] paths) {
        return generate(new RowBuilder(panel, new SiteNoise.Resample(noise, freq), seed), paths,
                new int[paths.length], popOf);
    }

    private GenotypeMatrix generate(RowBuilder builder, GenomePath[] paths, int[] attempts, int[] popOfRow) {
        return Synthesizer.generateInMemory(new BlockGenerator(builder, fitSet.variants(), paths, attempts, popOfRow),
                Synthesizer.anonymous(paths.length), backend);
    }

    /** Populations the inner mosaics draw their donors within (1: the whole fitting set). */
    int populations() {
        return members.length;
    }

    /**
     * The membership AUC, DCR share and shared-segment membership AUC (the larger of its identical-run and
     * half-identical-run attacks) of {@code mosaics} against the inner holdout, as evaluate computes them.
     */
    Measured privacy(GenotypeMatrix mosaics) {
        Privacy.Membership m = Privacy.membership(AlignedCohorts.of(fitSet, mosaics, holdSet), holdoutDistances,
                seed, backend);
        holdoutDistances = m.dcrHold();
        // the attack compares equal-size sets of members and non-members (the inner holdout's size)
        double n1 = holdSet.sampleCount();
        return new Measured(m.miaAuc(), m.dcrShareCloser(), Math.sqrt((2 * n1 + 1) / (12 * n1 * n1)),
                m.segmentAuc());
    }

    /**
     * Evaluate's PCA structure of {@code mosaics} on this split: the fitting set's PCA, the mosaics and the inner
     * holdout projected onto it ({@code pca_ks_distance}: the mosaics against the inner holdout).
     */
    PcaStructure structure(GenotypeMatrix mosaics) {
        return PcaStructure.of(fitSet, mosaics, holdSet, seed, backend);
    }

    /** Every variant's phase bits of samples {@code rows}, in that order. */
    static List<long[]> selectPhase(List<long[]> phase, int[] rows) {
        List<long[]> out = new java.util.ArrayList<>(phase.size());
        for (long[] bits : phase) {
            long[] sel = new long[(rows.length + 63) >>> 6];
            for (int i = 0; i < rows.length; i++) {
                if ((bits[rows[i] >>> 6] >>> (rows[i] & 63) & 1L) != 0) {
                    sel[i >>> 6] |= 1L << (i & 63);
                }
            }
            out.add(sel);
        }
        return out;
    }

    /** The rows {@code rows} of {@code m}, in that order. */
    static GenotypeMatrix subset(GenotypeMatrix m, int[] rows) {
        int wpv = GenotypeCodes.wordsPerVariant(rows.length);
        long[] words = new long[m.variantCount() * wpv];
        for (int v = 0; v < m.variantCount(); v++) {
            GenotypeCodes.select(m.words(), m.offset(v), rows, words, v * wpv);
        }
        SampleSheet sheet = m.samples().select(rows);
        return new GenotypeMatrix(sheet, m.variants(), words, null);
    }
}
