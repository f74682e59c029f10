package org.genosynth.assoc.kinship;

import java.util.ArrayList;
import java.util.List;
import org.genosynth.exec.Backend;

/**
 * The heterozygous calls of {@link SamplePlanes} again, variant-major: for every block of 64 consecutive samples and
 * every variant, one word whose bit {@code k} says whether sample {@code 64 block + k} is heterozygous there. With a
 * sample's sorted list of missing variants, {@link LaneCounts} then counts the heterozygotes of 64 other samples at
 * those variants in a few operations per variant (the KING terms "het where the other sample is called").
 */
final class HetMasks implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Samples per block (bits per word). */
    static final int BLOCK = 64;
    final int variantCount;
    /** Word of variant {@code v} in sample block {@code b}: {@code masks[b * variantCount + v]}. */
    final long[] masks;

    private HetMasks(int blocks, int variantCount) {
        this.variantCount = variantCount;
        long size = (long) blocks * variantCount;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many samples x variants for the heterozygote masks: "
                    + blocks * BLOCK + " x " + variantCount);
        }
        this.masks = new long[(int) size];
    }

    /** Transposes the heterozygote plane of {@code planes}, sample blocks in parallel on {@code backend}. */
    static HetMasks of(SamplePlanes planes, Backend backend) {
        int blocks = (planes.sampleCount + BLOCK - 1) / BLOCK;
        HetMasks h = new HetMasks(blocks, planes.variantCount);
        List<Integer> all = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            all.add(b);
        }
        backend.mapOrdered(all.iterator(), b -> {
            h.fill(planes, b);
            return b;
        }, b -> { });
        return h;
    }

    /** Index of the word of variant 0 of the block holding {@code sample}. */
    int base(int sample) {
        return sample / BLOCK * variantCount;
    }

    /**
     * Variant-major masks of the missing calls of samples {@code [first, first + 64)} (fewer at the end), built from
     * their sorted lists of missing variants: bit {@code s - first} of word {@code v}.
     */
    static long[] missingMasks(SamplePlanes planes, int first) {
        long[] m = new long[planes.variantCount];
        int end = Math.min(planes.sampleCount, first + BLOCK);
        for (int s = first; s < end; s++) {
            long bit = 1L << (s - first);
            for (int v : planes.missing[s]) {
                m[v] |= bit;
            }
        }
        return m;
    }

    private void fill(SamplePlanes planes, int block) {
        int first = block * BLOCK;
        int end = Math.min(planes.sampleCount, first + BLOCK);
        int base = block * variantCount;
        for (int s = first; s < end; s++) {
            long bit = 1L << (s - first);
            int at = SamplePlanes.PLANES * (s * planes.words) + SamplePlanes.HET;
            for (int w = 0; w < planes.words; w++) {
                long het = planes.bits[at + SamplePlanes.PLANES * w];
                int v0 = base + (w << 6);
                while (het != 0) {
                    masks[v0 + Long.numberOfTrailingZeros(het)] |= bit;
                    het &= het - 1;
                }
            }
        }
    }
}
