package org.genosynth.eval.privacy;

import java.util.ArrayList;
import java.util.List;
import org.genosynth.assoc.kinship.KingKinship;
import org.genosynth.assoc.kinship.SamplePlanes;
import org.genosynth.eval.Ranks;
import org.genosynth.exec.Backend;
import org.genosynth.exec.BlockKernel;
import org.genosynth.exec.Shared;
import org.genosynth.model.Variant;

/**
 * The shared-segment membership attack: a generator that copies stretches of real genomes leaves, in some synthetic
 * genome, an unusually long run of genotypes identical to its source's, which whole-genome distances average away.
 * Each real genome is scored by the longest run of consecutive variants (file order) at which its genotype matches
 * some synthetic genome's (the maximum over the synthetic genomes), in two modes:
 * <ul>
 * <li><b>identical</b>: the two genotypes are equal;</li>
 * <li><b>half-identical</b>: they share an allele, i.e. are not opposite homozygotes ({@code |g1 - g2| <= 1}): what
 * copying one haplotype leaves.</li>
 * </ul>
 * A run needs both genotypes called: a missing call in either genome ends it, and so does a chromosome boundary (a
 * change of chromosome name between consecutive variants). Scores are counts of variants. The attack's AUC is
 * {@code P(member score > non-member score)}, ties counted half (Mann–Whitney): 0.5 when training genomes share no
 * longer runs with the synthetic cohort than unseen real genomes do.
 *
 * <p>Runs come from the {@link SamplePlanes} bit planes, 64 variants per word: per pair and word,
 * {@code called & ~(het1 ^ het2 | alt1 ^ alt2)} marks equal genotypes and {@code called & ~(hom1 & hom2 & (alt1 ^
 * alt2))} shared alleles; runs of ones are followed across words with a carry (trailing and leading ones by bit
 * counts; the runs inside a word are looked at only while the row's best is below 64). Rows are split into blocks run
 * on the {@link Backend}; a row's score is a maximum, so results do not depend on the thread count.
 */
public final class SegmentAttack {
    /** Real genomes per block of work. */
    private static final int ROW_BLOCK = 8;
    /** Synthetic genomes per inner block (kept in cache while a block's rows pass over them). */
    private static final int COL_BLOCK = 96;

    private SegmentAttack() {
    }

    /**
     * Longest runs and the attack's AUCs.
     *
     * @param memberIdentical        per member, its longest identical run with a synthetic genome (variants)
     * @param nonMemberIdentical     per non-member, the same
     * @param memberHalfIdentical    per member, its longest half-identical run
     * @param nonMemberHalfIdentical per non-member, the same
     * @param aucIdentical           P(member's identical run > non-member's), ties half
     * @param aucHalfIdentical       the same for half-identical runs
     */
    public record Result(int[] memberIdentical, int[] nonMemberIdentical, int[] memberHalfIdentical,
            int[] nonMemberHalfIdentical, double aucIdentical, double aucHalfIdentical) {
    }

    /**
     * The attack with member and non-member genomes {@code members}, {@code nonMembers} and synthetic genomes
     * {@code synthetic}, all sample indices of the planes held by {@code shared} (KING's, so that one shipped copy
     * serves every pass); {@code variants} are the planes' variants, in order.
     */
    public static Result compute(Shared<KingKinship> shared, List<Variant> variants, int[] members,
            int[] nonMembers, int[] synthetic, Backend backend) {
        int[][] m = longestRuns(shared, variants, members, synthetic, backend);
        int[][] n = longestRuns(shared, variants, nonMembers, synthetic, backend);
        return new Result(m[0], n[0], m[1], n[1], auc(m[0], n[0]), auc(m[1], n[1]));
    }

    /** As {@link #compute(Shared, List, int[], int[], int[], Backend)} on planes held here. */
    public static Result compute(SamplePlanes planes, List<Variant> variants, int[] members, int[] nonMembers,
            int[] synthetic, Backend backend) {
        return compute(Shared.of(new KingKinship(planes)), variants, members, nonMembers, synthetic, backend);
    }

    /**
     * Membership AUC of the scores: P(member > non-member) + P(equal) / 2, via {@link Ranks#probabilityLess} (which
     * gives P(A < B) + P(A = B) / 2 with A the non-members). NaN when either is empty.
     */
    static double auc(int[] memberScores, int[] nonMemberScores) {
        return Ranks.probabilityLess(toDouble(nonMemberScores), toDouble(memberScores));
    }

