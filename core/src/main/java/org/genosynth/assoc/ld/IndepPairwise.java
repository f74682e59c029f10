package org.genosynth.assoc.ld;

import java.util.List;
import org.genosynth.model.Variant;

/**
 * LD pruning with plink2's {@code --indep-pairwise <window> <step> <r2>} algorithm (window and step in variants),
 * reproduced from plink2's IndepPairwiseThread/LdPruneNextWindow:
 * <ul>
 * <li>each chromosome (a run of consecutive variants with the same CHROM) is pruned on its own;</li>
 * <li>variants whose called genotypes do not vary are removed when loaded;</li>
 * <li>a window holds the variants {@code [start, start + window)} of the chromosome; when its last variant is loaded,
 *     the window is scanned (see {@code scanWindow}): a pair {@code (a, b)}, {@code a} before {@code b}, is in LD when
 *     {@code cov^2 > r2 var_a var_b} (hard calls, jointly called samples), and then the variant with the higher
 *     major-allele frequency (lower MAF) is removed: {@code a} when {@code majFreq(a) > majFreq(b) (1 + 2^-44)},
 *     else {@code b}. Each variant remembers the first later variant it has not yet been compared with, so pairs are
 *     not tested twice across windows;</li>
 * <li>the window then advances by {@code step} variants; kept variants still inside it stay.</li>
 * </ul>
 * Frequencies are over all samples (plink2 uses founders; identical when all samples are founders).
 */
public final class IndepPairwise {
    private static final double SMALL_EPSILON = 0x1p-44;

    private IndepPairwise() {
    }

    /** Returns the removed flags (true = in {@code .prune.out}). */
    public static boolean[] prune(LdPairs pairs, int window, int step, double r2) {
        if (window < 2 || step < 1 || step > window) {
            throw org.genosynth.io.InputException.usage("--indep-pairwise needs window >= 2 and 1 <= step <= window, "
                    + "got " + window + " " + step);
        }
        List<Variant> variants = pairs.matrix().variants();
        int nv = variants.size();
        boolean[] removed = new boolean[nv];
        double[] majFreq = new double[nv];
        for (int v = 0; v < nv; v++) {
            double p = pairs.altFrequency(v);
            majFreq[v] = Math.max(p, 1 - p);
        }
        int start = 0;
        while (start < nv) {
            int end = start + 1;
            while (end < nv && variants.get(end).chrom().equals(variants.get(start).chrom())) {
                end++;
            }
            pruneChromosome(pairs, start, end, window, step, r2, majFreq, removed);
            start = end;
        }
        return removed;
    }

    private static void pruneChromosome(LdPairs pairs, int start, int end, int window, int step, double r2,
                                        double[] majFreq, boolean[] removed) {
        int[] win = new int[window + step + 1];
        int size = 0;
        int windowStart = start;
        int windowEnd = Math.min(start + window, end);
        int[] firstUnchecked = new int[removed.length];
        for (int t = start; t < end; t++) {
            if (pairs.isConstant(t)) {
                removed[t] = true;
            }
            firstUnchecked[t] = t + 1;
            win[size++] = t;
            if (t + 1 != windowEnd) {
                continue;
            }
            scanWindow(pairs, win, size, t + 1, firstUnchecked, r2, majFreq, removed);
            if (windowEnd == end) {
                return;
            }
            windowStart += step;
            windowEnd = Math.min(windowStart + window, end);
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (!removed[win[i]] && win[i] >= windowStart) {
                    win[kept++] = win[i];
                }
            }
            size = kept;
        }
    }

    /**
     * One window (plink2's "PLINK 1.x pruning order", the order of the plink2 2.00a3.5 on this machine): for each kept
     * variant {@code a} in order, scan the kept variants after it that it has not been compared with yet; at the first
     * pair over the threshold remove one of the two and move to the next {@code a}; repeat the whole pass until a
     * pass removes nothing.
     */
    private static void scanWindow(LdPairs pairs, int[] win, int size, int windowEndIndex, int[] firstUnchecked,
                                    double r2, double[] majFreq, boolean[] removed) {
        int removedCount = countRemoved(win, size, removed);
        int previous;
        do {
            previous = removedCount;
            for (int first = 0; first < size; first++) {
                int a = win[first];
                if (removed[a] || firstUnchecked[a] == windowEndIndex) {
                    continue;
                }
                int second = first + 1;
                while (second < size && (removed[win[second]] || win[second] < firstUnchecked[a])) {
                    second++;
                }
                while (true) {
                    if (second == size) {
                        firstUnchecked[a] = windowEndIndex;
                        break;
                    }
                    int b = win[second];
                    if (pairs.moments(a, b).exceeds(r2)) {
                        if (majFreq[a] > majFreq[b] * (1 + SMALL_EPSILON)) {
                            removed[a] = true;
                        } else {
                            removed[b] = true;
                            int next = second + 1;
                            while (next < size && removed[win[next]]) {
                                next++;
                            }
                            firstUnchecked[a] = next < size ? win[next] : windowEndIndex;
                        }
                        break;
                    }
                    second++;
                    while (second < size && removed[win[second]]) {
                        second++;
                    }
                }
            }
            removedCount = countRemoved(win, size, removed);
        } while (removedCount > previous);
    }

    private static int countRemoved(int[] win, int size, boolean[] removed) {
        int c = 0;
        for (int i = 0; i < size; i++) {
            c += removed[win[i]] ? 1 : 0;
        }
        return c;
    }
}
