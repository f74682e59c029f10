package org.genosynth.relatives;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.io.InputException;
import org.genosynth.model.Variant;

/**
 * Genetic positions (cM) of the variants of each chromosome, for male and for female meioses. Sources, in order:
 * a map file ({@link org.genosynth.io.GeneticMapFile}: linear interpolation between its points, constant beyond its
 * ends); else the input's own cM (PLINK .bim, BIMBAM annotation) when every variant of
 * the chromosome has one and they are not all equal; else the base-pair position times a rate ({@code cmPerMb}).
 */
public final class GeneticMap {
    /** One chromosome: variant indices (into the variant list) and their positions in cM, per sex. */
    public record Chromosome(String name, int[] variants, double[] cmMale, double[] cmFemale) {
        /** Map length in Morgans for a male (true) or female meiosis: max - min over the variants. */
        public double morgans(boolean male) {
            double[] cm = male ? cmMale : cmFemale;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double c : cm) {
                lo = Math.min(lo, c);
                hi = Math.max(hi, c);
            }
            return cm.length == 0 ? 0 : (hi - lo) / 100.0;
        }
    }

    private final List<Chromosome> chromosomes;
    private final List<String> notes;

    private GeneticMap(List<Chromosome> chromosomes, List<String> notes) {
        this.chromosomes = List.copyOf(chromosomes);
        this.notes = List.copyOf(notes);
    }

    public List<Chromosome> chromosomes() {
        return chromosomes;
    }

    /** How each chromosome was placed. */
    public List<String> notes() {
        return notes;
    }

    /** Total length in Morgans for one sex. */
    public double morgans(boolean male) {
        return chromosomes.stream().mapToDouble(c -> c.morgans(male)).sum();
    }

    /** True for names of sex chromosomes and mitochondria, which this simulator does not transmit. */
    public static boolean isAutosome(String chrom) {
        String c = chrom.toLowerCase(java.util.Locale.ROOT).replaceFirst("^chr", "");
        return !(c.equals("x") || c.equals("y") || c.equals("xy") || c.equals("mt") || c.equals("m")
                || c.equals("23") || c.equals("24") || c.equals("25") || c.equals("26"));
    }

    /**
     * Places {@code variants} (only autosomal ones; others must have been dropped by the caller).
     *
     * @param mapFile map file or null
     * @param cmPerMb rate for base-pair positions when neither a map file nor input cM place a chromosome
     */
    public static GeneticMap of(List<Variant> variants, Path mapFile, double cmPerMb) {
        Map<String, List<Integer>> byChrom = new LinkedHashMap<>();
        for (int v = 0; v < variants.size(); v++) {
            byChrom.computeIfAbsent(variants.get(v).chrom(), k -> new ArrayList<>()).add(v);
        }
        org.genosynth.io.GeneticMapFile file = mapFile == null ? null : org.genosynth.io.GeneticMapFile.read(mapFile);
        List<Chromosome> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byChrom.entrySet()) {
            int[] idx = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            double[] male = new double[idx.length];
            double[] female = new double[idx.length];
            String how;
            org.genosynth.io.GeneticMapFile.Points points = file == null ? null : file.chromosome(e.getKey());
            if (mapFile != null) {
                if (points == null) {
                    throw InputException.inFile(mapFile, "no map points for chromosome " + e.getKey());
                }
                for (int i = 0; i < idx.length; i++) {
                    Variant v = variants.get(idx[i]);
                    requirePosition(v, "the genetic map file");
                    male[i] = points.at(v.position(), true);
                    female[i] = points.at(v.position(), false);
                }
                how = points.sexSpecific() ? "map file (sex-specific)" : "map file";
            } else if (hasOwnMap(variants, idx)) {
                for (int i = 0; i < idx.length; i++) {
                    male[i] = female[i] = variants.get(idx[i]).centimorgan();
                }
                how = "input cM";
            } else {
                for (int i = 0; i < idx.length; i++) {
                    Variant v = variants.get(idx[i]);
                    requirePosition(v, "--cm-per-mb");
                    male[i] = female[i] = v.position() / 1e6 * cmPerMb;
                }
                how = cmPerMb + " cM/Mb";
            }
            Chromosome c = new Chromosome(e.getKey(), idx, male, female);
            out.add(c);
            notes.add(String.format(java.util.Locale.ROOT, "chromosome %s: %d variants, %.1f cM (%s)", e.getKey(),
                    idx.length, c.morgans(false) * 100, how));
        }
        return new GeneticMap(out, notes);
    }

    private static void requirePosition(Variant v, String what) {
        if (!v.hasPosition()) {
            throw InputException.usage("variant " + v.describe() + " has neither a cM position nor a base-pair "
                    + "position: cannot place it with " + what + " (drop it with --exclude or give cM)");
        }
    }

    private static boolean hasOwnMap(List<Variant> variants, int[] idx) {
        double first = Double.NaN;
        boolean varies = false;
        for (int v : idx) {
            double cm = variants.get(v).centimorgan();
            if (Double.isNaN(cm)) {
                return false;
            }
            if (Double.isNaN(first)) {
                first = cm;
            } else if (cm != first) {
                varies = true;
            }
        }
        return varies;
    }
}
