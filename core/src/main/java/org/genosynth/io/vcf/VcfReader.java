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
import org.genosynth.model.GenotypeCodes;
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
    private long emitted;
    private boolean closed;

    private VcfReader(Path path, RecordSource source, ReadOptions.MultiallelicPolicy multiallelic) {
        this.path = path;
        this.source = source;
        this.samples = SampleSheet.of(SampleHeaderLines.parse(source.header()));
        this.decoder = new SiteDecoder(source, multiallelic, samples.size());
    }

    /** Opens a VCF/VCF.gz/BCF file; the format is detected from the content. */
    public static GenotypeReader open(Path path, ReadOptions.MultiallelicPolicy multiallelic) {
        return open(path, RecordSource.open(path), multiallelic);
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
        String eof = missingBgzfEof(path);
        if (eof != null) {
            notes.add(eof);
        }
        return notes;
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
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[sites.size() * wpv];
        float[][] dosages = null;
        long[][] phase = null;
        List<Variant> variants = new ArrayList<>(sites.size());
        for (int i = 0; i < sites.size(); i++) {
            DecodedSite site = sites.get(i);
            variants.add(site.variant());
            System.arraycopy(site.codes(), 0, words, i * wpv, wpv);
            if (site.dosages() != null) {
                dosages = dosages == null ? new float[sites.size()][] : dosages;
                dosages[i] = site.dosages();
            }
            if (site.phase() != null) {
                phase = phase == null ? new long[sites.size()][] : phase;
                phase[i] = site.phase();
            }
        }
        return new VariantBlock(emitted, n, variants, words, dosages, phase);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            RecordSource.closeQuietly(source);
        }
    }
}
