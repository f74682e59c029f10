package org.genosynth.synth;

import java.util.SplittableRandom;

/**
 * Draws mosaic paths: along each chromosome, segments of length {@code Exp(mean)} cM (at most {@code maxLength} cM),
 * each copied from a donor of the genome's pool different from the previous segment's; no donor may supply more than
 * {@code 1/minDonors} of the variants, so a genome has at least {@code minDonors} distinct donors (when the pool is
 * large enough). Every chromosome starts a new segment.
 *
 * @param map        where switches can fall
 * @param meanLength mean segment length in cM
 * @param maxLength  longest segment in cM
 * @param minDonors  minimum number of distinct donors per genome
 */
record PathSampler(GeneticMap map, double meanLength, double maxLength, int minDonors) {
    PathSampler {
        if (!(meanLength > 0) || !(maxLength > 0)) {
            throw new IllegalArgumentException("segment lengths must be positive");
        }
    }

    /** A mosaic path over donors {@code pool} (indices into the panel). */
    GenomePath draw(int[] pool, SplittableRandom random) {
        return draw(pool, random, null);
    }

    /**
     * Two haplotype paths over the haplotype rows {@code pool} ({@code 2 sample + h}): the second never copies, at
     * the same variant, a haplotype of the sample the first copies from (when the pool has another sample).
     */
    GenomePath drawPair(int[] pool, SplittableRandom random) {
        GenomePath first = draw(pool, random, null);
        GenomePath second = draw(pool, random, first);
        return new GenomePath(first.starts(), first.donors(), second);
    }

    private GenomePath draw(int[] pool, SplittableRandom random, GenomePath avoid) {
        int m = map.variantCount();
        int cap = pool.length <= 1 ? m : Math.max(1, (int) Math.ceil((double) m / Math.min(minDonors, pool.length)));
        IntList starts = new IntList();
        IntList donors = new IntList();
        java.util.Map<Integer, Integer> used = new java.util.HashMap<>();
        int previous = -1;
        for (int c = 0; c < map.chromosomeCount(); c++) {
            int from = map.chromStart(c);
            int to = map.chromEnd(c);
            int at = from;
            while (at < to) {
                double length = Math.min(maxLength, -meanLength * Math.log(1 - random.nextDouble()));
                int end = Math.max(at + 1, map.firstBeyond(at, to, map.coordinate(at) + length));
                java.util.function.IntPredicate excluded = d -> false;
                if (avoid != null) {
                    excluded = overlapping(avoid, at, end);
                    if (!anyAllowed(pool, previous, excluded)) {
                        // every other sample is used by the first haplotype somewhere in [at, end): end this
                        // segment at the first haplotype's next switch, so only one sample is excluded
                        int k = avoid.segmentOf(at);
                        if (k + 1 < avoid.starts().length) {
                            end = Math.min(end, avoid.starts()[k + 1]);
                        }
                        excluded = overlapping(avoid, at, end);
                    }
                }
                int donor = pickDonor(pool, previous, used, end - at, cap, random, excluded);
                starts.add(at);
                donors.add(donor);
                used.merge(donor, end - at, Integer::sum);
                previous = donor;
                at = end;
            }
        }
        return new GenomePath(starts.toArray(), donors.toArray());
    }

    /** Haplotype rows of the samples that {@code path} copies from anywhere in variants {@code [a, b)}. */
    private static java.util.function.IntPredicate overlapping(GenomePath path, int a, int b) {
        java.util.Set<Integer> samples = new java.util.HashSet<>();
        int[] starts = path.starts();
        for (int k = path.segmentOf(a); k < starts.length && starts[k] < b; k++) {
            samples.add(path.donors()[k] >>> 1);
        }
        return d -> samples.contains(d >>> 1);
    }

    private static boolean anyAllowed(int[] pool, int previous, java.util.function.IntPredicate excluded) {
        for (int d : pool) {
            if (d != previous && !excluded.test(d)) {
                return true;
            }
        }
        return false;
    }

    private static int pickDonor(int[] pool, int previous, java.util.Map<Integer, Integer> used, int size, int cap,
            SplittableRandom random, java.util.function.IntPredicate excluded) {
        if (pool.length == 1) {
            return pool[0];
        }
        int fallback = -1;
        for (int attempt = 0; attempt < 64; attempt++) {
            int d = pool[random.nextInt(pool.length)];
            if (d == previous || excluded.test(d)) {
                continue;
            }
            if (used.getOrDefault(d, 0) + size <= cap) {
                return d;
            }
            fallback = d;
        }
        int best = fallback;
        int least = Integer.MAX_VALUE;
        for (int d : pool) {
            int u = used.getOrDefault(d, 0);
            if (d != previous && !excluded.test(d) && u < least) {
                least = u;
                best = d;
            }
        }
        return best >= 0 ? best : pickDonor(pool, previous, used, size, cap, random, d -> false);
    }

    /** A growable int array. */
    static final class IntList {
        private int[] a = new int[64];
        private int size;

        void add(int x) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, size * 2);
            }
            a[size++] = x;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }
}
