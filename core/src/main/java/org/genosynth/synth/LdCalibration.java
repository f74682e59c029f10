package org.genosynth.synth;

import java.util.ArrayList;
import java.util.List;
import org.genosynth.eval.fidelity.LdDecay;
import org.genosynth.exec.Backend;
import org.genosynth.model.GenotypeMatrix;

/**
 * The holdout-calibrated fit of the mosaic's mean segment length, on an {@link InnerSplit} of the training cohort: the
 * reference is the LD-decay distance between the two real inner sets. For each candidate length, mosaics of the
 * fitting set (as many genomes as the inner holdout, with the run's noise) are compared with the fitting set (segments
 * still capped at the maximum length). The shortest length whose distance is at most {@code 1.5 x} the reference is
 * chosen (shorter segments copy less of anyone); when none reaches it, the length with the smallest distance.
 */
final class LdCalibration {
    /** Candidate mean segment lengths, cM. */
    static final double[] GRID = {2, 5, 10, 20, 40, 80, 160};
    static final double TOLERANCE = 1.5;

    /** One candidate's distance. */
    record Point(double segmentCm, double distance) {
    }

    /**
     * The outcome; with {@code measurePrivacy}, the inner privacy of the chosen length's mosaics (as {@code genosynth
     * evaluate} computes it), else null; {@code donorPopulations}: the populations the inner mosaics drew their donors
     * within (1: the whole inner training set).
     */
    record Outcome(double segmentCm, double referenceDistance, List<Point> grid, InnerSplit.Measured privacy,
                   int donorPopulations) {
    }

    private LdCalibration() {
    }

    /**
     * As {@link #fit(InnerSplit, double[], boolean, Backend)} on a new split of {@code train}; {@code populationOf}:
     * each training sample's population when they are given (the inner mosaics then draw donors from their own, as
     * the run does), else null.
     */
    static Outcome fit(GenotypeMatrix train, int[] populationOf, GeneticMap map, double noise, double maxSegmentCm,
            int minDonors, double[] candidates, boolean measurePrivacy, double[][] coords, long seed, Backend backend) {
        return fit(new InnerSplit(train, null, populationOf, map, noise, maxSegmentCm, minDonors, coords, 1, seed,
                backend), candidates, measurePrivacy, backend);
    }

    /**
     * The fit over the candidate lengths; with {@code measurePrivacy} the chosen length's local mosaics are also judged
     * for privacy against the inner holdout.
     */
    static Outcome fit(InnerSplit split, double[] candidates, boolean measurePrivacy, Backend backend) {
        LdDecay.Curve fitCurve = LdDecay.compute(split.fitSet(), backend);
        double reference = LdDecay.distance(fitCurve, LdDecay.compute(split.holdSet(), backend));
        List<Point> grid = new ArrayList<>();
        Point best = null;
        Point chosen = null;
        for (double length : candidates) {
            GenotypeMatrix synth = split.localMosaics(length);
            Point p = new Point(length, LdDecay.distance(fitCurve, LdDecay.compute(synth, backend)));
            grid.add(p);
            if (best == null || p.distance() < best.distance()) {
                best = p;
            }
            if (chosen == null && p.distance() <= TOLERANCE * reference) {
                chosen = p;
            }
        }
        double length = (chosen != null ? chosen : best).segmentCm();
        InnerSplit.Measured privacy = measurePrivacy ? split.privacy(split.localMosaics(length)) : null;
        return new Outcome(length, reference, grid, privacy, split.populations());
    }
}
