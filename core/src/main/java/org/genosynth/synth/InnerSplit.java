package org.genosynth.synth;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.genosynth.eval.AlignedCohorts;
import org.genosynth.eval.privacy.Privacy;
import org.genosynth.eval.privacy.PrivacyResult;
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
     * privacy compares 600 mosaics with 1,400 + 600 real genomes.
     */
    static final int MAX_SAMPLES = 2000;
    private static final long SPLIT = 0x1DCA1L;
    private static final long SUBSAMPLE = 0x1DCA4L;
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
    private final int[] pool;
    private final LocalPools local;

    /** The inner privacy of one set of mosaics. */
    record Measured(double miaAuc, double dcrShareCloser, double miaNullSe) {
        /**
         * True when the mosaics are no closer to their donors than unseen genomes are ({@code dcrShareCloser <=
         * dcrBound}) and the membership attack does no better than {@code miaBound} plus two standard errors of a
         * chance AUC at these sizes (the inner sets are small, so the AUC alone is noisy).
         */
        boolean privateAt(double dcrBound, double miaBound) {
            return dcrShareCloser <= dcrBound && miaAuc <= miaBound + 2 * miaNullSe;
        }
    }

    /**
     * Splits {@code train}; with {@code coords} (every training sample's {@link LocalPools#coordinates}), local mosaics
     * draw from ancestry-local pools of the fitting set, as the run will.
     */
    InnerSplit(GenotypeMatrix train, GeneticMap map, double noise, double maxSegmentCm, int minDonors,
            double[][] coords, long seed, Backend backend) {
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
        }
        int n = train.sampleCount();
        int[] order = Shuffle.permutation(n, new SplittableRandom(RowBuilder.mix(seed, SPLIT)));
        int nFit = (int) Math.round(0.7 * n);
        int[] fitRows = Arrays.copyOf(order, nFit);
        int[] holdRows = Arrays.copyOfRange(order, nFit, n);
        Arrays.sort(fitRows);
        Arrays.sort(holdRows);
        this.fitSet = subset(train, fitRows);
        this.holdSet = subset(train, holdRows);
        this.map = map;
        this.noise = noise;
        this.maxSegmentCm = maxSegmentCm;
        this.minDonors = minDonors;
        this.seed = seed;
        this.backend = backend;
        this.panel = DonorPanel.of(fitSet);
        this.pool = IntStream.range(0, nFit).toArray();
        this.freq = SiteFrequencies.of(fitSet, new int[][] {pool});
        if (coords != null) {
            double[][] fitCoords = new double[nFit][];
            for (int i = 0; i < nFit; i++) {
                fitCoords[i] = coords[fitRows[i]];
            }
            this.local = LocalPools.of(fitCoords, new int[][] {pool}, seed);
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
            paths[s] = sampler.draw(local == null ? pool : local.pool(s, 0, 0),
                    new SplittableRandom(RowBuilder.mix(seed, PATHS, s)));
        }
        return generate(paths);
    }

    /** Genotype-level mosaics of the fitting set with every member a donor, in cycles ({@code --donor-pool population}). */
    GenotypeMatrix populationMosaics(double length) {
        PathSampler sampler = new PathSampler(map, length, maxSegmentCm, minDonors, null, true);
        GenomePath[] paths = new GenomePath[holdSet.sampleCount()];
        for (int s = 0; s < paths.length; s++) {
            paths[s] = sampler.draw(pool, new SplittableRandom(RowBuilder.mix(seed, CYCLES, s)));
        }
        return generate(paths);
    }

    private GenotypeMatrix generate(GenomePath[] paths) {
        RowBuilder builder = new RowBuilder(panel, new SiteNoise.Resample(noise, freq), seed);
        return Synthesizer.generateInMemory(new BlockGenerator(builder, fitSet.variants(), paths,
                new int[paths.length], new int[paths.length]), Synthesizer.anonymous(paths.length), backend);
    }

    /** The membership AUC and DCR share of {@code mosaics} against the inner holdout, as evaluate computes them. */
    Measured privacy(GenotypeMatrix mosaics) {
        PrivacyResult pr = Privacy.compute(AlignedCohorts.of(fitSet, mosaics, holdSet), java.util.Set.of(),
                Synthesizer.anonymous(mosaics.sampleCount()), seed, backend);
        // the attack compares equal-size sets of members and non-members (the inner holdout's size)
        double n1 = holdSet.sampleCount();
        return new Measured(pr.miaAuc(), pr.dcrShareCloser(), Math.sqrt((2 * n1 + 1) / (12 * n1 * n1)));
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
