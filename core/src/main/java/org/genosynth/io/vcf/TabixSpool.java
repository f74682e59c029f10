package org.genosynth.io.vcf;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import htsjdk.tribble.Feature;
import htsjdk.tribble.index.Index;
import htsjdk.tribble.index.tabix.TabixFormat;
import htsjdk.tribble.index.tabix.TabixIndexCreator;

/**
 * Remembers the extent and BGZF virtual offset of every record of a bgzipped body on disk (20 bytes each), so the
 * tabix index can be built once the header (written in front of the body at commit) is known: each offset is then
 * shifted by the header's compressed length.
 */
final class TabixSpool implements AutoCloseable {
    private final Path file;
    private final DataOutputStream out;
    private final List<String> contigs = new ArrayList<>();

    TabixSpool(Path file) throws IOException {
        this.file = file;
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    /** Records one VCF record; {@code contigIndex} counts chromosomes in order of appearance. */
    void add(int contigIndex, String contig, int start, int end, long virtualOffset) throws IOException {
        if (contigIndex == contigs.size()) {
            contigs.add(contig);
        }
        out.writeInt(contigIndex);
        out.writeInt(start);
        out.writeInt(end);
        out.writeLong(virtualOffset);
    }

    /** Builds the tabix index of the body placed {@code shiftBytes} compressed bytes into the final file. */
    Index buildIndex(long shiftBytes, long bodyEndOffset) throws IOException {
        out.close();
        long shift = shiftBytes << 16;
        TabixIndexCreator creator = new TabixIndexCreator(TabixFormat.VCF);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                int contig;
                try {
                    contig = in.readInt();
                } catch (EOFException end) {
                    break;
                }
                SimpleFeature f = new SimpleFeature(contigs.get(contig), in.readInt(), in.readInt());
                creator.addFeature(f, in.readLong() + shift);
            }
        }
        return creator.finalizeIndex(bodyEndOffset + shift);
    }

    @Override
    public void close() throws IOException {
        out.close();
        Files.deleteIfExists(file);
    }

    /** The extent of one record. */
    private record SimpleFeature(String getContig, int getStart, int getEnd) implements Feature {
    }
}
