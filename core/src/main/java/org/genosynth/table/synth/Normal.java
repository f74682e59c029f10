package org.genosynth.table.synth;

import org.hipparchus.distribution.continuous.NormalDistribution;

/** The standard normal distribution function and its inverse (hipparchus). */
final class Normal {
    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);
    private static final double EDGE = 1e-9;

    private Normal() {
    }

    static double cdf(double z) {
        return STANDARD.cumulativeProbability(z);
    }

    static double quantile(double u) {
        return STANDARD.inverseCumulativeProbability(Math.max(EDGE, Math.min(1 - EDGE, u)));
    }
}
