package org.genosynth.reads;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.seq.Bases;

/**
 * One haplotype of a contig: its bases and a segment map back to the reference. Segment kinds: {@link #FWD} (copied
 * from the reference, possibly with substitutions), {@link #INSERTED} (no reference base), {@link #REV} (reference
 * bases reverse-complemented: an inversion). A tandem duplication is a second FWD segment mapping to the same
 * reference bases.
 */
final class Haplotype {
    static final byte FWD = 0;
    static final byte INSERTED = 1;
    static final byte REV = 2;

    final byte[] seq;
    final int length;
    final long[] hapStart;
    final long[] refStart;
    final int[] segLen;
    final byte[] kind;
    final int segments;
    /** Edits applied (indexes into the contig's edit list). */
    final int[] applied;
    final int skipped;

    private Haplotype(byte[] seq, int length, long[] hapStart, long[] refStart, int[] segLen, byte[] kind,
                      int segments, int[] applied, int skipped) {
        this.seq = seq;
        this.length = length;
        this.hapStart = hapStart;
        this.refStart = refStart;
        this.segLen = segLen;
        this.kind = kind;
        this.segments = segments;
        this.applied = applied;
        this.skipped = skipped;
    }

    /** Builds haplotype {@code hap} (1 or 2) of {@code ref} from the contig's edits (sorted by position). */
    static Haplotype build(byte[] ref, List<Edit> edits, int hap, long seed) {
        Builder b = new Builder(ref.length);
        long cursor = 0;
        int[] applied = new int[edits.size()];
        int nApplied = 0;
        int skipped = 0;
        for (int e = 0; e < edits.size(); e++) {
            Edit ed = edits.get(e);
            if ((ed.hapMask() & hap) == 0) {
                continue;
            }
            if (ed.pos0() < cursor || ed.refEnd() > ref.length) {
                skipped++;
                continue;
            }
            b.copy(ref, cursor, ed.pos0());
            apply(b, ref, ed, seed);
            cursor = ed.refEnd();
            applied[nApplied++] = e;
        }
        b.copy(ref, cursor, ref.length);
        return b.finish(Arrays.copyOf(applied, nApplied), skipped);
    }

    private static void apply(Builder b, byte[] ref, Edit ed, long seed) {
        int p = (int) ed.pos0();
        switch (ed.shape()) {
            case DEL -> b.copy(ref, p, p + 1L);
            case INV -> {
                b.copy(ref, p, p + 1L);
                b.reverse(ref, p + 1, (int) (ed.end0() - p - 1));
            }
            case DUP -> {
                b.copy(ref, p, ed.end0());
                b.copy(ref, p + 1L, ed.end0());
            }
            case INS -> {
                b.copy(ref, p, p + 1L);
                byte[] ins = ed.alt();
                if (ins == null) {
                    int n = (int) ed.end0();
                    ins = new byte[n];
                    SplittableRandom r = new SplittableRandom(seed ^ (p * 0x9E3779B97F4A7C15L));
                    for (int i = 0; i < n; i++) {
                        ins[i] = Bases.ACGT[r.nextInt(4)];
                    }
                }
                b.inserted(ins, 0, ins.length);
            }
            default -> sequence(b, ref, ed);
        }
    }

    /** A sequence allele: shared prefix, substitutions for the common length, then a deletion or an insertion. */
    private static void sequence(Builder b, byte[] ref, Edit ed) {
        byte[] alt = ed.alt();
        int p = (int) ed.pos0();
        int r = ed.refLen();
        int common = Math.min(r, alt.length);
        b.substituted(ref, p, alt, common);
        if (alt.length > r) {
            b.inserted(alt, common, alt.length - common);
        }
        // ref bases common..r are deleted: simply not copied
    }

    /** The reference position segment index holding haplotype position {@code h}. */
    int segmentAt(long h) {
        int i = Arrays.binarySearch(hapStart, 0, segments, h);
        return i >= 0 ? i : -i - 2;
    }

    /**
     * Haplotype position of reference position {@code r} (0-based): in the first FWD segment (in haplotype order)
     * reaching past {@code r}. Binary search over the running maximum of FWD segment ends, which first exceeds
     * {@code r} exactly at that segment.
     */
    long hapPosOf(long r) {
        if (maxFwdEnd == null) {
            long[] m = new long[segments];
            long max = Long.MIN_VALUE;
            for (int s = 0; s < segments; s++) {
                if (kind[s] == FWD) {
                    max = Math.max(max, refStart[s] + segLen[s]);
                }
                m[s] = max;
            }
            maxFwdEnd = m;
        }
        int lo = 0;
        int hi = segments;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (maxFwdEnd[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (lo == segments) {
            return length;
        }
        return hapStart[lo] + Math.max(0, r - refStart[lo]);
    }

    private long[] maxFwdEnd;

    private static final class Builder {
        byte[] seq;
        int len;
        long[] hs = new long[16];
        long[] rs = new long[16];
        int[] sl = new int[16];
        byte[] k = new byte[16];
        int n;

        Builder(int capacity) {
            seq = new byte[capacity + 16];
        }

        void ensure(int extra) {
            if (len + extra > seq.length) {
                seq = Arrays.copyOf(seq, Math.max(len + extra, seq.length + (seq.length >> 1)));
            }
        }

        void segment(long refFrom, int length, byte kind) {
            if (length <= 0) {
                return;
            }
            if (n > 0 && kind == FWD && k[n - 1] == FWD && rs[n - 1] + sl[n - 1] == refFrom
                    && hs[n - 1] + sl[n - 1] == len) {
                sl[n - 1] += length;
                return;
            }
            if (n == hs.length) {
                hs = Arrays.copyOf(hs, n * 2);
                rs = Arrays.copyOf(rs, n * 2);
                sl = Arrays.copyOf(sl, n * 2);
                k = Arrays.copyOf(k, n * 2);
            }
            hs[n] = len;
            rs[n] = refFrom;
            sl[n] = length;
            k[n] = kind;
            n++;
        }

        void copy(byte[] ref, long from, long to) {
            int l = (int) (to - from);
            if (l <= 0) {
                return;
            }
            ensure(l);
            segment(from, l, FWD);
            System.arraycopy(ref, (int) from, seq, len, l);
            len += l;
        }

        void substituted(byte[] ref, int from, byte[] alt, int l) {
            ensure(l);
            segment(from, l, FWD);
            System.arraycopy(alt, 0, seq, len, l);
            len += l;
        }

        void inserted(byte[] alt, int from, int l) {
            ensure(l);
            segment(-1, l, INSERTED);
            System.arraycopy(alt, from, seq, len, l);
            len += l;
        }

        void reverse(byte[] ref, int from, int l) {
            ensure(l);
            segment(from, l, REV);
            byte[] rc = Bases.reverseComplement(ref, from, l);
            System.arraycopy(rc, 0, seq, len, l);
            len += l;
        }

        Haplotype finish(int[] applied, int skipped) {
            return new Haplotype(seq, len, hs, rs, sl, k, n, applied, skipped);
        }
    }
}
