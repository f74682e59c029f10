package org.genosynth.synth;

import java.util.SplittableRandom;

/**
 * Draws mosaic paths: along each chromosome, segments of length {@code Exp(mean)} cM (at most {@code maxLength} cM),
 * each copied from a donor of the genome's pool different from the previous segment's; no donor may supply more than
 * {@code 1/minDonors} of the variants, so a genome has at least {@code minDonors} distinct donors (when the pool is
 * large enough). Every chromosome starts a new segment.
 *
 * <p>With a donor panel, switches are <em>seamless</em>, as crossovers between relatives are: of
 * {@link #SWITCH_CANDIDATES} eligible donors, the next one is the donor whose longest run of genotypes identical to the
 * current donor's, within {@link #SWITCH_SEARCH} variants of the drawn switch point, is longest, and the switch moves
 * to the middle of that run. Pairs of variants on either side of a switch inside a shared run keep their LD; a switch
 * between unrelated donors (no long run) is where the drawn point was, near it.
 *
 * @param map        where switches can fall
 * @param meanLength mean segment length in cM
 * @param maxLength  longest segment in cM
 * @param minDonors  minimum number of distinct donors per genome
 * <p>With {@code cycles}, donors are drawn as successive shuffles of the pool instead: no donor supplies a second
 * segment of a genome before every donor of the pool has supplied one (so each donor's share of a genome is as even
 * as the segment count allows, and at a given variant the donor is still uniform over the pool); the
 * {@code minDonors} cap is then not needed and not applied, and switches fall where drawn.
 *
 * @param panel      the donors' rows for seamless switches, or null (switch at the drawn points)
 * @param cycles     donors in successive shuffles of the pool
 */
record PathSampler(GeneticMap map, double meanLength, double maxLength, int minDonors, DonorPanel panel,
                   boolean cycles) {
    /** Variants on each side of a drawn switch point searched for a seamless switch. */
    static final int SWITCH_SEARCH = 64;
    /** Donors considered for each switch. */
    static final int SWITCH_CANDIDATES = 4;

    PathSampler {
        if (!(meanLength > 0) || !(maxLength > 0)) {
            throw new IllegalArgumentException("segment lengths must be positive");
        }
    }

    PathSampler(GeneticMap map, double meanLength, double maxLength, int minDonors) {
        this(map, meanLength, maxLength, minDonors, null, false);
    }

    PathSampler(GeneticMap map, double meanLength, double maxLength, int minDonors, DonorPanel panel) {
        this(map, meanLength, maxLength, minDonors, panel, false);
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
        DonorCycle cycle = cycles && pool.length > 1 ? new DonorCycle(pool) : null;
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
                int donor;
                if (cycle != null) {
                    donor = cycle.next(previous, excluded, random);
                    if (donor < 0) {
                        donor = pickDonor(pool, previous, used, end - at, m, random, d -> false);
                    }
                } else if (panel != null && avoid == null && at > from && pool.length > 2) {
                    // seamless switch: the candidate sharing the longest identical run with the current donor
                    int lo = Math.max(starts.last() + 1, at - SWITCH_SEARCH);
                    int hi = Math.min(end - 1, at + SWITCH_SEARCH);
                    donor = -1;
                    long best = -1;
                    for (int k = 0; k < SWITCH_CANDIDATES; k++) {
                        int d = pickDonor(pool, previous, used, end - at, cap, random, excluded);
                        long run = lo <= hi ? longestSharedRun(previous, d, lo, hi) : 0;
                        if (donor < 0 || (run >>> 32) > (best >>> 32)) {
                            donor = d;
                            best = run;
                        }
                    }
                    int run = (int) (best >>> 32);
                    if (run > 0) {
                        int s = (int) best + run / 2;
                        used.merge(previous, s - at, Integer::sum);
                        at = s;
                    }
                } else {
                    donor = pickDonor(pool, previous, used, end - at, cap, random, excluded);
                }
                starts.add(at);
                donors.add(donor);
                used.merge(donor, end - at, Integer::sum);
                previous = donor;
                at = end;
            }
        }
        return new GenomePath(starts.toArray(), donors.toArray());
    }

    /**
     * Appends the segments of variants {@code [from, to)} (within one chromosome) copied from {@code pool}, donors in
     * successive shuffles, switching where drawn: an ancestry tract of an admixed haplotype ({@link Admixture}). With
     * {@code avoid} (the genome's other haplotype), a segment does not copy, where they overlap, a haplotype of the
     * sample the other copies from (unless the pool has no other).
     */
    void appendTract(int[] pool, int from, int to, SplittableRandom random, GenomePath avoid, IntList starts,
            IntList donors) {
        DonorCycle cycle = new DonorCycle(pool);
        int previous = -1;
        int at = from;
        while (at < to) {
            double length = Math.min(maxLength, -meanLength * Math.log(1 - random.nextDouble()));
            int end = Math.max(at + 1, map.firstBeyond(at, to, map.coordinate(at) + length));
            java.util.function.IntPredicate excluded = avoid == null ? d -> false : overlapping(avoid, at, end);
            int donor = cycle.next(previous, excluded, random);
            if (donor < 0) {
                donor = cycle.next(previous, d -> false, random);
            }
            if (donor < 0) {
                donor = pool[0];
            }
            starts.add(at);
            donors.add(donor);
            previous = donor;
            at = end;
        }
    }

    /**
     * The longest run of variants in {@code [lo, hi]} where donors {@code a} and {@code b} have the same called code,
     * as {@code length << 32 | first variant} (length 0 when none).
     */
    private long longestSharedRun(int a, int b, int lo, int hi) {
        int bestStart = lo;
        int bestLength = 0;
        int runStart = lo;
        for (int v = lo; v <= hi + 1; v++) {
            boolean same = v <= hi && panel.code(a, v) == panel.code(b, v) && panel.code(a, v) != 3;
            if (!same) {
                if (v - runStart > bestLength) {
                    bestLength = v - runStart;
                    bestStart = runStart;
                }
                runStart = v + 1;
            }
        }
        return ((long) bestLength << 32) | bestStart;
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

    /**
     * Donors in successive seeded shuffles of a pool: each call takes the next donor of the current shuffle that is
     * allowed (not the previous segment's, not excluded), moving it forward; when none of the shuffle's rest is
     * allowed, a new shuffle starts.
     */
    private static final class DonorCycle {
        private final int[] order;
        private int at;

        DonorCycle(int[] pool) {
            order = pool.clone();
            at = order.length;
        }

        /** The next allowed donor, or -1 when no donor of the pool is allowed. */
        int next(int previous, java.util.function.IntPredicate excluded, SplittableRandom random) {
            for (int round = 0; round < 2; round++) {
                if (at >= order.length) {
                    for (int i = order.length - 1; i > 0; i--) {
                        int j = random.nextInt(i + 1);
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                    at = 0;
                }
                for (int i = at; i < order.length; i++) {
                    int d = order[i];
                    if (d != previous && !excluded.test(d)) {
                        order[i] = order[at];
                        order[at] = d;
                        return order[at++];
                    }
                }
                at = order.length;
            }
            return -1;
        }
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

        int last() {
            return a[size - 1];
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }
}
