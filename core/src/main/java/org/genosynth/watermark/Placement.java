package org.genosynth.watermark;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.genosynth.model.Variant;

/**
 * Where a watermark SNP goes and what it is called, so that it looks like its neighbours: a chromosome drawn in
 * proportion to the input's variants, a position strictly between two adjacent input positions (cM interpolated when
 * the input has a map), random distinct alleles, and an ID in the input's style ({@code rsNNN} when most input IDs are
 * rs numbers, {@code CHROM:POS:REF:ALT} when they are written that way, otherwise rs numbers), never one the input
 * uses.
 */
final class Placement {
    private static final String[] BASES = {"A", "C", "G", "T"};

    private final Map<String, List<Variant>> byChrom = new LinkedHashMap<>();
    private final List<String> chromOfVariant = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private final Set<String> loci = new HashSet<>();
    private final String style;

    Placement(List<Variant> variants) {
        int rs = 0;
        int colon = 0;
        for (Variant v : variants) {
            ids.add(v.id());
            rs += v.id().matches("rs\\d+") ? 1 : 0;
            colon += v.id().matches("[^:]+:\\d+:[ACGTN]+:[ACGTN]+") ? 1 : 0;
            if (v.hasPosition()) {
                byChrom.computeIfAbsent(v.chrom(), k -> new ArrayList<>()).add(v);
                chromOfVariant.add(v.chrom());
                loci.add(v.chrom() + ":" + v.position());
            }
        }
        if (chromOfVariant.isEmpty()) {
            throw new IllegalArgumentException("no input variant has a position");
        }
        byChrom.values().forEach(l -> l.sort((a, b) -> Long.compare(a.position(), b.position())));
        style = colon * 2 > variants.size() ? "colon" : "rs";
    }

    /** A new variant placed with randomness from {@code rng}. */
    Variant place(SplittableRandom rng) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            String chrom = chromOfVariant.get(rng.nextInt(chromOfVariant.size()));
            List<Variant> on = byChrom.get(chrom);
            if (on.size() < 2) {
                continue;
            }
            int k = rng.nextInt(on.size() - 1);
            Variant a = on.get(k);
            Variant b = on.get(k + 1);
            if (b.position() - a.position() < 2) {
                continue;
            }
            long pos = a.position() + 1 + (long) (rng.nextDouble() * (b.position() - a.position() - 1));
            if (!loci.add(chrom + ":" + pos)) {
                continue;
            }
            double cm = Double.NaN;
            if (a.hasCentimorgan() && b.hasCentimorgan()) {
                cm = a.centimorgan() + (b.centimorgan() - a.centimorgan()) * (pos - a.position())
                        / (double) (b.position() - a.position());
            }
            int r = rng.nextInt(4);
            int s = (r + 1 + rng.nextInt(3)) % 4;
            String id = id(chrom, pos, BASES[r], BASES[s], rng);
            return new Variant(chrom, pos, id, BASES[r], BASES[s], cm);
        }
        throw new IllegalArgumentException("could not place a watermark SNP between the input's positions");
    }

    private String id(String chrom, long pos, String ref, String alt, SplittableRandom rng) {
        if (style.equals("colon")) {
            String id = chrom + ":" + pos + ":" + ref + ":" + alt;
            ids.add(id);
            return id;
        }
        while (true) {
            String id = "rs" + (1_000_000L + (long) (rng.nextDouble() * 999_000_000L));
            if (ids.add(id)) {
                return id;
            }
        }
    }
}
