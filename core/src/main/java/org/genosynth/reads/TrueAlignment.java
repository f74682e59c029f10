package org.genosynth.reads;

/**
 * The true alignment of a haplotype span to the reference, as a SAM CIGAR. Bases are mapped through the haplotype's
 * segments; the alignment starts at the first mapped base, gaps in reference positions become deletions, inserted
 * bases insertions, and the read is soft-clipped where the mapping jumps backwards (the second copy of a tandem
 * duplication) or changes strand (an inversion breakpoint). A span lying mostly in an inversion aligns to the
 * reverse strand ({@link #flipped}).
 */
final class TrueAlignment {
    /** 0-based reference start of the alignment, or -1 when no base maps (the read lies in inserted sequence). */
    int start;
    /** The span aligns to the opposite strand of the haplotype. */
    boolean flipped;
    String cigar;
    /** Reference bases spanned. */
    int refSpan;

    private int[] pos = new int[512];
    private final StringBuilder sb = new StringBuilder(32);

    /** Computes the alignment of haplotype span {@code [from, from + len)}. */
    void compute(Haplotype h, long from, int len) {
        if (pos.length < len) {
            pos = new int[len];
        }
        int rev = 0;
        int fwd = 0;
        int seg = h.segmentAt(from);
        for (int i = 0; i < len; i++) {
            long hp = from + i;
            while (seg + 1 < h.segments && h.hapStart[seg + 1] <= hp) {
                seg++;
            }
            long off = hp - h.hapStart[seg];
            switch (h.kind[seg]) {
                case Haplotype.FWD -> {
                    pos[i] = (int) (h.refStart[seg] + off);
                    fwd++;
                }
                case Haplotype.REV -> {
                    pos[i] = -2 - (int) (h.refStart[seg] + h.segLen[seg] - 1 - off);
                    rev++;
                }
                default -> pos[i] = -1;
            }
        }
        flipped = rev > fwd;
        if (flipped) {
            for (int i = 0, j = len - 1; i < j; i++, j--) {
                int t = pos[i];
                pos[i] = pos[j];
                pos[j] = t;
            }
            for (int i = 0; i < len; i++) {
                pos[i] = pos[i] == -1 ? -1 : pos[i] <= -2 ? -2 - pos[i] : -2 - pos[i];
            }
        }
        build(len);
    }

    /** CIGAR over mapped (>= 0) positions; negative positions other than -1 are the wrong strand: clipped. */
    private void build(int len) {
        sb.setLength(0);
        int first = -1;
        for (int i = 0; i < len; i++) {
            if (pos[i] >= 0) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            start = -1;
            cigar = "*";
            refSpan = 0;
            return;
        }
        start = pos[first];
        if (first > 0) {
            sb.append(first).append('S');
        }
        char op = 'M';
        int run = 1;
        int prev = pos[first];
        int i = first + 1;
        int pendingIns = 0;
        for (; i < len; i++) {
            int p = pos[i];
            if (p == -1) {
                pendingIns++;
                continue;
            }
            if (p <= prev || p < -1) {
                break;
            }
            if (pendingIns > 0) {
                sb.append(run).append(op);
                sb.append(pendingIns).append('I');
                pendingIns = 0;
                op = 'M';
                run = 0;
            }
            if (p > prev + 1) {
                if (run > 0) {
                    sb.append(run).append(op);
                }
                sb.append(p - prev - 1).append('D');
                run = 0;
            }
            run++;
            prev = p;
        }
        if (run > 0) {
            sb.append(run).append(op);
        }
        int clipped = len - i + pendingIns;
        if (clipped > 0) {
            sb.append(clipped).append('S');
        }
        refSpan = prev - start + 1;
        cigar = sb.toString();
    }
}
