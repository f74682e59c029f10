package org.genosynth.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Variant;

/**
 * Genotypes as SynGen6-style CSV (one row per sample, one column per SNP holding the ALT allele count 0/1/2, {@code NA}
 * when missing; columns named by variant ID, or {@code CHROM:POS:REF:ALT} when it has none) and the variant map that
 * says which allele is counted ({@code CHROM,POS,ID,REF,ALT,cM}). Used by {@code genosynth synth --output-format csv}
 * and by the benchmark's SynGen6 files.
 */
public final class GenotypeCsv {
    private GenotypeCsv() {
    }

    /**
     * Writes {@code PREFIX.snp.csv} ({@code SampleID,SNP...}) and {@code PREFIX.variant_map.csv} through {@code out}
     * (final names only after {@link AtomicOutput#commit()}); returns the two final paths.
     */
    public static List<Path> write(GenotypeMatrix m, String prefix, AtomicOutput out) {
        Path snps = Path.of(prefix + ".snp.csv");
        try (BufferedWriter w = Files.newBufferedWriter(out.temp(snps), StandardCharsets.UTF_8)) {
            writeHeader(w, "SampleID", m.variants());
            for (int s = 0; s < m.sampleCount(); s++) {
                w.write(field(m.samples().samples().get(s).id()));
                writeRow(w, m, s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + snps, e);
        }
        Path map = Path.of(prefix + ".variant_map.csv");
        writeVariantMap(out.temp(map), m.variants());
        return List.of(snps, map);
    }

    /** The header line: {@code leading} (already CSV), then one column per variant ({@link #columnName}). */
    public static void writeHeader(Writer w, String leading, List<Variant> variants) throws IOException {
        w.write(leading);
        for (Variant v : variants) {
            w.write(',');
            w.write(field(columnName(v)));
        }
        w.write('\n');
    }

    /** The rest of sample {@code s}'s row: {@code ,count} per variant ({@code NA} when missing), then a newline. */
    public static void writeRow(Writer w, GenotypeMatrix m, int s) throws IOException {
        StringBuilder sb = new StringBuilder(m.variantCount() * 2 + 1);
        for (int v = 0; v < m.variantCount(); v++) {
            int c = m.code(v, s);
            sb.append(',');
            if (c == GenotypeCodes.MISSING) {
                sb.append("NA");
            } else {
                sb.append((char) ('0' + c));
            }
        }
        sb.append('\n');
        w.write(sb.toString());
    }

    /** {@code CHROM,POS,ID,REF,ALT,cM} for every variant ({@code NA} for an unknown position or cM). */
    public static void writeVariantMap(Path path, List<Variant> variants) {
        try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            w.write("CHROM,POS,ID,REF,ALT,cM\n");
            for (Variant v : variants) {
                w.write(field(v.chrom()) + "," + (v.hasPosition() ? Long.toString(v.position()) : "NA") + ","
                        + field(columnName(v)) + "," + field(v.ref()) + "," + field(v.alt()) + ","
                        + (v.hasCentimorgan() ? NumberText.formatDouble(v.centimorgan()) : "NA") + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
    }

    /** The column name of a variant: its ID, or CHROM:POS:REF:ALT when it has none. */
    public static String columnName(Variant v) {
        return ".".equals(v.id()) ? v.chrom() + ":" + v.position() + ":" + v.ref() + ":" + v.alt() : v.id();
    }

    /** RFC 4180 quoting where needed. */
    public static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
