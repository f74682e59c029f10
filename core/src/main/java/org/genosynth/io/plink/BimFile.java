package org.genosynth.io.plink;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.io.InputException;
import org.genosynth.io.LineReader;
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

    /** Reads a .bim (plain or gzipped). */
    public static List<Variant> read(Path path) {
        List<Variant> variants = new ArrayList<>();
        boolean anyMap = false;
        try (LineReader in = new LineReader(path)) {
            String line;
            while ((line = in.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = LineReader.splitWhitespace(line);
                if (f.length != 6) {
                    throw in.error(null, "expected 6 columns (CHR ID CM BP A1 A2), found " + f.length);
                }
                long bp = parseLong(f[3], in, "BP");
                double cm = parseDouble(f[2], in, "CM");
                anyMap |= cm != 0 && !Double.isNaN(cm);
                variants.add(new Variant(f[0], bp, f[1], allele(f[5]), allele(f[4]), cm));
            }
        }
        if (variants.isEmpty()) {
            throw InputException.inFile(path, "no variants: the .bim file is empty");
        }
        if (!anyMap) {
            variants.replaceAll(v -> new Variant(v.chrom(), v.position(), v.id(), v.ref(), v.alt(), Double.NaN));
        }
        return variants;
    }

    private static String allele(String text) {
        return text.equals("0") ? Variant.MISSING_ALLELE : text;
    }

    private static long parseLong(String text, LineReader in, String field) {
        if (text.equalsIgnoreCase("NA")) {
            return -9;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw in.error(field, "not an integer: '" + text + "'");
        }
    }

    private static double parseDouble(String text, LineReader in, String field) {
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
