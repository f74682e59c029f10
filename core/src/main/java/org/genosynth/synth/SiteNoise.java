package org.genosynth.synth;

import java.util.SplittableRandom;

/**
 * Per-genotype noise applied to a synthetic row after its segments are copied. Positions are visited by geometric
 * skips (cost proportional to the number of changed genotypes, not to the number of sites); missing calls stay
 * missing.
 */
interface SiteNoise extends java.io.Serializable {
    /** No noise. */
    SiteNoise NONE = (row, rowOff, v0, v1, population, random) -> { };

    /**
     * Applies noise to variants {@code [v0, v1)} of a row whose word for variant {@code v0} is {@code row[rowOff]}
     * ({@code v0} is a multiple of 32).
     */
    void apply(long[] row, int rowOff, int v0, int v1, int population, SplittableRandom random);

    /** Index of the next changed site after {@code v} when each site changes with probability {@code rate}. */
    static int nextSite(int v, double logKeep, SplittableRandom random) {
        double skip = Math.floor(Math.log(1 - random.nextDouble()) / logKeep);
        return skip >= Integer.MAX_VALUE - v - 1 ? Integer.MAX_VALUE : v + 1 + (int) skip;
    }

    static int get(long[] row, int rowOff, int v0, int v) {
        int rel = v - v0;
        return (int) (row[rowOff + (rel >>> 5)] >>> ((rel & 31) << 1)) & 3;
    }

    static void set(long[] row, int rowOff, int v0, int v, int code) {
        int rel = v - v0;
        int w = rowOff + (rel >>> 5);
        int shift = (rel & 31) << 1;
        row[w] = (row[w] & ~(3L << shift)) | ((long) code << shift);
    }

    /**
     * Replaces a genotype, with probability {@code rate}, by a draw from the site's genotype frequencies in the
     * genome's population: allele and genotype frequencies are unchanged in expectation.
     */
    record Resample(double rate, SiteFrequencies frequencies) implements SiteNoise {
        @Override
        public void apply(long[] row, int rowOff, int v0, int v1, int population, SplittableRandom random) {
            if (rate <= 0) {
                return;
            }
            double logKeep = Math.log1p(-rate);
            for (int v = nextSite(v0 - 1, logKeep, random); v < v1; v = nextSite(v, logKeep, random)) {
                if (get(row, rowOff, v0, v) != 3) {
                    set(row, rowOff, v0, v, frequencies.draw(population, v, random.nextDouble()));
                }
            }
        }
    }

    /**
     * Randomized response over {0, 1, 2}: each genotype is kept with probability {@code e^eps / (e^eps + 2)} and
     * otherwise replaced by one of the two other values with probability {@code 1 / (e^eps + 2)} each; the likelihood
     * ratio of any output under any two inputs is at most {@code e^eps} (eps-local differential privacy per genotype).
     */
    record RandomizedResponse(double epsilon) implements SiteNoise {
        /** Probability that a genotype changes. */
        double changeProbability() {
            return 2 / (Math.exp(epsilon) + 2);
        }

        @Override
        public void apply(long[] row, int rowOff, int v0, int v1, int population, SplittableRandom random) {
            double logKeep = Math.log1p(-changeProbability());
            for (int v = nextSite(v0 - 1, logKeep, random); v < v1; v = nextSite(v, logKeep, random)) {
                int c = get(row, rowOff, v0, v);
                if (c != 3) {
                    set(row, rowOff, v0, v, (c + 1 + random.nextInt(2)) % 3);
                }
            }
        }
    }

    /**
     * SynGen6's variant: with probability {@code rate} a genotype moves to an adjacent value (0 to 1, 2 to 1, 1 to 0
     * or 2); 0 and 2 are never exchanged, so the likelihood ratio of an output under inputs 0 and 2 is unbounded:
     * this is NOT local differential privacy.
     */
    record AdjacentFlip(double rate) implements SiteNoise {
        @Override
        public void apply(long[] row, int rowOff, int v0, int v1, int population, SplittableRandom random) {
            if (rate <= 0) {
                return;
            }
            double logKeep = Math.log1p(-rate);
            for (int v = nextSite(v0 - 1, logKeep, random); v < v1; v = nextSite(v, logKeep, random)) {
                int c = get(row, rowOff, v0, v);
                if (c != 3) {
                    set(row, rowOff, v0, v, c == 1 ? (random.nextBoolean() ? 0 : 2) : 1);
                }
            }
        }
    }
}
