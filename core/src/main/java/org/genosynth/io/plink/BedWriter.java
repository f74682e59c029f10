package org.genosynth.io.plink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.VariantBlock;

/** Writes a PLINK 1 binary fileset (variant-major .bed, .bim, .fam) under temporary names, renamed on commit. */
public final class BedWriter implements GenotypeWriter {
    private final AtomicOutput output = new AtomicOutput();
    private final String prefix;
    private final SampleSheet samples;
    private final OutputStream bed;
    private final Writer bim;
    private final int bytesPerVariant;
    private long written;
    private boolean closed;

    private BedWriter(String prefix, SampleSheet samples) throws IOException {
        this.prefix = prefix;
        this.samples = samples;
        this.bytesPerVariant = (samples.size() + 3) / 4;
        Path famTemp = output.temp(Path.of(prefix + ".fam"));
        try (Writer fam = Files.newBufferedWriter(famTemp, StandardCharsets.UTF_8)) {
            FamFile.write(fam, samples);
        }
        this.bim = new BufferedWriter(Files.newBufferedWriter(output.temp(Path.of(prefix + ".bim")),
                StandardCharsets.UTF_8), 1 << 16);
        this.bed = new java.io.BufferedOutputStream(Files.newOutputStream(output.temp(Path.of(prefix + ".bed"))),
                1 << 20);
        bed.write(new byte[] {0x6c, 0x1b, 0x01});
    }

    /** Creates a writer for {@code PREFIX.bed/.bim/.fam}; a trailing .bed/.bim/.fam on {@code out} is dropped. */
    public static BedWriter create(Path out, SampleSheet samples) {
        try {
            return new BedWriter(PlinkFileset.prefixOf(out), samples);
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + out, e);
        }
    }

    @Override
    public void write(VariantBlock block) {
        if (block.sampleCount() != samples.size()) {
            throw new IllegalArgumentException("block has " + block.sampleCount() + " samples, writer "
                    + samples.size());
        }
        byte[] raw = encode(block, bytesPerVariant);
        StringBuilder sb = new StringBuilder(block.variantCount() * 40);
        block.variants().forEach(v -> BimFile.append(sb, v));
        try {
            bed.write(raw);
            bim.write(sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + prefix + ".bed", e);
        }
        written += block.variantCount();
    }

    /** Encodes a block's codes as .bed bytes (padding bits zero, as PLINK writes them). */
    static byte[] encode(VariantBlock block, int bytesPerVariant) {
        int n = block.sampleCount();
        int wpv = block.wordsPerVariant();
        long[] words = block.genotypeWords();
        long lastMask = GenotypeCodes.lastWordMask(n);
        byte[] raw = new byte[block.variantCount() * bytesPerVariant];
        for (int v = 0; v < block.variantCount(); v++) {
            int base = v * bytesPerVariant;
            for (int w = 0; w < wpv; w++) {
                long bedWord = GenotypeCodes.toBedWord(words[v * wpv + w]);
                if (w == wpv - 1) {
                    bedWord &= lastMask;
                }
                int limit = Math.min(8, bytesPerVariant - 8 * w);
                for (int b = 0; b < limit; b++) {
                    raw[base + 8 * w + b] = (byte) (bedWord >>> (8 * b));
                }
            }
        }
        return raw;
    }

    @Override
    public List<Path> commit() {
        try {
            bed.close();
            bim.close();
        } catch (IOException e) {
            throw new UncheckedIOException("finishing " + prefix + ".bed", e);
        }
        output.commit();
        closed = true;
        return List.of(Path.of(prefix + ".bed"), Path.of(prefix + ".bim"), Path.of(prefix + ".fam"));
    }

    @Override
    public long variantsWritten() {
        return written;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            bed.close();
            bim.close();
        } catch (IOException ignored) {
            // the temporary files are deleted below
        }
        output.close();
    }
}
