package org.genosynth.assoc.kinship;

import java.util.ArrayList;
import java.util.List;
import org.genosynth.exec.Backend;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;

/**
 * Genotypes transposed to a sample-major bit layout for pair loops: per sample and per 64 variants, one word each of
 * "het", "hom" (either homozygote), "alt" (homozygous ALT) and "non-missing" bits. Samples without any missing call
 * are flagged so that pair kernels can skip the missingness terms.
 */
public final class SamplePlanes implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final int sampleCount;
    final int variantCount;
    /** Words per sample in each plane. */
    final int words;
    /**
     * Interleaved planes: word {@code w} of sample {@code s} is at {@code 4 (s words + w)} + plane, planes
     * {@link #HET}, {@link #HOM}, {@link #ALT}, {@link #CALLED}, so a pair loop reads one cache line per 2 words.
     */
    final long[] bits;
    static final int HET = 0;
    static final int HOM = 1;
    static final int ALT = 2;
    static final int CALLED = 3;
    final boolean[] hasMissing;
    final int[] hetTotal;
    /** Per sample, the sorted indices of its missing variants (empty when none). */
    final int[][] missing;

    private SamplePlanes(int n, int m) {
        this.sampleCount = n;
        this.variantCount = m;
        this.words = (m + 63) >>> 6;
        long size = (long) n * words;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many samples x variants for one plane: " + n + " x " + m);
        }
        if (4 * size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many samples x variants for one plane: " + n + " x " + m);
        }
        bits = new long[(int) (4 * size)];
        hasMissing = new boolean[n];
        hetTotal = new int[n];
        missing = new int[n][];
    }

    /** Transposes {@code m}; columns of 64 variants are filled in parallel on {@code backend}. */
    public static SamplePlanes of(GenotypeMatrix m, Backend backend) {
        SamplePlanes p = new SamplePlanes(m.sampleCount(), m.variantCount());
        List<int[]> ranges = new ArrayList<>();
        int step = 16;
        for (int w = 0; w < p.words; w += step) {
            ranges.add(new int[] {w, Math.min(p.words, w + step)});
        }
        backend.mapOrdered(ranges.iterator(), r -> {
            for (int w = r[0]; w < r[1]; w++) {
                p.fillColumn(m, w);
            }
            return r;
        }, r -> { });
        for (int s = 0; s < p.sampleCount; s++) {
            int base = s * p.words;
            int h = 0;
            long missing = 0;
            for (int w = 0; w < p.words; w++) {
                h += Long.bitCount(p.bits[4 * (base + w) + HET]);
                long valid = w == p.words - 1 ? lastMask(p.variantCount) : -1L;
                missing |= ~p.bits[4 * (base + w) + CALLED] & valid;
            }
            p.hetTotal[s] = h;
            p.hasMissing[s] = missing != 0;
            p.missing[s] = p.missingIndices(s);
        }
        return p;
    }

    private int[] missingIndices(int s) {
        if (!hasMissing[s]) {
            return new int[0];
        }
        int base = s * words;
        int count = 0;
        for (int w = 0; w < words; w++) {
            long valid = w == words - 1 ? lastMask(variantCount) : -1L;
            count += Long.bitCount(~bits[4 * (base + w) + CALLED] & valid);
        }
        int[] idx = new int[count];
        int at = 0;
        for (int w = 0; w < words; w++) {
            long valid = w == words - 1 ? lastMask(variantCount) : -1L;
            long miss = ~bits[4 * (base + w) + CALLED] & valid;
            while (miss != 0) {
                idx[at++] = (w << 6) + Long.numberOfTrailingZeros(miss);
                miss &= miss - 1;
            }
        }
        return idx;
    }

    /** True when bit {@code v} of sample {@code s} is set in {@code plane}. */
    boolean bit(int plane, int s, int v) {
        return (bits[4 * (s * words + (v >>> 6)) + plane] >>> (v & 63) & 1L) != 0;
    }

    private static long lastMask(int m) {
        int rem = m & 63;
        return rem == 0 ? -1L : (1L << rem) - 1;
    }

    /** Fills word column {@code w} (variants {@code 64w..64w+63}) for every sample. */
    private void fillColumn(GenotypeMatrix m, int w) {
        int vStart = w << 6;
        int vEnd = Math.min(variantCount, vStart + 64);
        long[] src = m.words();
        int wpv = m.wordsPerVariant();
        long[] hetCol = new long[sampleCount];
        long[] homCol = new long[sampleCount];
        long[] altCol = new long[sampleCount];
        long[] nmCol = new long[sampleCount];
        for (int v = vStart; v < vEnd; v++) {
            long bit = 1L << (v - vStart);
            int off = m.offset(v);
            for (int sw = 0; sw < wpv; sw++) {
                long word = src[off + sw];
                long lo = word & GenotypeCodes.LOW_BITS;
                long hi = (word >>> 1) & GenotypeCodes.LOW_BITS;
                long hetBits = lo & ~hi;
                long altBits = hi & ~lo;
                long missBits = lo & hi;
                int sBase = sw << 5;
                int sEnd = Math.min(32, sampleCount - sBase);
                for (int k = 0; k < sEnd; k++) {
                    int shift = k << 1;
                    int s = sBase + k;
                    if ((missBits >>> shift & 1L) != 0) {
                        continue;
                    }
                    nmCol[s] |= bit;
                    if ((hetBits >>> shift & 1L) != 0) {
                        hetCol[s] |= bit;
                    } else {
                        homCol[s] |= bit;
                        if ((altBits >>> shift & 1L) != 0) {
                            altCol[s] |= bit;
                        }
                    }
                }
            }
        }
        for (int s = 0; s < sampleCount; s++) {
            int at = 4 * (s * words + w);
            bits[at + HET] = hetCol[s];
            bits[at + HOM] = homCol[s];
            bits[at + ALT] = altCol[s];
            bits[at + CALLED] = nmCol[s];
        }
    }

    public int sampleCount() {
        return sampleCount;
    }

    public int variantCount() {
        return variantCount;
    }
}
