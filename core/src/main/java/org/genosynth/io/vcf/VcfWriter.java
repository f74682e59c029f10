package org.genosynth.io.vcf;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import htsjdk.samtools.util.BlockCompressedOutputStream;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.InputException;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * Writes variant blocks as VCF ({@code .vcf}), bgzipped VCF with a tabix index ({@code .vcf.gz}/{@code .vcf.bgz}) or
 * BCF, through {@link AtomicOutput}.
 *
 * <p>The header lists every contig, so it is written last: records stream to a temporary body file (bgzipped, with the
 * virtual offset of every record spooled for the index) and {@link #commit()} writes the header followed by the body
 * (a byte copy; BGZF blocks concatenate), builds the {@code .tbi} with offsets shifted by the header's length, or, for
 * BCF, encodes the body through htsjdk. BCF output gets no index ({@code bcftools index} makes one). Variants without
 * a position are skipped and counted in {@link #notes()}; variants must be sorted by position within chromosomes.
 */
public final class VcfWriter implements GenotypeWriter {
    private enum Layout { PLAIN, BGZIP, BCF }

    private final Path out;
    private final Layout layout;
    private final SampleSheet samples;
    private final List<String> columns;
    private final AtomicOutput atomic = new AtomicOutput();
    private final Path finalTemp;
    private final Path indexTemp;
    private final Path bodyTemp;
    private final OutputStream body;
    private final BlockCompressedOutputStream bgzf;
    private final TabixSpool spool;
    private final RecordFormatter formatter;
    private final PositionOrder order = new PositionOrder();
    private final Map<String, Integer> contigs = new LinkedHashMap<>();
    private boolean anyDosage;
    private boolean anyCentimorgan;
    private long written;
    private long skippedNoPosition;
    private boolean finished;
    private boolean bodyOpen = true;

    /** Per sample, whether it is male (its X written haploid); null when none is. */
    private static boolean[] males(SampleSheet samples) {
        boolean[] male = new boolean[samples.size()];
        boolean any = false;
        for (int s = 0; s < male.length; s++) {
            male[s] = samples.samples().get(s).sex() == org.genosynth.model.Sex.MALE;
            any |= male[s];
        }
        return any ? male : null;
    }

    private VcfWriter(Path out, GenotypeFormat format, SampleSheet samples, boolean writeDosage) throws IOException {
        this.out = out.toAbsolutePath();
        this.layout = layoutOf(this.out, format);
        this.samples = samples;
        this.columns = SampleHeaderLines.columnNames(samples.samples());
        this.formatter = new RecordFormatter(samples.size(), writeDosage, males(samples));
        this.finalTemp = atomic.temp(this.out);
        this.indexTemp = layout == Layout.BGZIP ? atomic.temp(sibling(".tbi")) : null;
        this.bodyTemp = atomic.temp(sibling(".body"));
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(bodyTemp), 1 << 16);
        if (layout == Layout.PLAIN) {
            this.bgzf = null;
            this.body = raw;
        } else {
            int level = layout == Layout.BCF ? 1 : BlockCompressedOutputStream.getDefaultCompressionLevel();
            this.bgzf = new BlockCompressedOutputStream(raw, (Path) null, level);
            this.body = bgzf;
        }
        this.spool = layout == Layout.BGZIP ? new TabixSpool(atomic.temp(sibling(".offsets"))) : null;
    }

    /**
     * Creates a writer of {@code out}: BCF when {@code format} is BCF, else VCF, bgzipped and tabix-indexed when the
     * name ends in {@code .gz} or {@code .bgz}. Dosages are written as FORMAT DS when {@code writeDosage} is set and
     * the blocks carry them.
     */
    public static GenotypeWriter create(Path out, GenotypeFormat format, SampleSheet samples, boolean writeDosage) {
        try {
            return new VcfWriter(out, format, samples, writeDosage);
        } catch (IOException e) {
            throw InputException.inFile(out, "cannot create output (" + e.getMessage() + ")");
        }
    }

    private static Layout layoutOf(Path out, GenotypeFormat format) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (format == GenotypeFormat.BCF || format == null && name.endsWith(".bcf")) {
            return Layout.BCF;
        }
        return name.endsWith(".gz") || name.endsWith(".bgz") ? Layout.BGZIP : Layout.PLAIN;
    }

    private Path sibling(String suffix) {
        return out.resolveSibling(out.getFileName() + suffix);
    }

    @Override
    public void write(VariantBlock block) {
        if (finished) {
            throw new IllegalStateException("VCF writer of " + out + " is already committed or closed");
        }
        if (block.sampleCount() != samples.size()) {
            throw new IllegalArgumentException("block has " + block.sampleCount() + " samples, writer "
                    + samples.size());
        }
        order.accept(block.variants());
        try {
            for (int i = 0; i < block.variantCount(); i++) {
                writeRecord(block, i);
            }
        } catch (IOException e) {
            throw InputException.inFile(out, "cannot write (" + e.getMessage() + ")");
        }
    }

    private void writeRecord(VariantBlock block, int i) throws IOException {
        Variant v = block.variant(i);
        if (!v.hasPosition()) {
            skippedNoPosition++;
            return;
        }
        if (v.position() > Integer.MAX_VALUE) {
            throw InputException.usage("position of " + v.describe() + " is beyond what VCF indexes can hold");
        }
        Integer contig = contigs.computeIfAbsent(v.chrom(), c -> contigs.size());
        long offset = bgzf == null ? 0 : bgzf.getFilePointer();
        body.write(formatter.format(block, i));
        if (spool != null) {
            int start = (int) v.position();
            spool.add(contig, v.chrom(), start, start + RecordFormatter.refText(v).length() - 1, offset);
        }
        anyDosage |= formatter.writesDosage(block, i);
        anyCentimorgan |= RecordFormatter.writesCentimorgan(block.variant(i));
        written++;
    }

    @Override
    public List<Path> commit() {
        if (finished) {
            throw new IllegalStateException("VCF writer of " + out + " is already committed or closed");
        }
        finished = true;
        try {
            long bodyEnd = bgzf == null ? 0 : bgzf.getFilePointer();
            closeBody();
            String header = HeaderText.build(samples.samples(), columns, new ArrayList<>(contigs.keySet()), anyDosage,
                    anyCentimorgan);
            switch (layout) {
                case PLAIN -> assemblePlain(header);
                case BGZIP -> assembleBgzip(header, bodyEnd);
                case BCF -> BcfConversion.convert(header, bodyTemp, finalTemp);
            }
            Files.delete(bodyTemp);
            if (spool != null) {
                spool.close();
            }
            atomic.commit();
        } catch (IOException e) {
            throw InputException.inFile(out, "cannot write (" + e.getMessage() + ")");
        } finally {
            atomic.close();
        }
        return indexTemp == null ? List.of(out) : List.of(out, sibling(".tbi"));
    }

    private void assemblePlain(String header) throws IOException {
        try (OutputStream o = Files.newOutputStream(finalTemp)) {
            o.write(header.getBytes(StandardCharsets.UTF_8));
            Files.copy(bodyTemp, o);
        }
    }

    private void assembleBgzip(String header, long bodyEnd) throws IOException {
        ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
        BlockCompressedOutputStream h = new BlockCompressedOutputStream(headerBytes, (Path) null);
        h.write(header.getBytes(StandardCharsets.UTF_8));
        h.close(false);
        try (OutputStream o = Files.newOutputStream(finalTemp)) {
            headerBytes.writeTo(o);
            Files.copy(bodyTemp, o);
        }
        spool.buildIndex(headerBytes.size(), bodyEnd).write(indexTemp);
    }

    private void closeBody() throws IOException {
        if (bodyOpen) {
            bodyOpen = false;
            body.close();
        }
    }

    @Override
    public long variantsWritten() {
        return written;
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (skippedNoPosition > 0) {
            notes.add("skipped " + skippedNoPosition + " variants with unknown position (VCF needs a position; "
                    + "bed and bimbam keep them)");
        }
        if (samples.columns().columnCount() > 0) {
            notes.add("VCF has no per-sample columns: " + samples.columns().columnCount()
                    + " sample column(s) not written (" + String.join(", ", samples.columns().names())
                    + "; convert --pheno-out FILE writes them to a table)");
        }
        if (layout == Layout.BCF) {
            notes.add("BCF written without an index; run 'bcftools index' for region queries");
        }
        return notes;
    }

    /** Deletes all temporary files unless committed; safe to call more than once. */
    @Override
    public void close() {
        finished = true;
        try {
            closeBody();
            if (spool != null) {
                spool.close();
            }
        } catch (IOException ignored) {
            // the temporaries are deleted below either way
        }
        atomic.close();
    }
}
