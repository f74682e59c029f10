package org.genosynth.assoc.kinship;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.genosynth.exec.Backend;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.util.Bits;

/**
 * Genotypes transposed to a sample-major bit layout for pair loops: per sample and per 64 variants, one word each of
 * "het", "hom" (either homozygote), "alt" (homozygous ALT) and "non-missing" bits; plus each sample's number of
 * heterozygous calls and sorted list of missing variants, from which {@link KingRowBlock} takes the terms that
 * depend on missing calls.
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
    public static final int HET = 0;
    public static final int HOM = 1;
    public static final int ALT = 2;
    public static final int CALLED = 3;
    /** Planes per word. */
    public static final int PLANES = 4;
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

    private static long lastMask(int m) {
        int rem = m & 63;
        return rem == 0 ? -1L : (1L << rem) - 1;
    }

    /**
     * Fills word column {@code w} (variants {@code 64w..64w+63}) for every sample, 64 samples at a time: the 2-bit
     * codes of each variant give 64-bit het/hom/alt masks over the samples (even bits compacted), and a 64 x 64 bit
     * transpose turns the 64 variants' masks into one word per sample. No per-genotype branches.
     */
    private void fillColumn(GenotypeMatrix m, int w) {
        int vStart = w << 6;
        int vEnd = Math.min(variantCount, vStart + 64);
        long[] src = m.words();
        int wpv = m.wordsPerVariant();
        long[] het = new long[64];
        long[] hom = new long[64];
        long[] alt = new long[64];
        for (int sw = 0; sw < wpv; sw += 2) {
            boolean second = sw + 1 < wpv;
            Arrays.fill(het, 0);
            Arrays.fill(hom, 0);
            Arrays.fill(alt, 0);
            for (int v = vStart; v < vEnd; v++) {
                int off = m.offset(v) + sw;
                long a = src[off];
                long b = second ? src[off + 1] : 0;
                int k = v - vStart;
                het[k] = Bits.evenBits(a & ~(a >>> 1)) | Bits.evenBits(b & ~(b >>> 1)) << 32;
                hom[k] = Bits.evenBits(~a) | Bits.evenBits(~b) << 32;
                alt[k] = Bits.evenBits(~a & (a >>> 1)) | Bits.evenBits(~b & (b >>> 1)) << 32;
            }
            transpose(het);
            transpose(hom);
            transpose(alt);
            int first = sw << 5;
            int end = Math.min(sampleCount, first + 64);
            for (int s = first; s < end; s++) {
                int at = PLANES * (s * words + w);
                long h = het[s - first];
                long o = hom[s - first];
                bits[at + HET] = h;
                bits[at + HOM] = o;
                bits[at + ALT] = alt[s - first];
                bits[at + CALLED] = h | o;
            }
        }
    }

    /** Transposes a 64 x 64 bit matrix in place: bit {@code c} of row {@code r} becomes bit {@code r} of row {@code c}. */
    static void transpose(long[] a) {
        long m = 0x0000_0000_FFFF_FFFFL;
        for (int j = 32; j != 0; j >>>= 1, m ^= m << j) {
            for (int k = 0; k < 64; k = ((k | j) + 1) & ~j) {
                long t = ((a[k] >>> j) ^ a[k | j]) & m;
                a[k] ^= t << j;
                a[k | j] ^= t;
            }
        }
    }

    /**
     * The interleaved planes themselves (not a copy; read only): word {@code w} of sample {@code s}, plane {@code p}
     * ({@link #HET}, {@link #HOM}, {@link #ALT}, {@link #CALLED}) is at {@code PLANES * (s * words() + w) + p}; bit
     * {@code b} of word {@code w} is variant {@code 64 w + b}, bits past the last variant are 0.
     */
    public long[] bits() {
        return bits;
    }

    /** Words per sample in each plane: {@code ceil(variants / 64)}. */
    public int words() {
        return words;
    }

    public int sampleCount() {
        return sampleCount;
    }

    public int variantCount() {
        return variantCount;
    }
}
