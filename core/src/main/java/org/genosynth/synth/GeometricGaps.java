package org.genosynth.synth;

import java.util.SplittableRandom;

/**
 * Independent trials of one probability visited by their successes only: the gap from one success to the next is
 * geometric, so a pass over m trials at probability p costs p x m draws instead of m (missing calls by thinning,
 * {@link MissingCalls}; identity by descent, {@link Inbreeding}).
 */
final class GeometricGaps {
    private GeometricGaps() {
    }

    /** {@code log(1 - p)}, what {@link #next} takes (minus infinity at p = 1). */
    static double logStay(double p) {
        return p >= 1 ? Double.NEGATIVE_INFINITY : Math.log1p(-p);
    }

    /** The trial of the next success after trial {@code v}, at probability {@code p} per trial. */
    static int next(int v, double p, double logStay, SplittableRandom random) {
        return v + (p >= 1 ? 1 : 1 + (int) Math.min(Integer.MAX_VALUE / 2,
                Math.floor(Math.log(1 - random.nextDouble()) / logStay)));
    }
}
