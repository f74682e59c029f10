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
public final class SamplePlanes {
    final int sampleCount;
    final int variantCount;
    /** Words per sample in each plane. */
    final int words;
    final long[] het;
    final long[] hom;
    final long[] alt;
    final long[] nonMissing;
    final boolean[] hasMissing;
    final int[] hetTotal;

    private SamplePlanes(int n, int m) {
        this.sampleCount = n;
        this.variantCount = m;
        this.words = (m + 63) >>> 6;
        long size = (long) n * words;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many samples x variants for one plane: " + n + " x " + m);
        }
        het = new long[(int) size];
        hom = new long[(int) size];
        alt = new long[(int) size];
        nonMissing = new long[(int) size];
        hasMissing = new boolean[n];
        hetTotal = new int[n];
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
                h += Long.bitCount(p.het[base + w]);
                long valid = w == p.words - 1 ? lastMask(p.variantCount) : -1L;
                missing |= ~p.nonMissing[base + w] & valid;
            }
            p.hetTotal[s] = h;
            p.hasMissing[s] = missing != 0;
        }
        return p;
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
            int at = s * words + w;
            het[at] = hetCol[s];
            hom[at] = homCol[s];
            alt[at] = altCol[s];
            nonMissing[at] = nmCol[s];
        }
    }

    public int sampleCount() {
        return sampleCount;
    }

    public int variantCount() {
        return variantCount;
    }
}
