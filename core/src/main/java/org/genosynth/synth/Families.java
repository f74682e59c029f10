package org.genosynth.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.assoc.kinship.KingKinship;
import org.genosynth.assoc.kinship.SamplePlanes;
import org.genosynth.exec.Backend;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.relatives.Meiosis;

/**
 * Synthetic families: the training cohort's close relatives, reproduced among synthetic genomes only. The real
 * relatedness spectrum is measured with KING-robust kinship (parent and child: first degree with almost no opposite
 * homozygotes; full sibs: first degree with them; second degree), scaled to the synthetic cohort's size, and made by
 * meiosis from synthetic parents: a parent-child pair is a synthetic parent written out and a child who inherits one
 * recombinant haplotype from it and one from an unseen synthetic mate; full sibs are two children of the same two
 * unseen synthetic parents; second-degree relatives are half sibs (one unseen parent in common). Parents are drawn
 * from the same generator as every other synthetic genome (keys after the output's samples), so a family shares
 * segments within itself and with no real person. Meiosis is Haldane's model on the genetic map
 * ({@link Meiosis#crossoverPoints}), chromosomes assorting independently.
 */
final class Families {
    /** KING's bounds: duplicates / MZ twins, first and second degree. */
    static final double DUPLICATE = 0.354;
    static final double FIRST_DEGREE = 0.177;
    static final double SECOND_DEGREE = 0.0884;
    /** Pairs below this kinship (third degree) are the unrelated reference for the IBS0 share. */
    static final double UNRELATED = 0.0442;
    /** A first-degree pair is parent and child when its IBS0 share is below this fraction of unrelated pairs'. */
    static final double PARENT_CHILD_IBS0 = 0.1;
    /**
     * A degree is reproduced only where the cohort can tell it: its lower bound at least this many robust SDs of
     * every pair's kinship above the median (on a short region unrelated people reach 0.25: nothing is made there).
     */
    static final double RESOLUTION_SDS = 6;
    /** Training genomes measured at most (larger cohorts: a seeded subset, the counts scaled up). */
    static final int MEASURED_SAMPLES = 4000;
    /** At most this share of the synthetic genomes is made a family member. */
    static final double MAX_MEMBER_SHARE = 0.5;
    private static final long SUBSET = 0xFA31L;
    private static final long PLAN = 0xFA32L;
    private static final long MEIOSIS = 0xFA33L;

    private Families() {
    }

    /** One transmitted haplotype: from parent {@code parentKey} (path {@code parentPath}), switching at crossovers. */
    record Transmission(int parentKey, GenomePath parentPath, int[] crossovers, int firstHaplotype)
            implements java.io.Serializable {
    }

    /** A family member's two haplotypes. */
    record Inheritance(Transmission first, Transmission second) implements java.io.Serializable {
    }

    /**
     * The training cohort's close relatives: pairs of each kind among {@code measured} genomes (all of the cohort's
     * {@code cohort} genomes, or a subset).
     */
    record Spectrum(int cohort, int measured, int parentChild, int fullSibs, int secondDegree, int duplicates,
                    double unrelatedIbs0Share, double medianKinship, double noiseSd, boolean firstDegreeResolved,
                    boolean secondDegreeResolved) {
        /** The expected number of such pairs among {@code n} genomes drawn like the cohort. */
        long scaled(int pairs, int n) {
            double perCohortPair = (double) cohort / measured;
            return Math.round(pairs * perCohortPair * perCohortPair * n / cohort);
        }
    }

    /** The synthetic genome pairs made related, by kind, and the unseen parents drawn for them. */
    record Plan(GenomePath[] members, int parentChild, int fullSibs, int halfSibs, int parents) {
        static final Plan NONE = new Plan(new GenomePath[0], 0, 0, 0, 0);

        int pairs() {
            return parentChild + fullSibs + halfSibs;
        }
    }

    /** Draws the two haplotype paths of an unseen synthetic parent with key {@code key} in population {@code pop}. */
    @FunctionalInterface
    interface ParentSource {
        GenomePath draw(int key, int population);
    }

    /** Measures the close relatives of {@code train} (a seeded subset of at most {@link #MEASURED_SAMPLES}). */
    static Spectrum measure(GenotypeMatrix train, long seed, Backend backend) {
        int n = train.sampleCount();
        GenotypeMatrix m = train;
        if (n > MEASURED_SAMPLES) {
            int[] rows = Arrays.copyOf(Shuffle.permutation(n, new SplittableRandom(RowBuilder.mix(seed, SUBSET))),
                    MEASURED_SAMPLES);
            Arrays.sort(rows);
            m = InnerSplit.subset(train, rows);
        }
        KingKinship.Related related = new KingKinship(SamplePlanes.of(m, backend))
                .related(SECOND_DEGREE, UNRELATED, backend);
        double median = related.quantile(0.5);
        double sd = related.robustSd();
        boolean first = FIRST_DEGREE >= median + RESOLUTION_SDS * sd;
        boolean secondResolved = SECOND_DEGREE >= median + RESOLUTION_SDS * sd;
        int po = 0;
        int fs = 0;
        int second = 0;
        int dup = 0;
        for (KingKinship.RelatedPair p : related.pairs()) {
            if (p.kinship() >= DUPLICATE) {
                dup++;
            } else if (p.kinship() >= FIRST_DEGREE) {
                if (!first) {
                    continue;
                }
                if (p.ibs0Share() < PARENT_CHILD_IBS0 * related.unrelatedIbs0Share()) {
                    po++;
                } else {
                    fs++;
                }
            } else if (secondResolved) {
                second++;
            }
        }
        return new Spectrum(n, m.sampleCount(), po, fs, second, dup, related.unrelatedIbs0Share(), median, sd, first,
                secondResolved);
    }

