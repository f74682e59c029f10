package org.genosynth.eval.utility;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Hits clumped into loci along a coordinate (genetic map in cM when the cohort has one, base pairs otherwise): on
 * each chromosome, hits ordered by coordinate join one locus while the gap to the previous hit is at most the window;
 * hits without a coordinate are loci of their own. A locus is found by another set of hits when one of them lies within
 * the locus span widened by the window (or, for a locus without coordinate, is the same variant).
 */
public final class Loci {
    /** One locus: its span, lead variant (smallest p) and number of hits. */
    public record Locus(String chrom, double start, double end, GwasTable.Row lead, int hits) {
        boolean contains(GwasTable.Row r, Map<String, Double> coordinate, double window) {
            if (Double.isNaN(start)) {
                return r.key().equals(lead.key());
            }
            Double c = coordinate.get(r.key());
            return r.chrom().equals(chrom) && c != null && !c.isNaN() && c >= start - window && c <= end + window;
        }
    }

    private Loci() {
    }

    public static List<Locus> clump(List<GwasTable.Row> hits, Map<String, Double> coordinate, double window) {
        List<GwasTable.Row> placed = new ArrayList<>();
        List<Locus> out = new ArrayList<>();
        for (GwasTable.Row r : hits) {
            Double c = coordinate.get(r.key());
            if (c == null || c.isNaN()) {
                out.add(new Locus(r.chrom(), Double.NaN, Double.NaN, r, 1));
            } else {
                placed.add(r);
            }
        }
        placed.sort(Comparator.comparing(GwasTable.Row::chrom).thenComparingDouble(r -> coordinate.get(r.key())));
        List<GwasTable.Row> current = new ArrayList<>();
        for (GwasTable.Row r : placed) {
            if (!current.isEmpty()) {
                GwasTable.Row last = current.get(current.size() - 1);
                if (!last.chrom().equals(r.chrom())
                        || coordinate.get(r.key()) - coordinate.get(last.key()) > window) {
                    out.add(close(current, coordinate));
                    current = new ArrayList<>();
                }
            }
            current.add(r);
        }
        if (!current.isEmpty()) {
            out.add(close(current, coordinate));
        }
        return out;
    }

    private static Locus close(List<GwasTable.Row> rows, Map<String, Double> coordinate) {
        GwasTable.Row lead = rows.stream().min(Comparator.comparingDouble(GwasTable.Row::log10p)).orElseThrow();
        return new Locus(rows.get(0).chrom(), coordinate.get(rows.get(0).key()),
                coordinate.get(rows.get(rows.size() - 1).key()), lead, rows.size());
    }

    /** Whether any of {@code hits} falls in the locus (widened by the window). */
    public static boolean found(Locus locus, List<GwasTable.Row> hits, Map<String, Double> coordinate,
            double window) {
        return hits.stream().anyMatch(h -> locus.contains(h, coordinate, window));
    }
}
