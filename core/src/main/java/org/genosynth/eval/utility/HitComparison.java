package org.genosynth.eval.utility;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Real vs synthetic hits at one p-value threshold: SNP-level and locus-level agreement. */
public record HitComparison(int realHits, int syntheticHits, int sharedHits, List<Loci.Locus> realLoci,
        List<Loci.Locus> syntheticLoci, double locusRecall, double locusPrecision) {

    public static HitComparison of(GwasTable real, GwasTable synthetic, double threshold,
            java.util.Map<String, Double> coordinate, double window) {
        List<GwasTable.Row> rh = real.hits(threshold);
        List<GwasTable.Row> sh = synthetic.hits(threshold);
        Set<String> rk = new HashSet<>();
        rh.forEach(r -> rk.add(r.key()));
        int shared = (int) sh.stream().filter(s -> rk.contains(s.key())).count();
        List<Loci.Locus> rl = Loci.clump(rh, coordinate, window);
        List<Loci.Locus> sl = Loci.clump(sh, coordinate, window);
        double lr = rl.isEmpty() ? Double.NaN
                : (double) rl.stream().filter(l -> Loci.found(l, sh, coordinate, window)).count() / rl.size();
        double lp = sl.isEmpty() ? Double.NaN
                : (double) sl.stream().filter(l -> Loci.found(l, rh, coordinate, window)).count() / sl.size();
        return new HitComparison(rh.size(), sh.size(), shared, rl, sl, lr, lp);
    }

    /** Shared hits over synthetic hits (NaN without synthetic hits). */
    public double precision() {
        return syntheticHits == 0 ? Double.NaN : (double) sharedHits / syntheticHits;
    }

    /** Shared hits over real hits (NaN without real hits). */
    public double recall() {
        return realHits == 0 ? Double.NaN : (double) sharedHits / realHits;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return Double.isNaN(p) || Double.isNaN(r) || p + r == 0 ? (p == 0 || r == 0 ? 0 : Double.NaN)
                : 2 * p * r / (p + r);
    }
}
