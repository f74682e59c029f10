package org.genosynth.io.vcf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFCodec;
import htsjdk.variant.vcf.VCFHeader;
import org.genosynth.io.InputException;
import org.genosynth.io.OffsetLines;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.TextInput;
import org.genosynth.model.VariantBlock;

/**
 * A run of records of a plain or bgzipped VCF, by the position of its first record (byte offset, or BGZF virtual
 * offset): the genotypes, dosages and phase of a block, decoded where the block is used. The reader keeps the records'
 * text it has already read (decoded, then dropped, when the block is used in the same process); a copy sent to another
 * process (a Spark executor) holds only the path and the range and reads the records from the file there. Errors name
 * the file's line either way.
 */
final class VcfSlice implements VariantBlock.GenotypeSlice {
    private static final long serialVersionUID = 1L;
    /** Header lines per file (path, size, modification time), so that a process parses each header once. */
    private static final Map<String, List<String>> HEADERS = new ConcurrentHashMap<>();

    private final String path;
    private final boolean bgzf;
    private final long position;
    private final long lineBefore;
    /** The region the records were read in (messages then number records in it), or null (line numbers). */
    private final String region;
    private final int records;
    private final int skip;
    private final int siteCount;
    private final int sampleCount;
    private final ReadOptions.MultiallelicPolicy policy;
    private transient List<String> lines;
    private transient long[] lineNumbers;

    /**
     * @param path        the VCF
     * @param bgzf        positions are BGZF virtual offsets (else byte offsets of a plain file)
     * @param position    where the first record starts
     * @param lineBefore  lines before the first record (for messages); in a region, records before it
     * @param region      the region the records were read in, or null when lines are numbered in the file
     * @param records     records (non-empty lines) in the run
     * @param skip        sites of the first record before the block's first (a record split per ALT across blocks)
     * @param siteCount   sites in the block
     * @param sampleCount samples
     * @param policy      how multi-allelic records are read
     * @param lines       the records' text when already read, else null
     * @param lineNumbers each record's line number, with {@code lines}
     */
    VcfSlice(Path path, boolean bgzf, long position, long lineBefore, String region, int records, int skip,
             int siteCount,
             int sampleCount, ReadOptions.MultiallelicPolicy policy, List<String> lines, long[] lineNumbers) {
        this.path = path.toString();
        this.bgzf = bgzf;
        this.position = position;
        this.lineBefore = lineBefore;
        this.region = region;
        this.records = records;
        this.skip = skip;
        this.siteCount = siteCount;
        this.sampleCount = sampleCount;
        this.policy = policy;
        this.lines = lines;
        this.lineNumbers = lineNumbers;
    }

    @Override
    public long[] get() {
        return read().words();
    }

    @Override
    public synchronized VariantBlock.Content read() {
        Path file = Path.of(path);
        Records source = new Records(file, header(file), region);
        SiteDecoder decoder = new SiteDecoder(source, policy, sampleCount);
        List<DecodedSite> sites = new ArrayList<>(skip + siteCount);
        if (lines != null) {
            for (int r = 0; r < records; r++) {
                source.at(lineNumbers[r]);
                sites.addAll(decode(source, decoder, lines.get(r)));
            }
            lines = null; // decoded once: a later read (rare) goes back to the file
            lineNumbers = null;
        } else {
            try (OffsetLines in = bgzf ? OffsetLines.bgzf(file, position, lineBefore)
                    : new OffsetLines(file, position, lineBefore)) {
                for (int r = 0; r < records; r++) {
                    String line;
                    do {
                        line = in.next();
                    } while (line != null && line.isEmpty());
                    if (line == null) {
                        throw InputException.inFile(file, "ends after line " + in.lineNumber() + ", before the "
                                + records + " records read from line " + (lineBefore + 1) + "; the file changed "
                                + "while it was read");
                    }
                    source.at(region == null ? in.lineNumber() : lineBefore + 1 + r);
                    sites.addAll(decode(source, decoder, line));
                }
            }
        }
        if (sites.size() < skip + siteCount) {
            throw InputException.inFile(file, "records from line " + (lineBefore + 1) + " hold " + sites.size()
                    + " sites, fewer than the " + (skip + siteCount) + " read before; the file changed while it was "
                    + "read");
        }
        return assemble(sites.subList(skip, skip + siteCount));
    }

    private static List<DecodedSite> decode(Records source, SiteDecoder decoder, String line) {
        VariantContext vc;
        try {
            vc = source.codec.decode(line);
        } catch (RuntimeException e) {
            throw source.malformed(e);
        }
        try {
            return decoder.decode(vc);
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw source.malformed(e);
        } catch (AssertionError e) {
            throw source.malformed(new IllegalStateException("corrupt record", e));
        }
    }

    private VariantBlock.Content assemble(List<DecodedSite> sites) {
        return DecodedSite.content(sites, sampleCount);
    }

    /** The header lines of {@code file} (up to {@code #CHROM}), read once per process and file version. */
    private static List<String> header(Path file) {
        String key;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            key = file.toAbsolutePath() + "\t" + a.size() + "\t" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot read (" + e.getMessage() + ")");
        }
        return HEADERS.computeIfAbsent(key, k -> {
            List<String> header = new ArrayList<>();
            try (java.io.BufferedReader in = TextInput.openReader(file)) {
                String line;
                while ((line = in.readLine()) != null && line.startsWith("#")) {
                    header.add(line);
                    if (line.startsWith("#CHROM")) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw TextInput.readFailure(file, e);
            }
            return List.copyOf(header);
        });
    }

    /** The records being decoded, for the decoder's messages: the codec, and the current record's line. */
    private static final class Records extends RecordSource {
        private final VCFCodec codec = new VCFCodec();
        private final VCFHeader header;
        private final String region;
        private long line;

        Records(Path path, List<String> headerLines, String region) {
            super(path);
            this.region = region;
            try {
                this.header = (VCFHeader) codec.readActualHeader(new ListLineIterator(headerLines.iterator()));
            } catch (RuntimeException e) {
                throw new InputException(path, headerLines.size(), "header", "malformed header (" + e.getMessage()
                        + ")");
            }
        }

        void at(long lineNumber) {
            line = lineNumber;
        }

        @Override
        VCFHeader header() {
            return header;
        }

        @Override
        VariantContext next() {
            throw new UnsupportedOperationException();
        }

        @Override
        long line() {
            return region == null ? line : 0;
        }

        @Override
        String where() {
            return region == null ? "line " + line : "record " + line + " of " + region;
        }

        @Override
        public void close() {
            // nothing open
        }
    }

    @Override
    public String toString() {
        return path + " records from line " + (lineBefore + 1) + " (" + records + ")";
    }
}
