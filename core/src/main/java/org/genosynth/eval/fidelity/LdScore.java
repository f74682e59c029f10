package org.genosynth.eval.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.assoc.ld.LdPairs;
import org.genosynth.exec.Backend;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Variant;

/**
 * The mean LD score of a cohort (Bulik-Sullivan et al. 2015): per variant, the sum over the other variants of its
 * chromosome within {@link #WINDOW_CM} cM (along the genetic map; {@link #WINDOW_BP} bp without one) of the
 * sample-size-corrected r² ({@code r² - (1 - r²) / (n - 2)}, so that unlinked pairs add 0 whatever the cohort's size).
 * Unlike the LD-decay curve's mean r² per distance bin, it weighs every distance by how many pairs lie there, so LD
 * lost at 10 kb-1 Mb, where a sequence-density cohort has thousands of partners per variant, is not hidden by the
 * first bins. It is also what the spread of the genomic relatedness matrix is made of (its off-diagonal variance is
 * about the mean LD score over the number of variants), so heritability estimates (REML PVE) and PCA spread depend
 * on it.
 *
 * <p>Estimated, not summed exhaustively: up to {@link #INDEX_VARIANTS} index variants (a seeded subset of those with a
 * position), each paired with every variant within {@link #NEAR} neighbours on either side and with a systematic
 * sample of {@link #FAR} further partners per side inside the window, weighted by the sampling stride. The partners
 * depend only on the variants and the seed, so cohorts over the same variants are measured on the same pairs. A pair
 * with a constant variant (in that cohort) adds 0: LD a synthetic cohort lost by losing an allele counts as lost.
 */
public final class LdScore {
    /** Window in cM along the genetic map (LDSC's default). */
    public static final double WINDOW_CM = 1;
    /** Window in bp when the variants have no genetic map. */
    public static final double WINDOW_BP = 1e6;
    /** Index variants measured (a seeded subset beyond this). */
    public static final int INDEX_VARIANTS = 4000;
    /** Neighbours on each side paired exhaustively. */
    public static final int NEAR = 100;
    /** Further partners sampled on each side, within the window. */
    public static final int FAR = 200;
    private static final long SEED = 0x1D5C0L;

    /** The index variants and each one's partners with their weights: one design for every cohort. */
    public record Design(boolean centimorgans, int[] index, int[][] partners, double[][] weights) {
    }

    private LdScore() {
    }

    /** The design over {@code variants}: index variants and weighted partners, seeded. */
    public static Design design(List<Variant> variants, boolean centimorgans, long seed) {
        int nv = variants.size();
        double window = centimorgans ? WINDOW_CM : WINDOW_BP;
        List<Integer> positioned = new ArrayList<>();
        for (int i = 0; i < nv; i++) {
            if (variants.get(i).hasPosition()) {
                positioned.add(i);
            }
        }
        SplittableRandom random = new SplittableRandom(seed ^ SEED);
        int[] index = positioned.stream().mapToInt(Integer::intValue).toArray();
        if (index.length > INDEX_VARIANTS) {
            // a seeded partial shuffle, then in order
            for (int i = 0; i < INDEX_VARIANTS; i++) {
                int j = i + random.nextInt(index.length - i);
                int t = index[i];
                index[i] = index[j];
                index[j] = t;
            }
            index = java.util.Arrays.copyOf(index, INDEX_VARIANTS);
            java.util.Arrays.sort(index);
        }
        int[][] partners = new int[index.length][];
        double[][] weights = new double[index.length][];
        for (int k = 0; k < index.length; k++) {
            int i = index[k];
            Variant vi = variants.get(i);
            double at = coordinate(vi, centimorgans);
            List<Integer> p = new ArrayList<>();
            List<Double> w = new ArrayList<>();
            for (int dir = -1; dir <= 1; dir += 2) {
                // the partners on this side inside the window (same chromosome, positioned)
                List<Integer> side = new ArrayList<>();
                for (int j = i + dir; j >= 0 && j < nv; j += dir) {
                    Variant vj = variants.get(j);
                    if (!vj.chrom().equals(vi.chrom())) {
                        break;
                    }
                    if (!vj.hasPosition()) {
                        continue;
                    }
                    double d = Math.abs(coordinate(vj, centimorgans) - at);
                    if (Double.isNaN(d) || d >= window) {
                        if (dir > 0 ? coordinate(vj, centimorgans) >= at : coordinate(vj, centimorgans) <= at) {
                            break;
                        }
                        continue;
                    }
                    side.add(j);
                }
                int near = Math.min(NEAR, side.size());
                for (int s = 0; s < near; s++) {
                    p.add(side.get(s));
                    w.add(1.0);
                }
                int rest = side.size() - near;
                if (rest <= FAR) {
                    for (int s = near; s < side.size(); s++) {
                        p.add(side.get(s));
                        w.add(1.0);
                    }
                } else {
                    double stride = (double) rest / FAR;
                    double offset = random.nextDouble() * stride;
                    for (int s = 0; s < FAR; s++) {
                        p.add(side.get(near + (int) Math.min(rest - 1, Math.floor(offset + s * stride))));
                        w.add(stride);
                    }
                }
            }
            partners[k] = p.stream().mapToInt(Integer::intValue).toArray();
            weights[k] = w.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return new Design(centimorgans, index, partners, weights);
    }

    private static double coordinate(Variant v, boolean centimorgans) {
        return centimorgans ? v.centimorgan() : v.position();
    }

    /**
     * The mean LD score of {@code m} over the design's index variants (an index variant constant in {@code m} scores
     * 0); NaN without index variants. The index variants run on {@code backend} in fixed blocks summed in order, so
     * the value does not depend on the thread count.
     */
    public static double mean(GenotypeMatrix m, Design design, Backend backend) {
        int count = design.index().length;
        if (count == 0) {
            return Double.NaN;
        }
        LdPairs ld = new LdPairs(m);
        int[] index = design.index();
        int[][] partners = design.partners();
        double[][] weights = design.weights();
        int chunk = 64;
        List<int[]> ranges = new ArrayList<>();
        for (int s = 0; s < count; s += chunk) {
            ranges.add(new int[] {s, Math.min(count, s + chunk)});
        }
        double[] total = new double[1];
        org.genosynth.exec.BlockKernel<int[], Double> kernel = r -> {
            double sum = 0;
            for (int k = r[0]; k < r[1]; k++) {
                int i = index[k];
                if (ld.isConstant(i)) {
                    continue;
                }
                for (int t = 0; t < partners[k].length; t++) {
                    int j = partners[k][t];
                    if (ld.isConstant(j)) {
                        continue;
                    }
                    LdPairs.Moments mo = ld.moments(i, j);
                    double r2 = mo.r2();
                    if (Double.isNaN(r2) || mo.n() < 3) {
                        continue;
                    }
                    sum += weights[k][t] * (r2 - (1 - r2) / (mo.n() - 2));
                }
            }
            return sum;
        };
        backend.mapOrdered(ranges.iterator(), kernel, s -> total[0] += s);
        return total[0] / count;
    }
}
