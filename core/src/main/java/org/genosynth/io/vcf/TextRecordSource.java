package org.genosynth.io.vcf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFCodec;
import htsjdk.variant.vcf.VCFHeader;
import org.genosynth.io.InputException;
import org.genosynth.io.OffsetLines;
import org.genosynth.io.TextInput;

/**
 * Text VCF records, read line by line so every error can name its line. A plain or bgzipped file is read with each
 * record's position (byte offset, or BGZF virtual offset), so that runs of records can be read again elsewhere
 * ({@link VcfSlice}); a plain-gzipped file without positions.
 */
final class TextRecordSource extends RecordSource {
    private final BufferedReader reader;
    private OffsetLines positioned;
    /** The region read (records from its offset, filtered by CHROM and POS), or null for the whole file. */
    private VcfRegions.Region region;
    private boolean inRegion;
    private long regionRecords;
    private final boolean bgzf;
    private final VCFCodec codec = new VCFCodec();
    private final VCFHeader header;
    private final List<String> headerLines = new ArrayList<>();
    private long lineNumber;
    private String lastLine;
    private long lastPosition = -1;

    TextRecordSource(Path path, InputStream in) {
        this(path, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16), null, false);
    }

    /** Reads {@code lines} (a plain file when not {@code bgzf}) from their start, with positions. */
    TextRecordSource(Path path, OffsetLines lines, boolean bgzf) {
        this(path, null, lines, bgzf);
    }

    /** Reads the records of one region of a bgzipped, indexed VCF: the header from the start, then from the offset. */
    TextRecordSource(Path path, VcfRegions.Region region) {
        this(path, null, OffsetLines.bgzf(path, 0, 0), true);
        positioned.close();
        try {
            positioned = OffsetLines.bgzf(path, region.offset(), 0);
        } catch (RuntimeException e) {
            positioned = null;
            throw e;
        }
        this.region = region;
    }

    private TextRecordSource(Path path, BufferedReader reader, OffsetLines positioned, boolean bgzf) {
        super(path);
        this.reader = reader;
        this.positioned = positioned;
        this.bgzf = bgzf;
        try {
            this.header = readHeader();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private VCFHeader readHeader() {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = readLine()) != null) {
            if (lineNumber == 1 && !line.startsWith("##fileformat=VCF")) {
                throw new InputException(path, 1, null, "not a VCF file: the first line must be "
                        + "'##fileformat=VCFv4.x' (found '" + abbreviate(line) + "')");
            }
            lines.add(line);
            headerLines.add(line);
            if (line.startsWith("#CHROM")) {
                break;
            }
            if (!line.startsWith("##")) {
                throw new InputException(path, lineNumber, null, "header line expected (starting with '##' or "
                        + "'#CHROM'), found '" + abbreviate(line) + "'");
            }
        }
        if (line == null) {
            throw InputException.inFile(path, lines.isEmpty() ? "file is empty"
                    : "the header has no '#CHROM' line (file truncated?)");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        String[] columns = line.split("\t");
        for (int c = 9; c < columns.length; c++) {
            if (!seen.add(columns[c])) {
                throw new InputException(path, lineNumber, "#CHROM", "sample '" + columns[c] + "' appears twice; "
                        + "sample names must be unique (rename or remove the duplicate)");
            }
        }
        try {
            Object parsed = codec.readActualHeader(new ListLineIterator(lines.iterator()));
            return (VCFHeader) parsed;
        } catch (RuntimeException e) {
            throw new InputException(path, lineNumber, "header", "malformed header (" + e.getMessage() + ")");
        }
    }

    @Override
    VCFHeader header() {
        return header;
    }

    /**
     * The next record decoded from its first eight columns only (CHROM to INFO), its genotypes left in the text
     * ({@link #lastLine()}) for {@link VcfSlice} to decode where the block is used; null at the end of the file. A
     * record with fewer columns is decoded whole, so that its error is the one {@link #next()} gives.
     */
    VariantContext nextSite() {
        String line = nextRecordLine();
        if (line == null) {
            return null;
        }
        lastLine = line;
        lastPosition = positioned == null ? -1 : positioned.lineStart();
        int cut = 0;
        for (int tab = 0; tab < 8 && cut >= 0; tab++) {
            cut = line.indexOf('\t', tab == 0 ? 0 : cut + 1);
        }
        try {
            if (cut < 0 || !header.hasGenotypingData()) {
                return codec.decode(line);
            }
            return sitesCodec().decode(line.substring(0, cut));
        } catch (RuntimeException e) {
            throw malformed(e);
        }
    }

    private VCFCodec sitesCodec;

    /** A codec of the header without its samples, for records cut to their first eight columns. */
    private VCFCodec sitesCodec() {
        if (sitesCodec == null) {
            List<String> lines = new ArrayList<>(headerLines);
            String chrom = lines.get(lines.size() - 1);
            int cut = 0;
            for (int tab = 0; tab < 8 && cut >= 0; tab++) {
                cut = chrom.indexOf('\t', tab == 0 ? 0 : cut + 1);
            }
            lines.set(lines.size() - 1, cut < 0 ? chrom : chrom.substring(0, cut));
            sitesCodec = new VCFCodec();
            sitesCodec.readActualHeader(new ListLineIterator(lines.iterator()));
        }
        return sitesCodec;
    }

    /** The last record decoded whole (genotypes too), with the file's header. */
    VariantContext decodeWhole() {
        try {
            return codec.decode(lastLine);
        } catch (RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    VariantContext next() {
        String line = nextRecordLine();
        if (line == null) {
            return null;
        }
        lastLine = line;
        lastPosition = positioned == null ? -1 : positioned.lineStart();
        try {
            return codec.decode(line);
        } catch (RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    long line() {
        return region != null ? 0 : lineNumber;
    }

    @Override
    String where() {
        return region != null ? "record " + regionRecords + " of " + region.describe() : "line " + lineNumber;
    }

    /** The region read, or null for the whole file. */
    VcfRegions.Region region() {
        return region;
    }

    /** The record's number in its region (1-based), or its line number when the whole file is read. */
    long recordNumber() {
        return region != null ? regionRecords : lineNumber;
    }

    /**
     * The next non-empty record line; in a region, the next one whose CHROM is the region's contig and whose POS is
     * in it (the lines before it, from the index's offset, are skipped; the region ends at the first after it).
     */
    private String nextRecordLine() {
        String line;
        while (true) {
            do {
                line = readLine();
            } while (line != null && line.isEmpty());
            if (line == null || region == null) {
                return line;
            }
            int tab = line.indexOf('\t');
            int tab2 = tab < 0 ? -1 : line.indexOf('\t', tab + 1);
            if (tab != region.contig().length() || !line.regionMatches(0, region.contig(), 0, tab)) {
                if (inRegion) {
                    return null; // the next contig
                }
                continue;
            }
            if (tab2 < 0) {
                regionRecords++;
                return line; // the codec names the error
            }
            long pos;
            try {
                pos = Long.parseLong(line, tab + 1, tab2, 10);
            } catch (NumberFormatException e) {
                regionRecords++;
                return line; // the codec names the error
            }
            if (pos < region.start()) {
                continue;
            }
            if (pos >= region.end()) {
                return null;
            }
            inRegion = true;
            regionRecords++;
            return line;
        }
    }

    /** True when records come with positions ({@link #position()}): a plain or bgzipped file. */
    boolean positioned() {
        return positioned != null;
    }

    /** True when positions are BGZF virtual offsets. */
    boolean bgzf() {
        return bgzf;
    }

    /** The text of the last record {@link #next()} returned. */
    String lastLine() {
        return lastLine;
    }

    /** Where the last record starts (byte offset or BGZF virtual offset), -1 when not positioned. */
    long position() {
        return lastPosition;
    }

    /** The header lines up to {@code #CHROM}. */
    List<String> headerLines() {
        return headerLines;
    }

    private String readLine() {
        if (positioned != null) {
            String line = positioned.next();
            if (line != null) {
                lineNumber++;
            }
            return line;
        }
        try {
            String line = reader.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (IOException e) {
            RuntimeException wrapped = TextInput.readFailure(path, e);
            if (wrapped instanceof InputException ie) {
                throw new InputException(path, lineNumber + 1, null, ie.getMessage().substring(
                        path.toString().length() + 2));
            }
            throw wrapped;
        }
    }

    private static String abbreviate(String line) {
        String printable = line.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
    }

    @Override
    public void close() {
        if (reader != null) {
            closeQuietly(reader);
        }
        if (positioned != null) {
            positioned.close();
        }
    }
}
