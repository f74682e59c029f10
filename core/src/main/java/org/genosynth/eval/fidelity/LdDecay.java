package org.genosynth.eval.fidelity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.genosynth.assoc.ld.LdPairs;
import org.genosynth.exec.Backend;
import org.genosynth.exec.BlockKernel;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Variant;

/**
 * LD decay: the mean r² (unphased hard-call correlation, as plink2 {@code --r2-unphased}) of variant pairs on the same
 * chromosome, by distance bin. Distance is in cM when every positioned variant has a genetic map position (and the map
 * is not all zero), in base pairs otherwise. Every pair within the last bin edge is counted, up to
 * {@code maxNeighbours} following variants per variant (so the cost stays linear in the number of variants).
 */
public final class LdDecay {
    /** Bin edges in cM: dense near zero, where LD changes fastest. */
    public static final double[] CM_EDGES = {0, 0.1, 0.25, 0.5, 1, 2, 3, 5, 7.5, 10, 15, 20};
    /** Bin edges in bp. */
    public static final double[] BP_EDGES = {0, 1e4, 2.5e4, 5e4, 1e5, 2.5e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7};
    /** Default cap on the partners of each variant. */
    public static final int MAX_NEIGHBOURS = 200;

    private LdDecay() {
    }

    /** The curve: per bin [edges[i], edges[i+1]) the number of pairs and their mean r². */
    public record Curve(boolean centimorgans, double[] edges, long[] pairs, double[] meanR2) {
        public String unit() {
            return centimorgans ? "cM" : "bp";
        }

        /** Bin midpoints, for plotting. */
        public double[] midpoints() {
            double[] m = new double[meanR2.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = (edges[i] + edges[i + 1]) / 2;
            }
            return m;
        }
    }

    /** True when the genetic map can be used for distances. */
    public static boolean usesMap(List<Variant> variants) {
        boolean anyNonZero = false;
        for (Variant v : variants) {
            if (!v.hasPosition()) {
                continue;
            }
            if (!v.hasCentimorgan()) {
                return false;
            }
            anyNonZero |= v.centimorgan() != 0;
        }
        return anyNonZero;
    }

    /** The curve with the default bins for the variants' distance unit. */
    public static Curve compute(GenotypeMatrix m, int threads) {
        try (ExecutionContext context = ExecutionContext.local(threads)) {
            return compute(m, context.backend());
        }
    }

    /** The curve with the default bins for the variants' distance unit, variant ranges on {@code backend}. */
    public static Curve compute(GenotypeMatrix m, Backend backend) {
        boolean cm = usesMap(m.variants());
        return compute(m, cm, cm ? CM_EDGES : BP_EDGES, MAX_NEIGHBOURS, backend);
    }

    /**
     * The curve with the given bins. Pairs of variants without a usable distance, of constant variants, or with an
     * undefined r² are skipped. The result does not depend on {@code threads}.
     */
    public static Curve compute(GenotypeMatrix m, boolean centimorgans, double[] edges, int maxNeighbours,
            int threads) {
        try (ExecutionContext context = ExecutionContext.local(threads)) {
            return compute(m, centimorgans, edges, maxNeighbours, context.backend());
        }
    }

    /** As {@link #compute(GenotypeMatrix, boolean, double[], int, int)}, variant ranges on {@code backend}. */
    public static Curve compute(GenotypeMatrix m, boolean centimorgans, double[] edges, int maxNeighbours,
            Backend backend) {
        LdPairs ld = new LdPairs(m);
        List<Variant> vs = m.variants();
        int nv = vs.size();
        double[] at = new double[nv];
        for (int i = 0; i < nv; i++) {
            Variant v = vs.get(i);
            at[i] = !v.hasPosition() ? Double.NaN : centimorgans ? v.centimorgan() : v.position();
        }
        double max = edges[edges.length - 1];
        int bins = edges.length - 1;
        int chunk = 256;
        List<int[]> ranges = new ArrayList<>();
        for (int s = 0; s < nv; s += chunk) {
            ranges.add(new int[] {s, Math.min(nv, s + chunk)});
        }
        long[] pairs = new long[bins];
        double[] sums = new double[bins];
        // a BlockKernel: the cohort's LD moments, the variants and their coordinates are what it ships
        BlockKernel<int[], Object[]> kernel = r -> {
            long[] p = new long[bins];
            double[] s = new double[bins];
            for (int i = r[0]; i < r[1]; i++) {
                if (Double.isNaN(at[i]) || ld.isConstant(i)) {
                    continue;
                }
                String chrom = vs.get(i).chrom();
                for (int j = i + 1; j < nv && j - i <= maxNeighbours; j++) {
                    if (!vs.get(j).chrom().equals(chrom)) {
                        break;
                    }
                    double d = Math.abs(at[j] - at[i]);
                    if (Double.isNaN(d) || ld.isConstant(j)) {
                        continue;
                    }
                    if (d >= max) {
                        if (at[j] >= at[i]) {
                            break;
                        }
                        continue;
                    }
                    double r2 = ld.moments(i, j).r2();
                    if (Double.isNaN(r2)) {
                        continue;
                    }
                    int b = bin(edges, d);
                    p[b]++;
                    s[b] += r2;
                }
            }
            return new Object[] {p, s};
        };
        backend.mapOrdered(ranges.iterator(), kernel, res -> {
            long[] p = (long[]) res[0];
            double[] s = (double[]) res[1];
            for (int b = 0; b < bins; b++) {
                pairs[b] += p[b];
                sums[b] += s[b];
            }
        });
        double[] mean = new double[bins];
        for (int b = 0; b < bins; b++) {
            mean[b] = pairs[b] == 0 ? Double.NaN : sums[b] / pairs[b];
        }
        return new Curve(centimorgans, edges.clone(), pairs, mean);
    }

    private static int bin(double[] edges, double d) {
        int b = Arrays.binarySearch(edges, d);
        return b >= 0 ? Math.min(b, edges.length - 2) : -b - 2;
    }

    /**
     * The distance between two curves on the same bins: the mean absolute difference of mean r² over the bins where
     * both have pairs (NaN when there are none).
     */
    public static double distance(Curve a, Curve b) {
        if (!Arrays.equals(a.edges, b.edges)) {
            throw new IllegalArgumentException("LD decay curves on different bins");
        }
        double[] diffs = IntStream.range(0, a.meanR2.length)
                .filter(i -> a.pairs[i] > 0 && b.pairs[i] > 0)
                .mapToDouble(i -> Math.abs(a.meanR2[i] - b.meanR2[i])).toArray();
        return diffs.length == 0 ? Double.NaN : Arrays.stream(diffs).average().orElse(Double.NaN);
    }
}
