package org.genosynth.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;

/** Cohorts built in memory for the synth tests. */
final class TestCohorts {
    private TestCohorts() {
    }

    /**
     * {@code n} genomes (u0, u1, ...) of {@code m} independent sites in Hardy–Weinberg proportions, allele
     * frequencies 0.1-0.9, 100 bp and {@code cmPerVariant} apart on chromosome 1.
     */
    static GenotypeMatrix unrelated(int n, int m, double cmPerVariant, long seed) {
        return populations(n, 1, m, 0, cmPerVariant, seed);
    }

    /**
     * {@code n} genomes of {@code m} independent sites from {@code k} populations of equal size (consecutive rows),
     * each population's allele frequency the ancestral one (0.1-0.9) plus a normal deviation of variance
     * {@code fst p (1 - p)} (Balding–Nichols to second order), kept within 0.01-0.99; {@code cmPerVariant} apart on
     * chromosome 1. With {@code fst} 0 every population has the ancestral frequency: {@link #unrelated}.
     */
    static GenotypeMatrix populations(int n, int k, int m, double fst, double cmPerVariant, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            samples.add(Sample.of("u" + s));
        }
        List<Variant> variants = new ArrayList<>();
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[m * wpv];
        for (int v = 0; v < m; v++) {
            variants.add(new Variant("1", 100L * (v + 1), "v" + v, "A", "G", v * cmPerVariant));
            double p = 0.1 + 0.8 * r.nextDouble();
            double[] q = new double[k];
            for (int j = 0; j < k; j++) {
                q[j] = fst == 0 ? p
                        : Math.min(0.99, Math.max(0.01, p + r.nextGaussian() * Math.sqrt(fst * p * (1 - p))));
            }
            for (int s = 0; s < n; s++) {
                double f = q[Math.min(k - 1, s * k / n)];
                int g = (r.nextDouble() < f ? 1 : 0) + (r.nextDouble() < f ? 1 : 0);
                GenotypeCodes.set(words, v * wpv, s, g);
            }
        }
        return new GenotypeMatrix(SampleSheet.of(samples), variants, words, null);
    }
}
