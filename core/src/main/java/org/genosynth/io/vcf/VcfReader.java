package org.genosynth.io.vcf;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import htsjdk.variant.variantcontext.VariantContext;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.InputException;
import org.genosynth.io.ReadOptions;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * Reads VCF, VCF.gz (bgzip or plain gzip) and BCF into bi-allelic variant blocks through htsjdk, without needing an
 * index. Multi-allelic records are split per ALT or rejected; FORMAT DS is kept as dosages for bi-allelic records
 * (and hard-called when GT is absent); any htsjdk parsing failure becomes an {@link InputException} naming the line.
 */
public final class VcfReader implements GenotypeReader {
    private final Path path;
    private final RecordSource source;
    private final SampleSheet samples;
    private final SiteDecoder decoder;
    private final ArrayDeque<DecodedSite> pending = new ArrayDeque<>();
    /** A plain or bgzipped text VCF, read as records' positions and variants (see {@link #nextSlice}), else null. */
    private final TextRecordSource positioned;
    private final ReadOptions.MultiallelicPolicy multiallelic;
    private final ArrayDeque<PendingSite> pendingSites = new ArrayDeque<>();
    private long keptTextLimit = VariantBlock.KEPT_TEXT_LIMIT;
    private long emitted;
    private boolean closed;

    private VcfReader(Path path, RecordSource source, ReadOptions.MultiallelicPolicy multiallelic) {
        this.path = path;
        this.source = source;
        this.samples = SampleSheet.of(SampleHeaderLines.parse(source.header()));
        if (samples.size() == 0) {
            throw InputException.inFile(path, "no samples (a sites-only VCF: the #CHROM line has no FORMAT and sample "
                    + "columns); genotype commands need at least one sample");
        }
        this.decoder = new SiteDecoder(source, multiallelic, samples.size());
        this.multiallelic = multiallelic;
        this.positioned = source instanceof TextRecordSource text && text.positioned() ? text : null;
    }

    /** One site of a record read by position: its variant, its record, and its place among the record's sites. */
    private record PendingSite(Variant variant, PositionedRecord record, int siteIndex) {
    }

    /** A record's text, line number and position (byte offset or BGZF virtual offset). */
    private record PositionedRecord(String line, long lineNumber, long position) {
    }

    /** Opens a VCF/VCF.gz/BCF file; the format is detected from the content. */
    public static GenotypeReader open(Path path, ReadOptions.MultiallelicPolicy multiallelic) {
        return open(path, RecordSource.open(path), multiallelic);
    }

    /** As {@link #open(Path, ReadOptions.MultiallelicPolicy)}, keeping at most {@code keptTextLimit} characters of a block's text. */
    static GenotypeReader open(Path path, ReadOptions.MultiallelicPolicy multiallelic, long keptTextLimit) {
        GenotypeReader reader = open(path, multiallelic);
        ((VcfReader) reader).keptTextLimit = keptTextLimit;
        return reader;
    }

