package org.genosynth.qc;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genosynth.io.AtomicOutput;
import org.genosynth.model.Sample;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;
import org.genosynth.util.Numbers;

/**
 * Writes the QC tables {@code OUT.afreq}, {@code OUT.vmiss}, {@code OUT.hardy}, {@code OUT.smiss} and, when asked,
 * {@code OUT.het}: tab-separated, header line starting with {@code #}, columns named as plink2 names them (plus
 * {@code POS}); numbers with 8 significant digits, {@code NA} when undefined. Files appear only on {@link #commit()}.
 */
public final class QcReportWriter implements AutoCloseable {
    private static final int DIGITS = 8;

    private final AtomicOutput output = new AtomicOutput();
    private final String prefix;
    private final boolean inbreeding;
    private final Writer afreq;
    private final Writer vmiss;
    private final Writer hardy;

    /** Opens the per-variant tables for {@code prefix}; {@code inbreeding} adds {@code .het} at commit. */
    public QcReportWriter(String prefix, boolean inbreeding) {
        this.prefix = prefix;
        this.inbreeding = inbreeding;
        try {
            afreq = open(".afreq", "#CHROM\tPOS\tID\tREF\tALT\tALT_FREQS\tOBS_CT\n");
            vmiss = open(".vmiss", "#CHROM\tPOS\tID\tMISSING_CT\tOBS_CT\tF_MISS\n");
            hardy = open(".hardy", "#CHROM\tPOS\tID\tA1\tAX\tHOM_A1_CT\tHET_A1_CT\tTWO_AX_CT\tO(HET_A1)\tE(HET_A1)\tP\n");
        } catch (IOException e) {
            output.close();
            throw new UncheckedIOException("creating QC reports " + prefix, e);
        }
    }

    private Writer open(String ext, String header) throws IOException {
        Writer w = new BufferedWriter(Files.newBufferedWriter(output.temp(Path.of(prefix + ext)),
                StandardCharsets.UTF_8), 1 << 16);
        w.write(header);
        return w;
    }

    /** The per-variant table lines of one block, formatted where the block was computed (a worker thread). */
    public record VariantLines(String afreq, String vmiss, String hardy) implements java.io.Serializable {
    }

    /** Formats the lines of a block's kept variants for the three per-variant tables. Thread-safe. */
    public static VariantLines format(VariantBlock block, VariantStats[] stats, boolean[] kept) {
        int nv = block.variantCount();
        StringBuilder freq = new StringBuilder(nv * 48);
        StringBuilder miss = new StringBuilder(nv * 40);
        StringBuilder hwe = new StringBuilder(nv * 72);
        for (int i = 0; i < nv; i++) {
            if (kept[i]) {
                appendVariant(freq, miss, hwe, block.variant(i), stats[i]);
            }
        }
        return new VariantLines(freq.toString(), miss.toString(), hwe.toString());
    }

    private static void appendVariant(StringBuilder freq, StringBuilder miss, StringBuilder hwe, Variant v,
                                      VariantStats s) {
        appendLocus(freq, v).append(v.ref()).append('\t').append(v.alt()).append('\t');
        Numbers.appendSignificant(freq, s.altFrequency(), DIGITS).append('\t').append(s.alleleCount())
                .append('\n');
        appendLocus(miss, v).append(s.missing()).append('\t').append(s.sampleCount()).append('\t');
        Numbers.appendSignificant(miss, s.missingRate(), DIGITS).append('\n');
        appendLocus(hwe, v).append(v.ref()).append('\t').append(v.alt()).append('\t')
                .append(s.founderHomRef()).append('\t').append(s.founderHet()).append('\t')
                .append(s.founderHomAlt()).append('\t');
        Numbers.appendSignificant(hwe, s.observedHet(), DIGITS).append('\t');
        Numbers.appendSignificant(hwe, s.expectedHet(), DIGITS).append('\t');
        Numbers.appendSignificant(hwe, s.hweP(), DIGITS).append('\n');
    }

    /** Writes a block's formatted lines, in block order. */
    public void add(VariantLines lines) {
        try {
            afreq.write(lines.afreq());
            vmiss.write(lines.vmiss());
            hardy.write(lines.hardy());
        } catch (IOException e) {
            throw new UncheckedIOException("writing QC reports " + prefix, e);
        }
    }

    private static StringBuilder appendLocus(StringBuilder sb, Variant v) {
        sb.append(v.chrom()).append('\t');
        if (v.hasPosition()) {
            sb.append(v.position());
        } else {
            sb.append("NA");
        }
        return sb.append('\t').append(v.id()).append('\t');
    }

    /** Writes the per-sample tables and renames every table into place. Returns the paths written. */
    public List<Path> commit(List<Sample> samples, SampleTotals totals) {
        try {
            afreq.close();
            vmiss.close();
            hardy.close();
            writeSampleTables(samples, totals);
        } catch (IOException e) {
            throw new UncheckedIOException("writing QC reports " + prefix, e);
        }
        output.commit();
        List<String> tables = inbreeding ? List.of(".afreq", ".vmiss", ".hardy", ".smiss", ".het")
                : List.of(".afreq", ".vmiss", ".hardy", ".smiss");
        return tables.stream().map(e -> Path.of(prefix + e)).toList();
    }

    private void writeSampleTables(List<Sample> samples, SampleTotals t) throws IOException {
        try (Writer smiss = new BufferedWriter(Files.newBufferedWriter(output.temp(Path.of(prefix + ".smiss")),
                StandardCharsets.UTF_8), 1 << 16)) {
            smiss.write("#FID\tIID\tMISSING_CT\tOBS_CT\tF_MISS\n");
            StringBuilder a = new StringBuilder(128);
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.get(i);
                a.setLength(0);
                a.append(s.familyId()).append('\t').append(s.id()).append('\t').append(t.missing(i)).append('\t')
                        .append(t.variantCount()).append('\t');
                Numbers.appendSignificant(a, t.missingRate(i), DIGITS).append('\n');
                smiss.write(a.toString());
            }
        }
        if (inbreeding) {
            writeInbreeding(samples, t);
        }
    }

    private void writeInbreeding(List<Sample> samples, SampleTotals t) throws IOException {
        try (Writer het = new BufferedWriter(Files.newBufferedWriter(output.temp(Path.of(prefix + ".het")),
                StandardCharsets.UTF_8), 1 << 16)) {
            het.write("#FID\tIID\tO(HOM)\tE(HOM)\tOBS_CT\tF\n");
            StringBuilder b = new StringBuilder(128);
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.get(i);
                b.setLength(0);
                b.append(s.familyId()).append('\t').append(s.id()).append('\t').append(t.observedHom(i)).append('\t');
                Numbers.appendSignificant(b, t.expectedHom(i), DIGITS).append('\t').append(t.hetObserved(i))
                        .append('\t');
                Numbers.appendSignificant(b, t.inbreedingF(i), DIGITS).append('\n');
                het.write(b.toString());
            }
        }
    }

    /** Deletes the temporary tables unless committed. */
    @Override
    public void close() {
        try {
            afreq.close();
            vmiss.close();
            hardy.close();
        } catch (IOException ignored) {
            // temporary files are deleted next
        }
        output.close();
    }
}