    /**
     * Per sample of {@code rows}: {@code [0]} its longest identical run, {@code [1]} its longest half-identical run,
     * with any sample of {@code cols} (0 when {@code cols} is empty).
     */
    public static int[][] longestRuns(Shared<KingKinship> shared, List<Variant> variants, int[] rows, int[] cols,
            Backend backend) {
        Pieces pieces = Pieces.of(variants);
        List<int[]> blocks = new ArrayList<>();
        for (int r = 0; r < rows.length; r += ROW_BLOCK) {
            blocks.add(new int[] {r, Math.min(rows.length, r + ROW_BLOCK)});
        }
        int[][] out = new int[2][rows.length];
        BlockKernel<int[], int[]> kernel = b -> {
            SamplePlanes planes = shared.get().planes();
            long[] bits = planes.bits();
            int stride = SamplePlanes.PLANES * planes.words();
            int n = b[1] - b[0];
            // best[2 i]: identical, best[2 i + 1]: half-identical, of row b[0] + i
            int[] best = new int[2 * n];
            for (int c0 = 0; c0 < cols.length; c0 += COL_BLOCK) {
                int c1 = Math.min(cols.length, c0 + COL_BLOCK);
                for (int r = b[0]; r < b[1]; r++) {
                    int a = rows[r] * stride;
                    for (int c = c0; c < c1; c++) {
                        pair(bits, a, cols[c] * stride, pieces, best, 2 * (r - b[0]));
                    }
                }
            }
            int[] res = new int[2 + 2 * n];
            res[0] = b[0];
            res[1] = b[1];
            System.arraycopy(best, 0, res, 2, 2 * n);
            return res;
        };
        backend.mapOrdered(blocks.iterator(), kernel, res -> {
            for (int r = res[0]; r < res[1]; r++) {
                out[0][r] = res[2 + 2 * (r - res[0])];
                out[1][r] = res[3 + 2 * (r - res[0])];
            }
        });
        return out;
    }

    /**
     * Raises {@code best[at]} (identical) and {@code best[at + 1]} (half-identical) to the longest runs of the pair
     * whose planes start at {@code a} and {@code b} in {@code bits}: by {@link #scan} while either is below
     * {@link #PROBE_FROM}, else by {@link #probe}.
     */
    static void pair(long[] bits, int a, int b, Pieces pieces, int[] best, int at) {
        if (best[at] < PROBE_FROM || best[at + 1] < PROBE_FROM) {
            scan(bits, a, b, pieces, best, at);
        } else {
            best[at] = probe(bits, a, b, pieces, false, best[at]);
            best[at + 1] = probe(bits, a, b, pieces, true, best[at + 1]);
        }
    }

    /** The best from which {@link #probe} applies: a longer run then covers at least one whole word. */
    static final int PROBE_FROM = 127;

    /** Identical ({@code half} false) or half-identical genotypes of word {@code w} of the pair (a, b). */
    private static long mask(long[] bits, int a, int b, int w, boolean half) {
        int i = a + SamplePlanes.PLANES * w;
        int j = b + SamplePlanes.PLANES * w;
        long called = bits[i + SamplePlanes.CALLED] & bits[j + SamplePlanes.CALLED];
        long altDiff = bits[i + SamplePlanes.ALT] ^ bits[j + SamplePlanes.ALT];
        return half ? called & ~(bits[i + SamplePlanes.HOM] & bits[j + SamplePlanes.HOM] & altDiff)
                : called & ~(bits[i + SamplePlanes.HET] ^ bits[j + SamplePlanes.HET] | altDiff);
    }

    /**
     * The larger of {@code best} (>= {@link #PROBE_FROM}) and the pair's longest run, without reading every word: a
     * run of L variants covers at least {@code floor(L / 64) - 1} whole words, all ones, of one chromosome, so a run
     * longer than {@code best} covers {@code q = floor((best + 1) / 64) - 1 >= 1} consecutive such words and one of
     * any words {@code q} apart. Only those are read; from one that is all ones the run is followed both ways to its
     * ends. {@code q} grows with {@code best}.
     */
    static int probe(long[] bits, int a, int b, Pieces p, boolean half, int best) {
        int words = p.whole.length;
        int q = (best + 1) / 64 - 1;
        int w = q - 1;
        while (w < words) {
            if (!p.whole[w] || mask(bits, a, b, w, half) != -1L) {
                w += q;
                continue;
            }
            int chrom = p.chromFirst[w];
            int l = w;
            while (l > 0 && p.whole[l - 1] && p.chromFirst[l - 1] == chrom && mask(bits, a, b, l - 1, half) == -1L) {
                l--;
            }
            int r = w;
            while (r + 1 < words && p.whole[r + 1] && p.chromFirst[r + 1] == chrom
                    && mask(bits, a, b, r + 1, half) == -1L) {
                r++;
            }
            int run = 64 * (r - l + 1);
            if (l > 0 && p.chromLast[l - 1] == chrom) {
                run += Math.min(Long.numberOfLeadingZeros(~mask(bits, a, b, l - 1, half)), p.topSpan[l - 1]);
            }
            if (r + 1 < words && p.chromFirst[r + 1] == chrom) {
                run += Math.min(Long.numberOfTrailingZeros(~mask(bits, a, b, r + 1, half)), p.lowSpan[r + 1]);
            }
            if (run > best) {
                best = run;
                q = (best + 1) / 64 - 1;
            }
            w = r + q;
        }
        return best;
    }

