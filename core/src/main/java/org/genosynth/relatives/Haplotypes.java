package org.genosynth.relatives;

/**
 * The two haplotypes of one individual over {@code M} variants, one bit per variant (set = ALT), plus a missing-call
 * mask. Haplotype 0 is the paternal one for synthetic individuals.
 */
final class Haplotypes {
    final long[] hap0;
    final long[] hap1;
    final long[] missing;
    /**
     * Founder-haplotype label of each variant of each haplotype (which founder haplotype the allele descends from),
     * run-length encoded: {@code origins[h] = {end0, label0, end1, label1, ...}} with exclusive ends in variant order.
     */
    final int[][] origins = new int[2][];

    Haplotypes(int variants) {
        int words = (variants + 63) >>> 6;
        hap0 = new long[words];
        hap1 = new long[words];
        missing = new long[words];
    }

    /** The labels of haplotype {@code h} decoded into {@code out} (one per variant). */
    void decodeOrigins(int h, int[] out) {
        int[] runs = origins[h];
        int start = 0;
        for (int r = 0; r < runs.length; r += 2) {
            java.util.Arrays.fill(out, start, runs[r], runs[r + 1]);
            start = runs[r];
        }
    }

    /** Sets haplotype {@code h}'s labels from one label per variant. */
    void encodeOrigins(int h, int[] labels) {
        int[] runs = new int[16];
        int k = 0;
        for (int v = 0; v < labels.length; v++) {
            if (v + 1 == labels.length || labels[v + 1] != labels[v]) {
                if (k + 2 > runs.length) {
                    runs = java.util.Arrays.copyOf(runs, runs.length * 2);
                }
                runs[k++] = v + 1;
                runs[k++] = labels[v];
            }
        }
        origins[h] = java.util.Arrays.copyOf(runs, k);
    }

    static boolean get(long[] bits, int v) {
        return (bits[v >>> 6] >>> (v & 63) & 1L) != 0;
    }

    static void set(long[] bits, int v, boolean value) {
        if (value) {
            bits[v >>> 6] |= 1L << (v & 63);
        } else {
            bits[v >>> 6] &= ~(1L << (v & 63));
        }
    }

    /** The haplotype {@code which} (0 or 1). */
    long[] hap(int which) {
        return which == 0 ? hap0 : hap1;
    }

    /** Genotype code: ALT copies, or 3 when missing. */
    int code(int v) {
        if (get(missing, v)) {
            return 3;
        }
        return (get(hap0, v) ? 1 : 0) + (get(hap1, v) ? 1 : 0);
    }
}