    static GenotypeReader open(Path path, RecordSource source, ReadOptions.MultiallelicPolicy multiallelic) {
        try {
            return new VcfReader(path, source, multiallelic == null ? ReadOptions.MultiallelicPolicy.SPLIT
                    : multiallelic);
        } catch (RuntimeException e) {
            RecordSource.closeQuietly(source);
            throw e instanceof InputException ? e
                    : InputException.inFile(path, "cannot read the samples of the header (" + e.getMessage() + ")");
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public SampleSheet sampleSheet() {
        return samples;
    }

    @Override
    public Optional<List<Variant>> variantsUpFront() {
        return Optional.empty();
    }

    @Override
    public VariantBlock nextBlock(int maxVariants) {
        if (maxVariants <= 0) {
            throw new IllegalArgumentException("maxVariants must be positive: " + maxVariants);
        }
        if (closed) {
            throw new IllegalStateException("reader of " + path + " is closed");
        }
        if (positioned != null) {
            return nextSlice(maxVariants);
        }
        List<DecodedSite> sites = new ArrayList<>(Math.min(maxVariants, 4096));
        while (sites.size() < maxVariants) {
            if (pending.isEmpty() && !fill()) {
                break;
            }
            sites.add(pending.poll());
        }
        if (sites.isEmpty()) {
            return null;
        }
        VariantBlock block = assemble(sites);
        emitted += sites.size();
        return block;
    }

    /** Notes about what the reader changed on the way (e.g. dosages dropped at multi-allelic sites); empty if none. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        long dropped = decoder.droppedMultiallelicDosages();
        if (dropped > 0) {
            notes.add("dropped FORMAT DS at " + dropped + " multi-allelic records (dosages are not split per ALT; GT "
                    + "is)");
        }
        return notes;
    }

    /**
     * Warns (once per run, on stderr after the command succeeds: {@link org.genosynth.io.Fileset#warn}) when
     * {@code file} is BGZF without its end-of-file block. Every VCF/BCF a command reads is opened through
     * {@link RecordSource#open}, which calls this; {@code spike} reads its VCFs as text and calls it itself.
     */
    public static void warnIfTruncated(Path file) {
        String eof = missingBgzfEof(file);
        if (eof != null) {
            org.genosynth.io.Fileset.warn(eof);
        }
    }

    /**
     * A warning when {@code file} is BGZF without the empty end-of-file block bgzip writes last (bcftools warns too:
     * the file may be truncated), else null.
     */
    public static String missingBgzfEof(Path file) {
        try {
            java.io.File f = file.toFile();
            boolean bgzf;
            try (java.io.InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file))) {
                bgzf = htsjdk.samtools.util.BlockCompressedInputStream.isValidFile(in);
            }
            if (bgzf && htsjdk.samtools.util.BlockCompressedInputStream.checkTermination(f)
                    != htsjdk.samtools.util.BlockCompressedInputStream.FileTermination.HAS_TERMINATOR_BLOCK) {
                return file + " has no BGZF EOF marker: the file may be truncated (bcftools warns about it too)";
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /**
     * The next sites of a plain or bgzipped VCF as a block whose genotypes are decoded where it is used: here only
     * each record's first eight columns are parsed (for the variants), and the block's genotypes are a
     * {@link VcfSlice} of the file (the records' position and count).
     */
    private VariantBlock nextSlice(int maxVariants) {
        List<PendingSite> sites = new ArrayList<>(Math.min(maxVariants, 4096));
        while (sites.size() < maxVariants) {
            if (pendingSites.isEmpty() && !fillSites()) {
                break;
            }
            sites.add(pendingSites.poll());
        }
        if (sites.isEmpty()) {
            return null;
        }
        List<Variant> variants = new ArrayList<>(sites.size());
        List<String> lines = new ArrayList<>();
        List<Long> lineNumbers = new ArrayList<>();
        PositionedRecord last = null;
        for (PendingSite site : sites) {
            variants.add(site.variant());
            if (site.record() != last) {
                last = site.record();
                lines.add(last.line());
                lineNumbers.add(last.lineNumber());
            }
        }
        PositionedRecord first = sites.get(0).record();
        long textLength = 0;
        for (String line : lines) {
            textLength += line.length();
        }
        // text many times the size of the genotypes is not kept: the block's user reads it again
        boolean keep = textLength <= keptTextLimit;
        VcfRegions.Region region = positioned.region();
        VcfSlice slice = new VcfSlice(path, positioned.bgzf(), first.position(), first.lineNumber() - 1,
                region == null ? null : region.describe(), lines.size(), sites.get(0).siteIndex(), sites.size(),
                samples.size(), multiallelic, keep ? lines : null,
                keep ? lineNumbers.stream().mapToLong(Long::longValue).toArray() : null);
        VariantBlock block = VariantBlock.decodedOnDemand(emitted, samples.size(), variants, slice);
        emitted += sites.size();
        return block;
    }

    private boolean fillSites() {
        VariantContext vc = positioned.nextSite();
        if (vc == null) {
            return false;
        }
        PositionedRecord record = new PositionedRecord(positioned.lastLine(), positioned.recordNumber(),
                positioned.position());
        List<Variant> variants;
        try {
            variants = decoder.variants(vc);
            if (vc.getAlternateAlleles().size() > 1 && SiteDecoder.formatHasDosage(record.line())) {
                decoder.countDroppedDosages(positioned.decodeWhole());
            }
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw source.malformed(e);
        }
        for (int k = 0; k < variants.size(); k++) {
            pendingSites.add(new PendingSite(variants.get(k), record, k));
        }
        return true;
    }

    private boolean fill() {
        VariantContext vc = source.next();
        if (vc == null) {
            return false;
        }
        try {
            pending.addAll(decoder.decode(vc));
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw source.malformed(e);
        } catch (AssertionError e) {
            // htsjdk asserts on some corrupt records (with -ea)
            throw source.malformed(new IllegalStateException("corrupt record", e));
        }
        return true;
    }

    private VariantBlock assemble(List<DecodedSite> sites) {
        int n = samples.size();
        VariantBlock.Content c = DecodedSite.content(sites, n);
        List<Variant> variants = new ArrayList<>(sites.size());
        for (DecodedSite site : sites) {
            variants.add(site.variant());
        }
        return new VariantBlock(emitted, n, variants, c.words(), c.dosages(), c.phase());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            RecordSource.closeQuietly(source);
        }
    }
}
