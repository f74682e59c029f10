package org.genosynth.io.table;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.InputException;
import org.genosynth.io.NumberText;
import org.genosynth.model.PhenotypeTable;
import org.genosynth.model.Sample;

/**
 * Writes a phenotype table in PLINK style: a {@code #FID IID name...} header, then one tab-separated row per sample with
 * {@code NA} for missing values. The file appears under its final name only when complete.
 */
public final class PhenotypeWriter {
    private PhenotypeWriter() {
    }

    /** Writes {@code table}, whose rows are aligned to {@code samples}, to {@code out}. */
    public static void write(Path out, List<Sample> samples, PhenotypeTable table) {
        checkAligned(samples, table);
        for (String name : table.names()) {
            if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
                throw InputException.inFile(out, "column name '" + name + "' is empty or contains whitespace");
            }
        }
        try (AtomicOutput output = new AtomicOutput()) {
            try (BufferedWriter w = Files.newBufferedWriter(output.temp(out), StandardCharsets.UTF_8)) {
                w.write("#FID\tIID");
                for (String name : table.names()) {
                    w.write('\t');
                    w.write(name);
                }
                w.write('\n');
                for (int r = 0; r < samples.size(); r++) {
                    writeRow(w, samples.get(r), table, r);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + out, e);
            }
            output.commit();
        }
    }

    /** Writes the rows of a table as read ({@link PhenotypeReader#readRows}): its header line, if any, then the rows. */
    public static void writeRows(Path out, String header, List<String> rows) {
        try (AtomicOutput output = new AtomicOutput()) {
            try (BufferedWriter w = Files.newBufferedWriter(output.temp(out), StandardCharsets.UTF_8)) {
                if (header != null) {
                    w.write(header);
                    w.write('\n');
                }
                for (String row : rows) {
                    w.write(row);
                    w.write('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + out, e);
            }
            output.commit();
        }
    }

    private static void writeRow(BufferedWriter w, Sample sample, PhenotypeTable table, int r) throws IOException {
        w.write(sample.familyId());
        w.write('\t');
        w.write(sample.id());
        for (int c = 0; c < table.columnCount(); c++) {
            double v = table.column(c)[r];
            w.write('\t');
            w.write(Double.isNaN(v) ? "NA" : NumberText.formatDouble(v));
        }
        w.write('\n');
    }

    private static void checkAligned(List<Sample> samples, PhenotypeTable table) {
        if (samples.size() != table.rowCount()) {
            throw new IllegalArgumentException(samples.size() + " samples but " + table.rowCount() + " table rows");
        }
        for (int r = 0; r < samples.size(); r++) {
            if (!samples.get(r).id().equals(table.sampleIds().get(r))) {
                throw new IllegalArgumentException("row " + r + " is sample '" + table.sampleIds().get(r)
                        + "', expected '" + samples.get(r).id() + "'");
            }
        }
    }
}
