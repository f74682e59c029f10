package org.genosynth.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test cohorts of unrelated people without LD: every genotype drawn from its site's allele frequency. */
public final class RandomGenotypes {
    private RandomGenotypes() {
    }

    /**
     * {@code n} samples x {@code m} variants on chromosome 1 (positions 1..m), ALT frequencies uniform in [0.05, 0.5],
     * each call missing with probability {@code missing}; the same matrix for the same arguments.
     */
    public static GenotypeMatrix unrelated(int n, int m, double missing, long seed) {
        double[] rate = new double[n];
        java.util.Arrays.fill(rate, missing);
        return unrelated(n, m, rate, 0.05, new SplittableRandom(seed));
    }

    /**
     * As {@link #unrelated(int, int, double, long)}, sample {@code s}'s calls missing with probability
     * {@code rate[s]}, ALT frequencies uniform in [{@code minFreq}, 0.5], drawn from {@code r}.
     */
    public static GenotypeMatrix unrelated(int n, int m, double[] rate, double minFreq, SplittableRandom r) {
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[m * wpv];
        List<Variant> vs = new ArrayList<>();
        for (int v = 0; v < m; v++) {
            double p = minFreq + (0.5 - minFreq) * r.nextDouble();
            for (int s = 0; s < n; s++) {
                int code = r.nextDouble() < rate[s] ? GenotypeCodes.MISSING
                        : (r.nextDouble() < p ? 1 : 0) + (r.nextDouble() < p ? 1 : 0);
                GenotypeCodes.set(words, v * wpv, s, code);
            }
            vs.add(new Variant("1", v + 1, "v" + v, "A", "G", 0));
        }
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            samples.add(Sample.of("s" + s));
        }
        return new GenotypeMatrix(SampleSheet.of(samples), vs, words, null);
    }
}
