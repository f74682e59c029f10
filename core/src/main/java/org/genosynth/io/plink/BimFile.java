package org.genosynth.io.plink;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.io.FieldLines;
import org.genosynth.io.InputException;
import org.genosynth.model.Variant;
import org.genosynth.io.NumberText;

/**
 * PLINK .bim variant files: {@code CHR ID CM BP A1 A2}. A1 is the counted (ALT) allele, A2 the reference, {@code 0} a
 * missing allele. A negative or zero BP means unknown position and is kept as given. The CM column is read as
 * centimorgans; when every value is 0 the map is taken as absent (PLINK's dummy value) and every genetic position
 * becomes NaN; an {@code NA} genetic position is NaN.
 */
public final class BimFile {
    private BimFile() {
    }

    /** Reads a whole .bim (plain or gzipped). */
    public static List<Variant> read(Path path) {
        Scan scan = scan(path);
        try (Reader reader = new Reader(path, scan.hasMap())) {
            return reader.next(Integer.MAX_VALUE);
        }
    }

    /**
     * What one fast byte pass over a .bim tells: its number of (non-blank) lines, and whether any genetic position
     * is non-zero (otherwise the CM column is PLINK's dummy and genetic positions are unknown).
     */
    public record Scan(int variantCount, boolean hasMap) {
    }

    /** Counts lines and looks for a non-zero CM value without parsing anything else. */
    public static Scan scan(Path path) {
        int lines = 0;
        boolean hasMap = false;
        try (java.io.InputStream in = org.genosynth.io.TextInput.openStream(path)) {
            byte[] buf = new byte[1 << 16];
            int field = 0;
            boolean inToken = false;
            boolean lineHasContent = false;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte c = buf[i];
                    if (c == '\n') {
                        lines += lineHasContent ? 1 : 0;
                        field = 0;
                        inToken = false;
                        lineHasContent = false;
                    } else if (c == ' ' || c == '\t' || c == '\r') {
                        if (inToken) {
                            field++;
                            inToken = false;
                        }
                    } else {
                        inToken = true;
                        lineHasContent = true;
                        hasMap |= field == 2 && c >= '1' && c <= '9';
                    }
                }
            }
            lines += lineHasContent ? 1 : 0;
        } catch (java.io.IOException e) {
            throw org.genosynth.io.TextInput.readFailure(path, e);
        }
        if (lines == 0) {
            throw InputException.inFile(path, "no variants: the .bim file is empty");
        }
        return new Scan(lines, hasMap);
    }

    /** Parses a .bim a chunk of lines at a time, so a block reader holds only the variants it streams. */
    public static final class Reader implements AutoCloseable {
        private final FieldLines in;
        private final boolean hasMap;
        private String chrom = "";

        /** @param hasMap whether the CM column is a real map (see {@link #scan}) */
        public Reader(Path path, boolean hasMap) {
            this.in = new FieldLines(path);
            this.hasMap = hasMap;
        }

        /** The next {@code count} variants (fewer at the end of the file). */
        public List<Variant> next(int count) {
            List<Variant> variants = new ArrayList<>(Math.min(count, 1 << 16));
            String[] f;
            while (variants.size() < count && (f = in.next()) != null) {
                if (f.length != 6) {
                    throw in.error(null, "expected 6 columns (CHR ID CM BP A1 A2), found " + f.length);
                }
                long bp = parseLong(f[3], in, "BP");
                if (bp > Integer.MAX_VALUE) {
                    // plink2 stores positions as 32-bit signed integers and refuses larger ones
                    throw in.error("BP", "position " + bp + " is beyond the largest position PLINK allows ("
                            + Integer.MAX_VALUE + ")");
                }
                double cm = f[2].equals("0") ? 0 : parseDouble(f[2], in, "CM");
                if (!f[0].equals(chrom)) {
                    chrom = f[0];   // one string per run of a chromosome
                }
                variants.add(new Variant(chrom, bp, f[1], allele(f[5]), allele(f[4]), hasMap ? cm : Double.NaN));
            }
            return variants;
        }

        @Override
        public void close() {
            in.close();
        }
    }

    private static String allele(String text) {
        return text.equals("0") ? Variant.MISSING_ALLELE : text;
    }

    private static long parseLong(String text, FieldLines in, String field) {
        if (text.equalsIgnoreCase("NA")) {
            return -9;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw in.error(field, "not an integer: '" + text + "'");
        }
    }

    private static double parseDouble(String text, FieldLines in, String field) {
        if (text.equalsIgnoreCase("NA")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw in.error(field, "not a number: '" + text + "'");
        }
    }

    /** Appends one .bim line for {@code v}. */
    public static void append(StringBuilder sb, Variant v) {
        sb.append(v.chrom()).append('\t').append(v.id()).append('\t');
        if (v.hasCentimorgan()) {
            sb.append(NumberText.formatDouble(v.centimorgan()));
        } else {
            sb.append('0');
        }
        sb.append('\t').append(v.position()).append('\t')
                .append(plinkAllele(v.alt())).append('\t').append(plinkAllele(v.ref())).append('\n');
    }

    /** Writes a whole list of variants. */
    public static void write(Writer out, List<Variant> variants) throws IOException {
        StringBuilder sb = new StringBuilder(64 * 1024);
        for (Variant v : variants) {
            append(sb, v);
            if (sb.length() > 60_000) {
                out.write(sb.toString());
                sb.setLength(0);
            }
        }
        out.write(sb.toString());
    }

    private static String plinkAllele(String allele) {
        return Variant.MISSING_ALLELE.equals(allele) ? "0" : allele;
    }
}
