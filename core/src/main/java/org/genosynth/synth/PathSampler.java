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
                int donor = pickDonor(pool, previous, used, end - at, cap, random);
                starts.add(at);
                donors.add(donor);
                used.merge(donor, end - at, Integer::sum);
                previous = donor;
                at = end;
            }
        }
        return new GenomePath(starts.toArray(), donors.toArray());
    }

    private static int pickDonor(int[] pool, int previous, java.util.Map<Integer, Integer> used, int size, int cap,
            SplittableRandom random) {
        if (pool.length == 1) {
            return pool[0];
        }
        int fallback = -1;
        for (int attempt = 0; attempt < 64; attempt++) {
            int d = pool[random.nextInt(pool.length)];
            if (d == previous) {
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
            if (d != previous && u < least) {
                least = u;
                best = d;
            }
        }
        return best;
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
