package org.genosynth.synth;

import java.util.ArrayList;
import java.util.List;
import org.genosynth.model.Variant;

/**
 * Where recombination can happen: per variant a non-decreasing map coordinate in cM within its chromosome, and the
 * index ranges of the chromosomes (runs of equal {@code chrom} in input order). The coordinate is the input's genetic
 * map when every positioned variant has one (and it is not all zero), else {@code bp x cmPerMb / 1e6}. Variants
 * without a usable position take the coordinate of the variant before them (so no switch point falls between them),
 * and a map that goes backwards is made non-decreasing by a running maximum.
 */
public final class GeneticMap {
    private final double[] coordinate;
    private final int[] chromStarts;
    private final boolean fromMap;

    private GeneticMap(double[] coordinate, int[] chromStarts, boolean fromMap) {
        this.coordinate = coordinate;
        this.chromStarts = chromStarts;
        this.fromMap = fromMap;
    }

    /** The map of {@code variants}, using {@code cmPerMb} when the input has no genetic map. */
    public static GeneticMap of(List<Variant> variants, double cmPerMb) {
        boolean useMap = org.genosynth.eval.fidelity.LdDecay.usesMap(variants);
        int m = variants.size();
        double[] at = new double[m];
        List<Integer> starts = new ArrayList<>();
        String chrom = null;
        double last = 0;
        for (int i = 0; i < m; i++) {
            Variant v = variants.get(i);
            if (!v.chrom().equals(chrom)) {
                chrom = v.chrom();
                starts.add(i);
                last = Double.NEGATIVE_INFINITY;
            }
            double x = !v.hasPosition() ? Double.NaN : useMap ? v.centimorgan() : v.position() * cmPerMb / 1e6;
            if (Double.isNaN(x)) {
                x = last == Double.NEGATIVE_INFINITY ? 0 : last;
            }
            x = Math.max(x, last);
            at[i] = x;
            last = x;
        }
        starts.add(m);
        return new GeneticMap(at, starts.stream().mapToInt(Integer::intValue).toArray(), useMap);
    }

    /** True when the coordinates come from the input's genetic map (cM), false when derived from bp. */
    public boolean fromMap() {
        return fromMap;
    }

    public int variantCount() {
        return coordinate.length;
    }

    public int chromosomeCount() {
        return chromStarts.length - 1;
    }

    /** First variant index of chromosome {@code c}. */
    public int chromStart(int c) {
        return chromStarts[c];
    }

    /** One past the last variant index of chromosome {@code c}. */
    public int chromEnd(int c) {
        return chromStarts[c + 1];
    }

    public double coordinate(int v) {
        return coordinate[v];
    }

    /** Total map length in cM, summed over chromosomes. */
    public double totalLength() {
        double sum = 0;
        for (int c = 0; c < chromosomeCount(); c++) {
            sum += coordinate[chromEnd(c) - 1] - coordinate[chromStart(c)];
        }
        return sum;
    }

    /**
     * This map with the length of every window {@code [from, to)} (sorted, disjoint, each within one chromosome) taken
     * out: a window's variants share its first variant's coordinate and the rest of its chromosome moves down by the
     * window's length, so segments drawn on the result never end strictly inside a window and keep their lengths
     * elsewhere.
     */
    GeneticMap withoutSwitchesIn(List<int[]> windows) {
        double[] at = coordinate.clone();
        int c = 0;
        double shift = 0;
        int w = 0;
        for (int v = 0; v < at.length; v++) {
            while (v >= chromStarts[c + 1]) {
                c++;
                shift = 0;
            }
            while (w < windows.size() && windows.get(w)[1] <= v) {
                w++;
            }
            if (w < windows.size() && v > windows.get(w)[0] && v < windows.get(w)[1]) {
                at[v] = coordinate[windows.get(w)[0]] - shift;
                if (v == windows.get(w)[1] - 1) {
                    shift += coordinate[v] - coordinate[windows.get(w)[0]];
                }
            } else {
                at[v] = coordinate[v] - shift;
            }
        }
        return new GeneticMap(at, chromStarts, fromMap);
    }

    /** The first variant index in {@code [from, to)} whose coordinate exceeds {@code x}, or {@code to}. */
    int firstBeyond(int from, int to, double x) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (coordinate[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