    /** {@code popOf} with the samples of populations {@code >= first} left out of families (population -1). */
    static int[] without(int[] popOf, int first) {
        int[] out = popOf.clone();
        for (int s = 0; s < out.length; s++) {
            if (out[s] >= first) {
                out[s] = -1;
            }
        }
        return out;
    }

    /**
     * Chooses which synthetic genomes are family members (pairs of the same population, {@code popOf}; a sample of
     * population -1 is in none) so that the synthetic cohort has the cohort's share of each kind of relative pair,
     * and makes their inheritance.
     */
    static Plan plan(Spectrum spectrum, int[] popOf, GeneticMap map, ParentSource parents, long seed) {
        int n = popOf.length;
        long po = spectrum.scaled(spectrum.parentChild(), n);
        long fs = spectrum.scaled(spectrum.fullSibs(), n);
        long hs = spectrum.scaled(spectrum.secondDegree(), n);
        long maxPairs = (long) (MAX_MEMBER_SHARE * n / 2);
        long total = po + fs + hs;
        if (total == 0) {
            return Plan.NONE;
        }
        if (total > maxPairs) {
            double f = (double) maxPairs / total;
            po = (long) Math.floor(po * f);
            fs = (long) Math.floor(fs * f);
            hs = (long) Math.floor(hs * f);
        }
        SplittableRandom random = new SplittableRandom(RowBuilder.mix(seed, PLAN));
        // members: consecutive pairs of a seeded order, within one population
        int[] order = Shuffle.permutation(n, random);
        List<int[]> pairs = new ArrayList<>();
        int[][] open = new int[Arrays.stream(popOf).max().orElse(0) + 1][];
        for (int s : order) {
            int p = popOf[s];
            if (p < 0) {
                continue;
            }
            if (open[p] == null) {
                open[p] = new int[] {s};
            } else {
                pairs.add(new int[] {open[p][0], s});
                open[p] = null;
            }
        }
        GenomePath[] members = new GenomePath[n];
        int nextKey = n;
        int made = 0;
        int[] kinds = new int[(int) (po + fs + hs)];
        Arrays.fill(kinds, 0, (int) po, 0);
        Arrays.fill(kinds, (int) po, (int) (po + fs), 1);
        Arrays.fill(kinds, (int) (po + fs), kinds.length, 2);
        for (int kind : kinds) {
            if (made >= pairs.size()) {
                break;
            }
            int[] pair = pairs.get(made++);
            int a = pair[0];
            int b = pair[1];
            int pop = popOf[a];
            int mother = nextKey++;
            GenomePath motherPath = parents.draw(mother, pop);
            int father = nextKey++;
            GenomePath fatherPath = parents.draw(father, pop);
            if (kind == 0) {
                // a is the written-out parent (the mother's genome as it is), b her child with the father
                members[a] = GenomePath.inherited(new Inheritance(new Transmission(mother, motherPath, new int[0], 0),
                        new Transmission(mother, motherPath, new int[0], 1)));
                members[b] = child(mother, motherPath, father, fatherPath, map, seed, b);
            } else if (kind == 1) {
                members[a] = child(mother, motherPath, father, fatherPath, map, seed, a);
                members[b] = child(mother, motherPath, father, fatherPath, map, seed, b);
            } else {
                int other = nextKey++;
                GenomePath otherPath = parents.draw(other, pop);
                members[a] = child(mother, motherPath, father, fatherPath, map, seed, a);
                members[b] = child(mother, motherPath, other, otherPath, map, seed, b);
            }
        }
        int[] counts = new int[3];
        for (int i = 0; i < made; i++) {
            counts[kinds[i]]++;
        }
        return new Plan(members, counts[0], counts[1], counts[2], nextKey - n);
    }

    /** Synthetic genome {@code s} as the child of two parents: one meiosis of each. */
    private static GenomePath child(int mother, GenomePath motherPath, int father, GenomePath fatherPath,
            GeneticMap map, long seed, int s) {
        SplittableRandom random = new SplittableRandom(RowBuilder.mix(seed, MEIOSIS, s));
        return GenomePath.inherited(new Inheritance(new Transmission(mother, motherPath, crossovers(map, random), 0),
                new Transmission(father, fatherPath, crossovers(map, random), 0)));
    }

    /**
     * The variants at which one transmitted haplotype switches parental haplotype: at a chromosome's first variant
     * with probability 1/2 (independent assortment), then at the first variant at or past each crossover.
     */
    static int[] crossovers(GeneticMap map, SplittableRandom random) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < map.chromosomeCount(); c++) {
            int from = map.chromStart(c);
            int to = map.chromEnd(c);
            if (to <= from) {
                continue;
            }
            if (random.nextBoolean()) {
                out.add(from);
            }
            double lo = map.coordinate(from);
            double hi = map.coordinate(to - 1);
            for (double point : Meiosis.crossoverPoints(lo, hi, random)) {
                int v = firstAtOrPast(map, from, to, point);
                if (v < to) {
                    out.add(v);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int firstAtOrPast(GeneticMap map, int from, int to, double cm) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (map.coordinate(mid) >= cm) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
