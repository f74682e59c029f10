package org.genosynth.io.vcf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import htsjdk.samtools.util.BlockCompressedOutputStream;
import htsjdk.tribble.Feature;
import htsjdk.tribble.index.Index;
import htsjdk.tribble.index.tabix.TabixFormat;
import htsjdk.tribble.index.tabix.TabixIndexCreator;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.InputException;

/**
 * Writes VCF text lines already formatted by the caller: bgzipped with a tabix index when the name ends in
 * {@code .gz}/{@code .bgz}, plain otherwise. Header lines first, then records in position order within contigs (each
 * contig's records contiguous). Files are created through the caller's {@link AtomicOutput}.
 */
public final class IndexedVcfText implements AutoCloseable {
    private final Path out;
    private final OutputStream stream;
    private final BlockCompressedOutputStream bgzf;
    private final TabixIndexCreator index;
    private final Path indexTemp;
    private String lastContig;
    private long lastPos;

    public IndexedVcfText(Path out, AtomicOutput atomic) {
        this.out = out;
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gz = name.endsWith(".gz") || name.endsWith(".bgz");
        Path temp = atomic.temp(out);
        try {
            OutputStream raw = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
            if (gz) {
                bgzf = new BlockCompressedOutputStream(raw, (Path) null);
                stream = bgzf;
                index = new TabixIndexCreator(TabixFormat.VCF);
                indexTemp = atomic.temp(out.resolveSibling(out.getFileName() + ".tbi"));
            } else {
                bgzf = null;
                stream = raw;
                index = null;
                indexTemp = null;
            }
        } catch (IOException e) {
            throw InputException.inFile(out, "cannot create output (" + e.getMessage() + ")");
        }
    }

    /** Writes one header line (without newline). */
    public void header(String line) {
        write(line);
    }

    /**
     * Writes one record line (without newline) covering {@code [pos, end]} (1-based, inclusive) of {@code contig}.
     */
    public void record(String line, String contig, long pos, long end) {
        if (contig.equals(lastContig) && pos < lastPos) {
            throw new IllegalStateException("records out of order in " + out + ": " + contig + ":" + pos);
        }
        lastContig = contig;
        lastPos = pos;
        if (index != null) {
            long offset = bgzf.getFilePointer();
            index.addFeature(new Extent(contig, (int) pos, (int) Math.max(pos, end)), offset);
        }
        write(line);
    }

    private void write(String line) {
        try {
            stream.write(line.getBytes(StandardCharsets.UTF_8));
            stream.write('\n');
        } catch (IOException e) {
            throw InputException.inFile(out, "cannot write (" + e.getMessage() + ")");
        }
    }

    /** Finishes the file and its index (still under temporary names until the AtomicOutput commits). */
    @Override
    public void close() {
        try {
            if (bgzf != null) {
                bgzf.flush();
                long end = bgzf.getFilePointer();
                stream.close();
                Index idx = index.finalizeIndex(end);
                idx.write(indexTemp);
            } else {
                stream.close();
            }
        } catch (IOException e) {
            throw InputException.inFile(out, "cannot write (" + e.getMessage() + ")");
        }
    }

    private record Extent(String getContig, int getStart, int getEnd) implements Feature {
    }
}
