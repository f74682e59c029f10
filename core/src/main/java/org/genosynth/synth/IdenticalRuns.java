package org.genosynth.synth;

import java.util.List;
import org.genosynth.model.Variant;

/**
 * Longest runs of identical genotypes between a candidate synthetic genome and the genomes of a panel: consecutive
 * variants within a chromosome, called in both, at which the two genotypes are equal — what {@code genosynth
 * evaluate}'s shared-segment attack scores a real genome by ({@code segment_mia_auc_identical}). Read from the 2-bit
 * rows of {@link DonorPanel} (32 variants per word): a word of identical genotypes costs a few operations, a run is
 * followed across words by the identical calls at a word's two ends.
 */
final class IdenticalRuns {
    private final DonorPanel panel;
    /** Per word: the even bit of every variant it holds. */
    private final long[] valid;
    /** Per word: the even bit of every variant that begins a chromosome (after the first). */
    private final long[] starts;

    IdenticalRuns(DonorPanel panel, List<Variant> variants) {
        this.panel = panel;
        int rw = panel.rowWords();
        valid = new long[rw];
        starts = new long[rw];
        for (int v = 0; v < panel.variantCount(); v++) {
            valid[v >>> 5] |= 1L << ((v & 31) << 1);
            if (v > 0 && !variants.get(v).chrom().equals(variants.get(v - 1).chrom())) {
                starts[v >>> 5] |= 1L << ((v & 31) << 1);
            }
        }
    }

    /** The longest identical run of {@code row} (a full row as {@link RowBuilder#fullRow}) with any panel genome. */
    int longest(long[] row) {
        int rw = panel.rowWords();
        long[] rows = panel.rows();
        int best = 0;
        for (int d = 0; d < panel.donorCount(); d++) {
            best = Math.max(best, longest(row, 0, rows, d * rw));
        }
        return best;
    }

    /** The longest identical run of panel genome {@code d} with any other panel genome. */
    int longestWithOthers(int d) {
        int rw = panel.rowWords();
        long[] rows = panel.rows();
        int best = 0;
        for (int e = 0; e < panel.donorCount(); e++) {
            if (e != d) {
                best = Math.max(best, longest(rows, d * rw, rows, e * rw));
            }
        }
        return best;
    }

    private int longest(long[] a, int aAt, long[] b, int bAt) {
        int best = 0;
        int current = 0;
        for (int w = 0; w < valid.length; w++) {
            long x = a[aAt + w];
            long y = b[bAt + w];
            long differ = x ^ y;
            // equal codes at called variants (code 3, both bits set, is a missing call)
            long same = ~(differ | differ >>> 1) & valid[w] & ~(x & x >>> 1);
            if (starts[w] != 0) {
                for (int j = 0; j < 32; j++) {
                    long bit = 1L << (j << 1);
                    if ((valid[w] & bit) == 0) {
                        break;
                    }
                    if ((starts[w] & bit) != 0) {
                        best = Math.max(best, current);
                        current = 0;
                    }
                    if ((same & bit) != 0) {
                        current++;
                    } else {
                        best = Math.max(best, current);
                        current = 0;
                    }
                }
                continue;
            }
            if (same == valid[w]) {
                current += Long.bitCount(same);
                continue;
            }
            long ones = same | same << 1; // two bits per identical variant
            best = Math.max(best, current + (Long.numberOfTrailingZeros(~ones) >>> 1));
            if (best < 32 && org.genosynth.util.Bits.hasRun(ones, 2 * best + 2)) {
                best = Math.max(best, org.genosynth.util.Bits.longestOnes(ones) >>> 1); // a longer run inside the word
            }
            current = Long.numberOfLeadingZeros(~ones) >>> 1;
        }
        return Math.max(best, current);
    }
}
