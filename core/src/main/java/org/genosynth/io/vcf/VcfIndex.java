package org.genosynth.io.vcf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import htsjdk.samtools.util.BlockCompressedInputStream;
import org.genosynth.io.InputException;

/**
 * The parts of a bgzipped VCF's index ({@code .tbi}, as tabix writes it, or {@code .csi}, as {@code bcftools index}
 * writes it by default) that split the file into regions: the contigs in file order, each contig's record count (from
 * the index's pseudo-bin, when the indexer wrote one), the compressed extent of its records, and for each window of
 * positions the BGZF virtual offset of the first record that overlaps it (the tabix linear index, or a CSI leaf bin's
 * offset). Read from the formats' specifications (SAMv1 section 5, CSIv1, tabix).
 */
public final class VcfIndex {
    /** One contig's entry. */
    public record Contig(String name, long records, long firstOffset, long endOffset, TreeMap<Long, Long> windows) {
    }

    private final Path file;
    private final List<Contig> contigs;

    private VcfIndex(Path file, List<Contig> contigs) {
        this.file = file;
        this.contigs = contigs;
    }

    /** The index of {@code vcf}: {@code vcf.tbi}, else {@code vcf.csi}; null when neither exists. */
    public static Path find(Path vcf) {
        for (String ext : new String[] {".tbi", ".csi"}) {
            Path p = Path.of(vcf + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** Reads an index file. */
    public static VcfIndex read(Path index) {
        byte[] bytes;
        try (InputStream in = new BlockCompressedInputStream(Files.newInputStream(index))) {
            bytes = in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw InputException.inFile(index, "cannot read the index (" + e.getMessage() + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            byte[] magic = new byte[4];
            b.get(magic);
            String m = new String(magic, StandardCharsets.ISO_8859_1);
            if (m.equals("TBI\1")) {
                return new VcfIndex(index, readTbi(b));
            }
            if (m.equals("CSI\1")) {
                return new VcfIndex(index, readCsi(index, b));
            }
            throw InputException.inFile(index, "not a tabix (.tbi) or CSI (.csi) index");
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw InputException.inFile(index, "the index is truncated or corrupt");
        }
    }

    public Path file() {
        return file;
    }

    /** The contigs, in the order the index numbers them (their order in the file). */
    public List<Contig> contigs() {
        return contigs;
    }

    private static List<Contig> readTbi(ByteBuffer b) {
        int nRef = b.getInt();
        List<String> names = tabixNames(b);
        requireNames(names, nRef);
        List<Contig> out = new ArrayList<>(nRef);
        for (int r = 0; r < nRef; r++) {
            Extent extent = new Extent();
            int nBin = b.getInt();
            for (int i = 0; i < nBin; i++) {
                long bin = Integer.toUnsignedLong(b.getInt());
                readChunks(b, bin == 37450, extent);
            }
            int nIntv = b.getInt();
            TreeMap<Long, Long> windows = new TreeMap<>();
            long last = -1;
            for (int i = 0; i < nIntv; i++) {
                long ioff = b.getLong();
                if (ioff != 0 && ioff != last) {
                    windows.put((long) i << 14, ioff);
                    last = ioff;
                }
            }
            out.add(extent.contig(names.get(r), windows));
        }
        return out;
    }

    private static List<Contig> readCsi(Path index, ByteBuffer b) {
        int minShift = b.getInt();
        int depth = b.getInt();
        int lAux = b.getInt();
        if (lAux < 28) {
            throw InputException.inFile(index, "this CSI index holds no contig names (a BCF's index?); index the "
                    + "bgzipped VCF with 'bcftools index' or 'tabix -p vcf'");
        }
        ByteBuffer aux = b.slice(b.position(), lAux).order(ByteOrder.LITTLE_ENDIAN);
        b.position(b.position() + lAux);
        List<String> names = tabixNames(aux);
        int nRef = b.getInt();
        requireNames(names, nRef);
        long pseudo = ((1L << ((depth + 1) * 3)) - 1) / 7 + 1;
        long firstLeaf = ((1L << (depth * 3)) - 1) / 7;
        List<Contig> out = new ArrayList<>(nRef);
        for (int r = 0; r < nRef; r++) {
            Extent extent = new Extent();
            TreeMap<Long, Long> windows = new TreeMap<>();
            int nBin = b.getInt();
            for (int i = 0; i < nBin; i++) {
                long bin = Integer.toUnsignedLong(b.getInt());
                long loffset = b.getLong();
                readChunks(b, bin == pseudo, extent);
                if (bin >= firstLeaf && bin < pseudo && loffset != 0) {
                    windows.put((bin - firstLeaf) << minShift, loffset);
                }
            }
            out.add(extent.contig(names.get(r), windows));
        }
        return out;
    }

    private static void requireNames(List<String> names, int nRef) {
        if (names.size() != nRef) {
            throw new IllegalArgumentException("names " + names.size() + " != references " + nRef);
        }
    }

    /** The tabix header (format, columns, meta, skip) and the NUL-separated contig names. */
    private static List<String> tabixNames(ByteBuffer b) {
        b.position(b.position() + 6 * 4);
        int lNm = b.getInt();
        byte[] raw = new byte[lNm];
        b.get(raw);
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < lNm; i++) {
            if (raw[i] == 0) {
                names.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return names;
    }

    private static void readChunks(ByteBuffer b, boolean pseudo, Extent extent) {
        int nChunk = b.getInt();
        for (int c = 0; c < nChunk; c++) {
            long beg = b.getLong();
            long end = b.getLong();
            if (pseudo && c == 0) {
                extent.first = beg;
                extent.end = end;
            } else if (pseudo && c == 1) {
                extent.records = beg; // n_mapped (end: n_unmapped)
            }
        }
    }

    /** A contig's pseudo-bin: the virtual offsets of its first record and of its end, and its record count. */
    private static final class Extent {
        long first = -1;
        long end = -1;
        long records = -1;

        Contig contig(String name, TreeMap<Long, Long> windows) {
            return new Contig(name, records, first, end, windows);
        }
    }
}
