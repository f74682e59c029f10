package org.genosynth.assoc;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genosynth.io.AtomicOutput;
import org.genosynth.util.Numbers;

/**
 * Writes {@code OUT.gwas.tsv}: tab-separated, header {@code #CHROM POS ID REF ALT A1 A1_FREQ OBS_CT BETA SE P}
 * (plus {@code FIRTH} Y/N for logistic), one line per variant in input order, numbers with 8 significant digits,
 * {@code NA} when undefined, P below 1e-300 in exponent form. The file appears under its final name only when the
 * output set is committed.
 */
public final class GwasTableWriter implements AutoCloseable {
    /** Significant digits of every number in the table. */
    public static final int DIGITS = 8;

    private final Path path;
    private final Writer writer;
    private final boolean firthColumn;
    private final StringBuilder lines = new StringBuilder(1 << 16);

    /** Opens {@code prefix.gwas.tsv} as a temporary file of {@code output}. */
    public GwasTableWriter(AtomicOutput output, String prefix, boolean firthColumn) {
        this.path = Path.of(prefix + ".gwas.tsv");
        this.firthColumn = firthColumn;
        try {
            writer = new BufferedWriter(Files.newBufferedWriter(output.temp(path), StandardCharsets.UTF_8), 1 << 16);
            writer.write("#CHROM\tPOS\tID\tREF\tALT\tA1\tA1_FREQ\tOBS_CT\tBETA\tSE\tP" + (firthColumn ? "\tFIRTH" : "")
                    + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + path, e);
        }
    }

    /** The final path of the table. */
    public Path path() {
        return path;
    }

    /** Appends one row. */
    public void add(AssocRow r) {
        var v = r.variant();
        lines.append(v.chrom()).append('\t');
        if (v.hasPosition()) {
            lines.append(v.position());
        } else {
            lines.append("NA");
        }
        lines.append('\t').append(v.id()).append('\t').append(v.ref()).append('\t').append(v.alt()).append('\t')
                .append(v.alt()).append('\t');
        Numbers.appendSignificant(lines, r.a1Freq(), DIGITS).append('\t').append(r.obsCount()).append('\t');
        Numbers.appendSignificant(lines, r.beta(), DIGITS).append('\t');
        Numbers.appendSignificant(lines, r.se(), DIGITS).append('\t');
        PValues.appendP(lines, r.log10p(), DIGITS);
        if (firthColumn) {
            lines.append('\t').append(r.tested() ? (r.firth() ? "Y" : "N") : "NA");
        }
        lines.append('\n');
        if (lines.length() > 1 << 16) {
            flush();
        }
    }

    private void flush() {
        try {
            writer.append(lines);
            lines.setLength(0);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
    }

    /** Flushes and closes the temporary file (the caller commits the output set). */
    public void finish() {
        flush();
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException ignored) {
            // the output set deletes the temporary file
        }
    }
}
