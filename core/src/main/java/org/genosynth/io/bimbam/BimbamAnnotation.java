package org.genosynth.io.bimbam;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.io.InputException;
import org.genosynth.io.LineReader;
import org.genosynth.io.NumberText;
import org.genosynth.model.Variant;

/**
 * A BIMBAM annotation file: lines {@code rs bp chr [cM]} separated by whitespace or commas. An unknown bp ({@code NA}
 * or negative) becomes position -9, an unknown chromosome ({@code NA}, {@code -9}) becomes {@code "0"}, an unknown cM
 * {@code NaN}.
 *
 * <p>Genotype rows are matched by rs ID. A row whose rs equals the annotation line at the same index is matched
 * positionally, which also resolves rs IDs the annotation lists more than once; a duplicated rs met out of order is
 * ambiguous and an error.
 */
final class BimbamAnnotation {
    static final long UNKNOWN_POSITION = -9;
    private static final int DUPLICATED = -1;

    private final Path path;
    private final List<Entry> entries;
    private final Map<String, Integer> indexById;

    private BimbamAnnotation(Path path, List<Entry> entries, Map<String, Integer> indexById) {
        this.path = path;
        this.entries = entries;
        this.indexById = indexById;
    }

    /** One annotation line. */
    record Entry(String id, String chrom, long position, double centimorgan, long line) {
    }

    Path path() {
        return path;
    }

    int size() {
        return entries.size();
    }

    /** Reads the whole file (one small entry per variant). */
    static BimbamAnnotation read(Path path) {
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        try (LineReader lines = new LineReader(path)) {
            String line;
            while ((line = lines.nextNonBlank()) != null) {
                Entry e = parse(lines, LineReader.splitCommaOrWhitespace(line));
                index.merge(e.id(), entries.size(), (a, b) -> DUPLICATED);
                entries.add(e);
            }
        }
        return new BimbamAnnotation(path, entries, index);
    }

    private static Entry parse(LineReader lines, String[] f) {
        if (f.length < 3) {
            throw lines.error(null, "expected rs, bp, chr and optionally cM; found " + f.length + " field(s)");
        }
        long bp = position(lines, f[1]);
        String chrom = f[2].equals("NA") || f[2].equals("-9") ? "0" : f[2];
        double cm = f.length > 3 ? centimorgan(lines, f[3]) : Double.NaN;
        return new Entry(f[0], chrom, bp, cm, lines.lineNumber());
    }

    private static long position(LineReader lines, String text) {
        if (text.equals("NA")) {
            return UNKNOWN_POSITION;
        }
        try {
            double v = NumberText.parseDecimal(text);
            if (v != Math.rint(v)) {
                throw lines.error("bp", "position is not a whole number: '" + text + "'");
            }
            return v < 0 ? UNKNOWN_POSITION : (long) v;
        } catch (NumberFormatException e) {
            throw lines.error("bp", "not a position: '" + text + "' (use NA when unknown)");
        }
    }

    private static double centimorgan(LineReader lines, String text) {
        if (text.equals("NA")) {
            return Double.NaN;
        }
        try {
            double v = NumberText.parseDecimal(text);
            return v == -9 ? Double.NaN : v;
        } catch (NumberFormatException e) {
            throw lines.error("cM", "not a number: '" + text + "' (use NA when unknown)");
        }
    }

    /**
     * The annotation of genotype row {@code rowIndex} (0-based), or null when the annotation has no entry for its rs.
     *
     * @throws InputException when the rs is listed several times and the annotation is not in genotype order here
     */
    Entry lookup(String rs, int rowIndex, Path genoPath, long genoLine) {
        if (rowIndex < entries.size() && entries.get(rowIndex).id().equals(rs)) {
            return entries.get(rowIndex);
        }
        Integer i = indexById.get(rs);
        if (i == null) {
            return null;
        }
        if (i == DUPLICATED) {
            String here = rowIndex < entries.size()
                    ? "its entry " + (rowIndex + 1) + " (line " + entries.get(rowIndex).line() + ") is '"
                            + entries.get(rowIndex).id() + "'"
                    : "it has only " + entries.size() + " entries";
            throw new InputException(genoPath, genoLine, "rs", "'" + rs + "' is listed several times in annotation "
                    + path + " and " + here + ": when rs IDs are duplicated the annotation must follow the "
                    + "genotype order");
        }
        return entries.get(i);
    }

    /** The variant of a genotype row: annotated when {@code entry} is not null, else chromosome 0 at an unknown bp. */
    static Variant variant(Entry entry, String rs, String a1, String a2) {
        if (entry == null) {
            return new Variant("0", UNKNOWN_POSITION, rs, a2, a1, Double.NaN);
        }
        return new Variant(entry.chrom(), entry.position(), rs, a2, a1, entry.centimorgan());
    }
}
