package org.genosynth.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A genetic map file: per chromosome, points (base-pair position, cM) between which positions are interpolated
 * linearly (constant beyond the ends). Plain or gzipped. Layouts, told apart by the header line when there is one:
 * <ul>
 *   <li>a header naming the columns: position ({@code pos}, {@code position}, {@code bp}, {@code Position(bp)}),
 *       chromosome ({@code chr}, {@code chrom}, {@code chromosome}) and map ({@code cM}, {@code map},
 *       {@code Map(cM)}, {@code Genetic_Map(cM)}): SHAPEIT/Eagle {@code pos chr cM}, HapMap
 *       {@code Chromosome Position(bp) Rate(cM/Mb) Map(cM)} and the like;</li>
 *   <li>no header (or a header with other names): {@code CHROM POS CM} (sex-averaged) or
 *       {@code CHROM POS CM_MALE CM_FEMALE} (sex-specific; also named so in a header);</li>
 *   <li>PLINK {@code .map}: {@code CHROM ID CM POS} (four fields, the second not a number).</li>
 * </ul>
 * A row whose position or map value is not a number is an error naming the file, line and field.
 */
public final class GeneticMapFile {
    private final Map<String, Points> chromosomes;

    private GeneticMapFile(Map<String, Points> chromosomes) {
        this.chromosomes = chromosomes;
    }

    /** One chromosome's points, male and female cM (equal unless the file is sex-specific). */
    public static final class Points {
        private final TreeMap<Long, double[]> points = new TreeMap<>();
        private boolean sexSpecific;

        /** True when the file gave male and female maps. */
        public boolean sexSpecific() {
            return sexSpecific;
        }

        /** cM at {@code bp} for a male ({@code true}) or female meiosis. */
        public double at(long bp, boolean male) {
            int k = male ? 0 : 1;
            var lo = points.floorEntry(bp);
            var hi = points.ceilingEntry(bp);
            if (lo == null) {
                return hi.getValue()[k];
            }
            if (hi == null || hi.getKey().equals(lo.getKey())) {
                return lo.getValue()[k];
            }
            double f = (bp - lo.getKey()) / (double) (hi.getKey() - lo.getKey());
            return lo.getValue()[k] + f * (hi.getValue()[k] - lo.getValue()[k]);
        }

        /** Sex-averaged cM at {@code bp}. */
        public double at(long bp) {
            return 0.5 * (at(bp, true) + at(bp, false));
        }
    }

    /** The points of {@code chrom} (also found with or without a {@code chr} prefix), or null. */
    public Points chromosome(String chrom) {
        Points p = chromosomes.get(chrom);
        if (p == null) {
            p = chromosomes.get(chrom.startsWith("chr") ? chrom.substring(3) : "chr" + chrom);
        }
        return p;
    }

    /** Chromosome names, in file order. */
    public List<String> names() {
        return new ArrayList<>(chromosomes.keySet());
    }

    /** Reads {@code file}. */
    public static GeneticMapFile read(Path file) {
        Map<String, Points> out = new LinkedHashMap<>();
        try (LineReader reader = new LineReader(file)) {
            return read(file, reader, out);
        }
    }

    private static GeneticMapFile read(Path file, LineReader reader, Map<String, Points> out) {
        int chromCol = 0;
        int posCol = 1;
        int cmCol = 2;
        int cmFemaleCol = -1;
        boolean first = true;
        boolean headerSeen = false;
        for (String line = reader.next(); line != null; line = reader.next()) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+");
            long lineNo = reader.lineNumber();
            if (first) {
                int[] header = header(f);
                if (header != null) {
                    first = false;
                    chromCol = header[0];
                    posCol = header[1];
                    cmCol = header[2];
                    cmFemaleCol = header[3];
                    continue;
                }
                if (!headerSeen && !NumberText.isNumber(f[f.length - 1])) { // a header of other names: layout from data
                    headerSeen = true;
                    continue;
                }
                first = false;
                if (f.length == 4 && !NumberText.isNumber(f[1])) { // PLINK .map: CHROM ID CM POS
                    posCol = 3;
                    cmCol = 2;
                } else if (f.length == 4) {
                    cmFemaleCol = 3;
                } else if (f.length != 3) {
                    throw new InputException(file, lineNo, null, "expected CHROM POS CM, CHROM POS CM_MALE CM_FEMALE, "
                            + "a PLINK .map (CHROM ID CM POS) or a header naming pos, chr and cM columns; got "
                            + f.length + " fields");
                }
            }
            int need = Math.max(Math.max(chromCol, posCol), Math.max(cmCol, cmFemaleCol));
            if (f.length <= need) {
                throw new InputException(file, lineNo, null, "expected at least " + (need + 1) + " fields, got "
                        + f.length);
            }
            long bp;
            double male;
            double female;
            try {
                bp = Long.parseLong(f[posCol]);
            } catch (NumberFormatException e) {
                throw new InputException(file, lineNo, "position", "not a whole number: '" + f[posCol] + "'");
            }
            male = number(file, lineNo, "cM", f[cmCol]);
            female = cmFemaleCol < 0 ? male : number(file, lineNo, "cM (female)", f[cmFemaleCol]);
            Points p = out.computeIfAbsent(f[chromCol], k -> new Points());
            p.sexSpecific |= cmFemaleCol >= 0;
            p.points.put(bp, new double[] {male, female});
        }
        if (out.isEmpty()) {
            throw InputException.inFile(file, "no map points");
        }
        return new GeneticMapFile(out);
    }

    /**
     * Column indices (chrom, pos, cM, female cM or -1) named by a header line, or null when the line is not a header.
     */
    private static int[] header(String[] f) {
        int chrom = -1;
        int pos = -1;
        int cm = -1;
        int female = -1;
        for (int i = 0; i < f.length; i++) {
            String h = f[i].toLowerCase(Locale.ROOT);
            if (h.equals("chr") || h.equals("chrom") || h.equals("chromosome") || h.equals("#chrom")) {
                chrom = i;
            } else if (h.equals("pos") || h.equals("position") || h.equals("bp") || h.equals("position(bp)")
                    || h.equals("physical_position")) {
                pos = i;
            } else if (h.equals("cm") || h.equals("map") || h.equals("map(cm)") || h.equals("genetic_map(cm)")
                    || h.equals("genetic_position") || h.equals("cm_male") || h.equals("male_cm")) {
                cm = i;
            } else if (h.equals("cm_female") || h.equals("female_cm")) {
                female = i;
            }
        }
        return chrom >= 0 && pos >= 0 && cm >= 0 ? new int[] {chrom, pos, cm, female} : null;
    }


    private static double number(Path file, long line, String field, String s) {
        try {
            double x = Double.parseDouble(s);
            if (Double.isFinite(x)) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputException(file, line, field, "not a number: '" + s + "'");
    }
}
