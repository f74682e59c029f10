package org.genosynth.synth;

import java.util.Arrays;
import org.genosynth.exec.Backend;

/**
 * The genomes of {@code --method context}: synthetic genome {@code s} is the pair of haplotypes the
 * {@link ContextSampler} drew for its slot, each copied whole; a genome the kinship check redraws takes one of its
 * population's spare pairs ({@link #extraPairs()} of them, drawn the same way), attempt {@code a} the
 * {@code (s + a - 1)}-th modulo their number.
 *
 * @param drawn     the synthetic haplotypes: rows {@code 2 i}, {@code 2 i + 1} of slot {@code i}
 * @param popOf     each synthetic genome's population
 * @param spareFrom per population, the first spare slot
 * @param spares    spare pairs per population
 * @param starts    chromosome starts (a path has one segment per chromosome)
 */
record ContextPlan(DonorPanel drawn, int[] popOf, int[] spareFrom, int spares, int[] starts) {
    /** Spare pairs per population: 5 % of the largest group of synthetic genomes, at least 8. */
    static int spares(int[] popOf, int populations) {
        int[] count = new int[populations];
        int largest = 0;
        for (int p : popOf) {
            largest = Math.max(largest, ++count[p]);
        }
        return Math.max(8, (int) Math.ceil(0.05 * largest));
    }

    /** Draws every slot's haplotypes from the training haplotypes {@code pools} of {@code real}. */
    static ContextPlan of(DonorPanel real, int[][] pools, int[] popOf, int populations, GeneticMap map, long seed,
            Backend backend) {
        int n = popOf.length;
        int spares = spares(popOf, populations);
        int[] slotPop = new int[n + populations * spares];
        System.arraycopy(popOf, 0, slotPop, 0, n);
        int[] spareFrom = new int[populations];
        for (int p = 0; p < populations; p++) {
            spareFrom[p] = n + p * spares;
            Arrays.fill(slotPop, spareFrom[p], spareFrom[p] + spares, p);
        }
        DonorPanel drawn = ContextSampler.draw(real, pools, slotPop, map, seed, backend);
        return new ContextPlan(drawn, popOf, spareFrom, spares, ClusterFit.chromStarts(map));
    }

    int extraPairs() {
        return spares;
    }

    /** The path of genome {@code s} at attempt {@code a}. */
    GenomePath path(int s, int a) {
        int slot = a == 0 ? s : spareFrom[popOf[s]] + (s + a - 1) % spares;
        int chromosomes = starts.length - 1;
        int[] segmentStarts = Arrays.copyOf(starts, chromosomes);
        int[] first = new int[chromosomes];
        int[] second = new int[chromosomes];
        Arrays.fill(first, 2 * slot);
        Arrays.fill(second, 2 * slot + 1);
        return new GenomePath(segmentStarts, first, new GenomePath(segmentStarts, second));
    }
}
