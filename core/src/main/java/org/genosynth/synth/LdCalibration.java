package org.genosynth.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.eval.fidelity.LdDecay;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.SampleSheet;

/**
 * The holdout-calibrated fit of the mosaic's mean segment length. The training cohort is split (70/30, seeded) into a
 * fitting set and an inner holdout; the reference is the LD-decay distance between the two real sets. For each candidate
 * length, mosaics of the fitting set (as many genomes as the inner holdout, with the run's noise) are compared with
 * the fitting set (segments still capped at the maximum length). The shortest length whose distance is at most {@code 1.5 x} the reference is chosen (shorter
 * segments copy less of anyone); when none reaches it, the length with the smallest distance.
 */
final class LdCalibration {
    /** Candidate mean segment lengths, cM. */
    static final double[] GRID = {2, 5, 10, 20, 40, 80, 160};
    static final double TOLERANCE = 1.5;

    /** One candidate's distance. */
    record Point(double segmentCm, double distance) {
    }

    /**
     * The outcome; with {@code measurePrivacy}, the membership-inference AUC and the DCR share of the chosen length's
     * mosaics of the fitting set against the inner holdout (as {@code genosynth evaluate} computes them), else NaN.
     */
    record Outcome(double segmentCm, double referenceDistance, List<Point> grid, double miaAuc, double dcrShareCloser,
                   double miaNullSe) {
        /**
         * True when the mosaics are no closer to their donors than unseen genomes are ({@code dcrShareCloser <=
         * dcrBound}) and the membership attack does no better than {@code miaBound} plus two standard errors of a
         * chance AUC at these sizes (the inner sets are small, so the AUC alone is noisy).
         */
        boolean privateAt(double dcrBound, double miaBound) {
            return dcrShareCloser <= dcrBound && miaAuc <= miaBound + 2 * miaNullSe;
        }
    }

    private LdCalibration() {
    }


    /**
     * As above over the candidate lengths {@code grid}; with {@code measurePrivacy} the chosen length's mosaics are
     * also judged for privacy against the inner holdout. With {@code coords} (every training sample's
     * {@link LocalPools#coordinates}), the mosaics draw from ancestry-local pools of the fitting set, as the run will.
     */
    static Outcome fit(GenotypeMatrix train, GeneticMap map, double noise, double maxSegmentCm, int minDonors,
            double[] candidates, boolean measurePrivacy, double[][] coords, long seed,
            org.genosynth.exec.Backend backend) {
        int n = train.sampleCount();
        int[] order = Shuffle.permutation(n, new SplittableRandom(RowBuilder.mix(seed, 0x1DCA1L)));
        int nFit = (int) Math.round(0.7 * n);
        int[] fitRows = Arrays.copyOf(order, nFit);
        int[] holdRows = Arrays.copyOfRange(order, nFit, n);
        Arrays.sort(fitRows);
        Arrays.sort(holdRows);
        GenotypeMatrix fitSet = subset(train, fitRows);
        LdDecay.Curve fitCurve = LdDecay.compute(fitSet, backend);
        double reference = LdDecay.distance(fitCurve, LdDecay.compute(subset(train, holdRows), backend));
        DonorPanel panel = DonorPanel.of(fitSet);
        SiteFrequencies freq = SiteFrequencies.of(fitSet, new int[][] {java.util.stream.IntStream.range(0, nFit)
                .toArray()});
        int[] pool = java.util.stream.IntStream.range(0, nFit).toArray();
        LocalPools local = null;
        if (coords != null) {
            double[][] fitCoords = new double[nFit][];
            for (int i = 0; i < nFit; i++) {
                fitCoords[i] = coords[fitRows[i]];
            }
            local = LocalPools.of(fitCoords, new int[][] {pool}, seed);
        }
        List<Point> grid = new ArrayList<>();
        Point best = null;
        Point chosen = null;
        GenotypeMatrix holdSet = measurePrivacy ? subset(train, holdRows) : null;
        LocalPools pools = local;
        java.util.function.BiFunction<Double, Integer, GenotypeMatrix> mosaics = (length, count) -> {
            PathSampler sampler = new PathSampler(map, length, maxSegmentCm, minDonors, panel);
            GenomePath[] paths = new GenomePath[count];
            for (int s = 0; s < paths.length; s++) {
                paths[s] = sampler.draw(pools == null ? pool : pools.pool(s, 0, 0),
                        new SplittableRandom(RowBuilder.mix(seed, 0x1DCA2L, s)));
            }
            RowBuilder builder = new RowBuilder(panel, new SiteNoise.Resample(noise, freq), seed);
            return Synthesizer.generateInMemory(new BlockGenerator(builder, train.variants(), paths,
                    new int[paths.length], new int[paths.length]), Synthesizer.anonymous(paths.length), backend);
        };
        for (double length : candidates) {
            GenotypeMatrix synth = mosaics.apply(length, holdRows.length);
            Point p = new Point(length, LdDecay.distance(fitCurve, LdDecay.compute(synth, backend)));
            grid.add(p);
            if (best == null || p.distance() < best.distance()) {
                best = p;
            }
            if (chosen == null && p.distance() <= TOLERANCE * reference) {
                chosen = p;
            }
        }
        if (best == null) {
            return new Outcome(maxSegmentCm, reference, grid, Double.NaN, Double.NaN, Double.NaN);
        }
        double mia = Double.NaN;
        double dcr = Double.NaN;
        double se = Double.NaN;
        if (measurePrivacy) {
            GenotypeMatrix synth = mosaics.apply((chosen != null ? chosen : best).segmentCm(), holdRows.length);
            org.genosynth.eval.privacy.PrivacyResult pr;
            pr = org.genosynth.eval.privacy.Privacy.compute(org.genosynth.eval.AlignedCohorts.of(fitSet,
                    synth, holdSet), java.util.Set.of(),
                    Synthesizer.anonymous(holdRows.length), seed, backend);
            mia = pr.miaAuc();
            dcr = pr.dcrShareCloser();
            // the attack compares equal-size sets of members and non-members (the inner holdout's size)
            double n1 = holdRows.length;
            se = Math.sqrt((2 * n1 + 1) / (12 * n1 * n1));
        }
        return new Outcome((chosen != null ? chosen : best).segmentCm(), reference, grid, mia, dcr, se);
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
