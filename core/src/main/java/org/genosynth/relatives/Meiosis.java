package org.genosynth.relatives;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One meiosis under Haldane's model: on each chromosome the crossovers form a Poisson process of rate 1 per Morgan
 * over the span of its variants (count ~ Poisson(length in Morgans), positions uniform), no interference; the
 * transmitted haplotype starts on a random parental haplotype and switches at every crossover. A variant's allele comes
 * from haplotype {@code start XOR (number of crossovers before its cM position) mod 2}, so the order of the variants in
 * the file does not matter.
 */
public final class Meiosis {
    private Meiosis() {
    }

    /**
     * Writes the gamete of {@code parent} into haplotype {@code which} of {@code child} (missing calls of the parent
     * make the child's call missing). Returns the number of crossovers drawn.
     */
    static int transmit(Haplotypes parent, boolean male, GeneticMap map, SplittableRandom rng, Haplotypes child,
                        int which) {
        long[] out = child.hap(which);
        int[][] parentLabels = new int[2][];
        int[] childLabels = null;
        if (parent.origins[0] != null) {
            int variants = parent.origins[0][parent.origins[0].length - 2];
            parentLabels[0] = new int[variants];
            parentLabels[1] = new int[variants];
            parent.decodeOrigins(0, parentLabels[0]);
            parent.decodeOrigins(1, parentLabels[1]);
            childLabels = new int[variants];
        }
        int crossovers = 0;
        for (GeneticMap.Chromosome c : map.chromosomes()) {
            double[] cm = male ? c.cmMale() : c.cmFemale();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double x : cm) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            double[] points = crossoverPoints(lo, hi, rng);
            crossovers += points.length;
            int start = rng.nextInt(2);
            int[] vs = c.variants();
            for (int i = 0; i < vs.length; i++) {
                int before = countBelow(points, cm[i]);
                int from = start ^ (before & 1);
                int v = vs[i];
                Haplotypes.set(out, v, Haplotypes.get(parent.hap(from), v));
                if (childLabels != null) {
                    childLabels[v] = parentLabels[from][v];
                }
                if (Haplotypes.get(parent.missing, v)) {
                    Haplotypes.set(child.missing, v, true);
                }
            }
        }
        if (childLabels != null) {
            child.encodeOrigins(which, childLabels);
        }
        return crossovers;
    }

    /**
     * The crossovers of one meiosis on a chromosome spanning {@code [lo, hi]} cM, sorted: Haldane's model, a Poisson
     * number with mean the length in Morgans, at uniform positions.
     */
    public static double[] crossoverPoints(double lo, double hi, SplittableRandom rng) {
        int k = poisson(rng, (hi - lo) / 100.0);
        double[] points = new double[k];
        for (int i = 0; i < k; i++) {
            points[i] = lo + rng.nextDouble() * (hi - lo);
        }
        Arrays.sort(points);
        return points;
    }

    private static int countBelow(double[] sorted, double x) {
        int i = Arrays.binarySearch(sorted, x);
        return i >= 0 ? i : -i - 1;
    }

    /** Poisson draw by inversion (means here are a few crossovers per chromosome). */
    static int poisson(SplittableRandom rng, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double u = rng.nextDouble();
        double p = Math.exp(-mean);
        double cdf = p;
        int k = 0;
        while (u > cdf && k < 10_000) {
            k++;
            p *= mean / k;
            cdf += p;
        }
        return k;
    }
}
