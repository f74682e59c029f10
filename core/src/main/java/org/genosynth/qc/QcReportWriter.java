package org.genosynth.qc;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genosynth.io.AtomicOutput;
import org.genosynth.model.Sample;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;
import org.genosynth.util.ByteText;

/**
 * Writes the QC tables {@code OUT.afreq}, {@code OUT.vmiss}, {@code OUT.hardy}, {@code OUT.smiss}, when asked
 * {@code OUT.het}, and when chromosome X has a Hardy–Weinberg test {@code OUT.hardy.x} (its variants are then not in
 * {@code OUT.hardy}, nor are the variants without a test: chrY, MT, X without known sexes): tab-separated, header
 * line starting with {@code #}, columns named as plink2 names them (plus {@code POS}); numbers with 8 significant
 * digits, {@code NA} when undefined. Files appear only on {@link #commit()}.
 */
public final class QcReportWriter implements AutoCloseable {
    private static final int DIGITS = 8;

    private final AtomicOutput output = new AtomicOutput();
    private final String prefix;
    private final boolean inbreeding;
    private final OutputStream afreq;
    private final OutputStream vmiss;
    private final OutputStream hardy;
    /** Opened at the first chromosome X row. */
    private OutputStream hardyX;
    private long untested;

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

    private OutputStream open(String ext, String header) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(output.temp(Path.of(prefix + ext))),
                1 << 16);
        out.write(header.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /**
     * The per-variant table lines of one block (UTF-8), formatted where the block was computed (a worker), and the
     * number of its variants without a Hardy–Weinberg test.
     */
    public record VariantLines(byte[] afreq, byte[] vmiss, byte[] hardy, byte[] hardyX, int untested)
            implements java.io.Serializable {
    }

    /** Formats the lines of a block's kept variants for the three per-variant tables. Thread-safe. */
    public static VariantLines format(VariantBlock block, VariantStats[] stats, boolean[] kept) {
        int nv = block.variantCount();
        ByteText freq = new ByteText(nv * 48);
        ByteText miss = new ByteText(nv * 40);
        ByteText hwe = new ByteText(nv * 72);
        ByteText hweX = new ByteText(0);
        int untested = 0;
        for (int i = 0; i < nv; i++) {
            if (kept[i]) {
                Variant v = block.variant(i);
                appendFrequency(freq, v, stats[i]);
                appendMissing(miss, v, stats[i]);
                if (stats[i].xHardy() != null) {
                    appendHardyX(hweX, v, stats[i]);
                } else if (stats[i].noHardyTest()) {
                    untested++;
                } else {
                    appendHardy(hwe, v, stats[i]);
                }
            }
        }
        return new VariantLines(freq.toByteArray(), miss.toByteArray(), hwe.toByteArray(), hweX.toByteArray(),
                untested);
    }

    private static void appendFrequency(ByteText freq, Variant v, VariantStats s) {
        appendLocus(freq, v).append(v.ref()).append('\t').append(v.alt()).append('\t')
                .appendSignificant(s.altFrequency(), DIGITS).append('\t').append(s.alleleCount()).append('\n');
    }

    private static void appendMissing(ByteText miss, Variant v, VariantStats s) {
        appendLocus(miss, v).append(s.missing()).append('\t').append(s.sampleCount()).append('\t')
                .appendSignificant(s.missingRate(), DIGITS).append('\n');
    }

    private static void appendHardy(ByteText hwe, Variant v, VariantStats s) {
        appendLocus(hwe, v).append(v.ref()).append('\t').append(v.alt()).append('\t')
                .append(s.founderHomRef()).append('\t').append(s.founderHet()).append('\t')
                .append(s.founderHomAlt()).append('\t')
                .appendSignificant(s.observedHet(), DIGITS).append('\t')
                .appendSignificant(s.expectedHet(), DIGITS).append('\t')
                .appendSignificant(s.hweP(), DIGITS).append('\n');
    }

    private static void appendHardyX(ByteText hwe, Variant v, VariantStats s) {
        VariantStats.XHardy x = s.xHardy();
        appendLocus(hwe, v).append(v.ref()).append('\t').append(v.alt()).append('\t')
                .append(x.femaleHomRef()).append('\t').append(x.femaleHet()).append('\t')
                .append(x.femaleHomAlt()).append('\t').append(x.maleRef()).append('\t').append(x.maleAlt())
                .append('\t').appendSignificant(x.femaleObservedHet(), DIGITS).append('\t')
                .appendSignificant(x.femaleExpectedHet(), DIGITS).append('\t')
                .appendSignificant(x.femaleRefFrequency(), DIGITS).append('\t')
                .appendSignificant(x.maleRefFrequency(), DIGITS).append('\t')
                .appendSignificant(s.hweP(), DIGITS).append('\n');
    }

    /** Writes a block's formatted lines, in block order. */
    public void add(VariantLines lines) {
        try {
            afreq.write(lines.afreq());
            vmiss.write(lines.vmiss());
            hardy.write(lines.hardy());
            if (lines.hardyX().length > 0) {
                if (hardyX == null) {
                    hardyX = open(".hardy.x", "#CHROM\tPOS\tID\tA1\tAX\tFEMALE_HOM_A1_CT\tFEMALE_HET_A1_CT\t"
                            + "FEMALE_TWO_AX_CT\tMALE_A1_CT\tMALE_AX_CT\tO(FEMALE_HET_A1)\tE(FEMALE_HET_A1)\t"
                            + "FEMALE_A1_FREQ\tMALE_A1_FREQ\tP\n");
                }
                hardyX.write(lines.hardyX());
            }
            untested += lines.untested();
        } catch (IOException e) {
            throw new UncheckedIOException("writing QC reports " + prefix, e);
        }
    }

    /**
     * What the tables leave out, for the run's notes: the variants without a Hardy–Weinberg test (none: empty), as
     * plink2 skips them.
     */
    public List<String> notes() {
        return untested == 0 ? List.of() : List.of(String.format(java.util.Locale.ROOT, "%,d variants on chrY, MT, "
                + "or X without a sample of known sex have no Hardy-Weinberg test (not in %s.hardy; --hwe keeps "
                + "them), as plink2 skips them", untested, prefix));
    }

    private static ByteText appendLocus(ByteText line, Variant v) {
        line.append(v.chrom()).append('\t');
        if (v.hasPosition()) {
            line.append(v.position());
        } else {
            line.append("NA");
        }
        return line.append('\t').append(v.id()).append('\t');
    }

    /** Writes the per-sample tables and renames every table into place. Returns the paths written. */
    public List<Path> commit(List<Sample> samples, SampleTotals totals) {
        try {
            afreq.close();
            vmiss.close();
            hardy.close();
            if (hardyX != null) {
                hardyX.close();
            }
            writeSampleTables(samples, totals);
        } catch (IOException e) {
            throw new UncheckedIOException("writing QC reports " + prefix, e);
        }
        output.commit();
        List<String> tables = new java.util.ArrayList<>(List.of(".afreq", ".vmiss", ".hardy"));
        if (hardyX != null) {
            tables.add(".hardy.x");
        }
        tables.add(".smiss");
        if (inbreeding) {
            tables.add(".het");
        }
        return tables.stream().map(e -> Path.of(prefix + e)).toList();
    }

    private void writeSampleTables(List<Sample> samples, SampleTotals t) throws IOException {
        try (OutputStream smiss = open(".smiss", "#FID\tIID\tMISSING_CT\tOBS_CT\tF_MISS\n")) {
            ByteText a = new ByteText(128);
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.get(i);
                a.clear().append(s.familyId()).append('\t').append(s.id()).append('\t').append(t.missing(i))
                        .append('\t').append(t.observed(i)).append('\t')
                        .appendSignificant(t.missingRate(i), DIGITS).append('\n');
                a.writeTo(smiss);
            }
        }
        if (inbreeding) {
            writeInbreeding(samples, t);
        }
    }

    private void writeInbreeding(List<Sample> samples, SampleTotals t) throws IOException {
        try (OutputStream het = open(".het", "#FID\tIID\tO(HOM)\tE(HOM)\tOBS_CT\tF\n")) {
            ByteText b = new ByteText(128);
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.get(i);
                b.clear().append(s.familyId()).append('\t').append(s.id()).append('\t').append(t.observedHom(i))
                        .append('\t').appendSignificant(t.expectedHom(i), DIGITS).append('\t')
                        .append(t.hetObserved(i)).append('\t').appendSignificant(t.inbreedingF(i), DIGITS)
                        .append('\n');
                b.writeTo(het);
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
            if (hardyX != null) {
                hardyX.close();
            }
        } catch (IOException ignored) {
            // temporary files are deleted next
        }
        output.close();
    }
}
