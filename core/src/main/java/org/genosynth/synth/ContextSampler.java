package org.genosynth.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.genosynth.exec.Backend;

/**
 * {@code --method context}: new haplotypes drawn site by site from the training haplotypes of their population, each
 * allele from those that match the synthetic haplotype over its longest recent context shared by at least
 * {@link #SUPPORT} of them. For each training haplotype, {@code start} is the first variant since which it has carried
 * every allele drawn so far; the context starts at the {@code SUPPORT}-th smallest start, and the allele is ALT with
 * the share of ALT among the haplotypes whose start is at most that (missing calls not counted; where all of them are
 * missing, the share over the whole population). Every haplotype that does not carry the drawn allele starts again
 * after it. Each chromosome starts afresh.
 *
 * <p>So a synthetic haplotype follows a stretch of real haplotype only while {@code SUPPORT} of them share it: it keeps
 * the LD that that many haplotypes carry together and no run that fewer carry, and nothing is copied. Measured on
 * human_1kg_chr20's 210 phased training people against their 90 holdout people (docs/synth.md, "The haplotype-context
 * sampler"): with 4, no fail, LD score 1.95-fold low, shared-segment AUCs 0.57 / 0.51; with 2 the half-identical
 * attack fails (0.67), with 10 the LD score does (2.9).
 *
 * <p>Cost: per variant, three passes over the population's training haplotypes for each synthetic haplotype.
 * Synthetic haplotypes are drawn on their own streams (keyed by genome slot and haplotype), so the panel is the same
 * at any thread count.
 */
final class ContextSampler {
    /** Training haplotypes that must share a context for the sampler to follow it. */
    static final int SUPPORT = 4;
    private static final long DRAW = 0xC0E7L;
    private static final int BATCH = 8;

    private ContextSampler() {
    }

    /**
     * The synthetic haplotypes of {@code slots} genomes, rows {@code 2 i} and {@code 2 i + 1} for slot {@code i},
     * drawn from the haplotype rows {@code pools[popOfSlot[i]]} of {@code haplotypes} (codes 0/1/3).
     */
    static DonorPanel draw(DonorPanel haplotypes, int[][] pools, int[] popOfSlot, GeneticMap map, long seed,
            Backend backend) {
        int m = haplotypes.variantCount();
        long poolHaplotypes = Arrays.stream(pools).mapToLong(p -> p.length).sum();
        // the pools' alleles (a byte each) and the drawn haplotypes (a byte each, then packed)
        org.genosynth.util.Memory.require((double) m * (poolHaplotypes + 2.5 * popOfSlot.length), "--method "
                + "context on " + poolHaplotypes + " training haplotypes x " + m + " variants for " + popOfSlot.length
                + " genomes", "lower --n, or use --method mosaic");
        // each population's alleles variant-major: a variant's alleles over the pool are contiguous
        byte[][] alleles = new byte[pools.length][];
        for (int p = 0; p < pools.length; p++) {
            int n = pools[p].length;
            if (n == 0 || !used(popOfSlot, p)) {
                continue;
            }
            byte[] a = new byte[Math.multiplyExact(m, n)];
            for (int j = 0; j < n; j++) {
                byte[] codes = haplotypes.codes(pools[p][j]);
                for (int v = 0; v < m; v++) {
                    a[v * n + j] = codes[v];
                }
            }
            alleles[p] = a;
        }
        int[] starts = ClusterFit.chromStarts(map);
        byte[][] rows = new byte[2 * popOfSlot.length][];
        List<int[]> batches = new ArrayList<>();
        for (int i = 0; i < popOfSlot.length; i += BATCH) {
            batches.add(IntStream.range(i, Math.min(popOfSlot.length, i + BATCH)).toArray());
        }
        backend.mapOrdered(batches.iterator(), batch -> {
            byte[][] out = new byte[2 * batch.length][];
            for (int b = 0; b < batch.length; b++) {
                int slot = batch[b];
                int p = popOfSlot[slot];
                for (int h = 0; h < 2; h++) {
                    out[2 * b + h] = haplotype(alleles[p], pools[p].length, m, starts,
                            new SplittableRandom(RowBuilder.mix(seed, DRAW, slot, h)));
                }
            }
            return new Object[] {batch, out};
        }, res -> {
            int[] batch = (int[]) ((Object[]) res)[0];
            byte[][] out = (byte[][]) ((Object[]) res)[1];
            for (int b = 0; b < batch.length; b++) {
                rows[2 * batch[b]] = out[2 * b];
                rows[2 * batch[b] + 1] = out[2 * b + 1];
            }
        });
        return DonorPanel.ofHaplotypeCodes(rows, m);
    }

    private static boolean used(int[] popOfSlot, int p) {
        for (int x : popOfSlot) {
            if (x == p) {
                return true;
            }
        }
        return false;
    }

    /** One synthetic haplotype from a pool of {@code n} haplotypes whose alleles are {@code a[v * n + j]}. */
    static byte[] haplotype(byte[] a, int n, int m, int[] chromStarts, SplittableRandom random) {
        return haplotype(a, n, m, chromStarts, SUPPORT, random);
    }

    /** As above, with {@code support} haplotypes to share a context. */
    static byte[] haplotype(byte[] a, int n, int m, int[] chromStarts, int support, SplittableRandom random) {
        int k = Math.min(support, n);
        int[] start = new int[n];
        int[] smallest = new int[k];
        byte[] out = new byte[m];
        for (int c = 0; c + 1 < chromStarts.length; c++) {
            Arrays.fill(start, chromStarts[c]);
            for (int v = chromStarts[c]; v < chromStarts[c + 1]; v++) {
                // the k-th smallest start: where the longest context that k haplotypes share begins
                Arrays.fill(smallest, Integer.MAX_VALUE);
                for (int j = 0; j < n; j++) {
                    int x = start[j];
                    if (x < smallest[k - 1]) {
                        int i = k - 1;
                        while (i > 0 && smallest[i - 1] > x) {
                            smallest[i] = smallest[i - 1];
                            i--;
                        }
                        smallest[i] = x;
                    }
                }
                int threshold = smallest[k - 1];
                int base = v * n;
                int alt = 0;
                int called = 0;
                for (int j = 0; j < n; j++) {
                    int x = a[base + j];
                    if (start[j] <= threshold && x != 3) {
                        called++;
                        alt += x;
                    }
                }
                if (called == 0) {
                    for (int j = 0; j < n; j++) {
                        int x = a[base + j];
                        if (x != 3) {
                            called++;
                            alt += x;
                        }
                    }
                }
                if (called == 0) {
                    out[v] = 3;
                    continue;
                }
                int allele = random.nextInt(called) < alt ? 1 : 0;
                out[v] = (byte) allele;
                for (int j = 0; j < n; j++) {
                    int x = a[base + j];
                    if (x != 3 && x != allele) {
                        start[j] = v + 1;
                    }
                }
            }
        }
        return out;
    }
}