    /** {@link #pair} reading every word, both modes at once. */
    static void scan(long[] bits, int a, int b, Pieces pieces, int[] best, int at) {
        int best1 = best[at];
        int best2 = best[at + 1];
        int run1 = 0;
        int run2 = 0;
        int[] word = pieces.word;
        int[] lo = pieces.lo;
        int[] width = pieces.width;
        long[] mask = pieces.mask;
        boolean[] reset = pieces.reset;
        for (int k = 0; k < word.length; k++) {
            if (reset[k]) {
                best1 = Math.max(best1, run1);
                best2 = Math.max(best2, run2);
                run1 = 0;
                run2 = 0;
            }
            int i = a + SamplePlanes.PLANES * word[k];
            int j = b + SamplePlanes.PLANES * word[k];
            long called = bits[i + SamplePlanes.CALLED] & bits[j + SamplePlanes.CALLED];
            long altDiff = bits[i + SamplePlanes.ALT] ^ bits[j + SamplePlanes.ALT];
            long same = called & ~(bits[i + SamplePlanes.HET] ^ bits[j + SamplePlanes.HET] | altDiff);
            long half = called & ~(bits[i + SamplePlanes.HOM] & bits[j + SamplePlanes.HOM] & altDiff);
            int w = width[k];
            long full = mask[k];
            long s = (same >>> lo[k]) & full;
            long h = (half >>> lo[k]) & full;
            if (s == full) {
                run1 += w;
            } else {
                best1 = Math.max(best1, run1 + Long.numberOfTrailingZeros(~s));
                if (best1 < w && org.genosynth.util.Bits.hasRun(s, best1 + 1)) {
                    best1 = Math.max(best1, org.genosynth.util.Bits.longestOnes(s));
                }
                run1 = w - 64 + Long.numberOfLeadingZeros(~s & full);
            }
            if (h == full) {
                run2 += w;
            } else {
                best2 = Math.max(best2, run2 + Long.numberOfTrailingZeros(~h));
                if (best2 < w && org.genosynth.util.Bits.hasRun(h, best2 + 1)) {
                    best2 = Math.max(best2, org.genosynth.util.Bits.longestOnes(h));
                }
                run2 = w - 64 + Long.numberOfLeadingZeros(~h & full);
            }
        }
        best[at] = Math.max(best1, run1);
        best[at + 1] = Math.max(best2, run2);
    }

    private static double[] toDouble(int[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /**
     * The words of the planes cut at chromosome boundaries: piece {@code k} is bits {@code lo .. lo + width - 1} of
     * word {@code word[k]} ({@code mask[k]}: the low {@code width} bits), and {@code reset[k]} when a chromosome
     * starts at its first bit.
     */
    static final class Pieces implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final int[] word;
        final int[] lo;
        final int[] width;
        final long[] mask;
        final boolean[] reset;
        /** Per word: all 64 variants on one chromosome. */
        final boolean[] whole;
        /** Per word: the chromosome (numbered in file order, a new number at each change) of its first variant. */
        final int[] chromFirst;
        /** Per word: the chromosome of its last variant. */
        final int[] chromLast;
        /** Per word: how many of its low bits are variants of {@code chromFirst}. */
        final int[] lowSpan;
        /** Per word: how many of its high bits are variants of {@code chromLast} (the last word: its variants). */
        final int[] topSpan;

        private Pieces(List<int[]> p, int words) {
            word = new int[p.size()];
            lo = new int[p.size()];
            width = new int[p.size()];
            mask = new long[p.size()];
            reset = new boolean[p.size()];
            for (int k = 0; k < p.size(); k++) {
                int[] e = p.get(k);
                word[k] = e[0];
                lo[k] = e[1];
                width[k] = e[2];
                mask[k] = e[2] == 64 ? -1L : (1L << e[2]) - 1;
                reset[k] = e[3] != 0;
            }
            whole = new boolean[words];
            chromFirst = new int[words];
            chromLast = new int[words];
            lowSpan = new int[words];
            topSpan = new int[words];
            int chrom = -1;
            for (int k = 0; k < p.size(); k++) {
                int[] e = p.get(k);
                chrom += e[3] != 0 || k == 0 ? 1 : 0;
                int w = e[0];
                if (e[1] == 0) {
                    chromFirst[w] = chrom;
                    lowSpan[w] = e[2];
                    whole[w] = e[2] == 64;
                }
                chromLast[w] = chrom;
                topSpan[w] = e[2];
            }
        }

        static Pieces of(List<Variant> variants) {
            int m = variants.size();
            List<int[]> p = new ArrayList<>();
            int start = 0;
            while (start < m) {
                // the piece runs to the end of the word or of the chromosome, whichever comes first
                int end = Math.min(m, ((start >>> 6) + 1) << 6);
                String chrom = variants.get(start).chrom();
                int e = start + 1;
                while (e < end && variants.get(e).chrom().equals(chrom)) {
                    e++;
                }
                boolean newChrom = start > 0 && !chrom.equals(variants.get(start - 1).chrom());
                p.add(new int[] {start >>> 6, start & 63, e - start, newChrom ? 1 : 0});
                start = e;
            }
            return new Pieces(p, (m + 63) >>> 6);
        }
    }
}
