package org.genosynth.io.plink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.InputException;
import org.genosynth.io.TextInput;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * Reads a PLINK 1 binary fileset (variant-major .bed, plain or gzipped). The .bed size is checked against the .bim
 * and .fam counts before any genotype is read (plain files) or when the stream ends early or runs long (gzipped).
 * A plain .bed can be read from any variant on ({@link #open(Path, int, int)}): its blocks are {@link BedRange}s,
 * byte ranges that whichever thread or process first needs the genotypes reads and decodes.
 */
public final class BedReader implements GenotypeReader {
    private static final byte MAGIC1 = 0x6c;
    private static final byte MAGIC2 = 0x1b;

    private final PlinkFileset files;
    private final SampleSheet samples;
    private final int variantCount;
    private final int endVariant;
    private int firstVariant;
    private final BimFile.Reader bim;
    private List<Variant> allVariants;
    private final int bytesPerVariant;
    private final BedSource source;
    private int nextVariant;
    private boolean closed;

    private BedReader(PlinkFileset files, SampleSheet samples, BimFile.Scan scan, BedSource source, int from,
                      int to) {
        this.files = files;
        this.samples = samples;
        this.variantCount = scan.variantCount();
        this.bim = new BimFile.Reader(files.bim(), scan.hasMap());
        this.bytesPerVariant = (samples.size() + 3) / 4;
        this.source = source;
        this.nextVariant = from;
        this.endVariant = to < 0 ? variantCount : Math.min(to, variantCount);
    }

    /** Opens the fileset named by a prefix or any member file. */
    public static BedReader open(Path path) {
        return open(path, 0, -1);
    }

    /**
     * Opens the fileset for the variants {@code from} (inclusive) to {@code to} (exclusive; negative: to the end),
     * numbered as in the file; a gzipped .bed is read from the start to {@code from} first.
     */
    public static BedReader open(Path path, int from, int to) {
        PlinkFileset files = PlinkFileset.locate(path);
        SampleSheet samples = FamFile.read(files.fam());
        BimFile.Scan scan = BimFile.scan(files.bim());
        long bytesPerVariant = (samples.size() + 3) / 4;
        long expected = 3 + bytesPerVariant * scan.variantCount();
        BedSource source = TextInput.isGzipped(files.bed())
                ? new StreamSource(files.bed(), TextInput.openStream(files.bed()), expected)
                : ChannelSource.open(files.bed(), expected, samples.size(), scan.variantCount());
        BedReader reader = new BedReader(files, samples, scan, source, 0, to);
        try {
            reader.checkMagic();
            reader.skip(Math.min(from, scan.variantCount()));
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
        return reader;
    }

    private void skip(int variants) {
        if (variants <= 0) {
            return;
        }
        bim.next(variants);
        if (source instanceof StreamSource) {
            for (int left = variants; left > 0; ) {
                int step = Math.min(left, 4096);
                source.next(step * bytesPerVariant);
                left -= step;
            }
        }
        nextVariant = variants;
        firstVariant = variants;
    }

    /** The plain .bed's variant range {@code [from, from + count)}, or null for a gzipped .bed. */
    public BedRange range(long from, int count) {
        return source instanceof ChannelSource
                ? new BedRange(files.bed().toAbsolutePath().toString(), samples.size(), from, count) : null;
    }

    /** Number of variants in the file (the .bim's). */
    public int fileVariantCount() {
        return variantCount;
    }

    private void checkMagic() {
        ByteBuffer headBuffer = source.next(3);
        byte[] head = {headBuffer.get(0), headBuffer.get(1), headBuffer.get(2)};
        if (head[0] != MAGIC1 || head[1] != MAGIC2) {
            throw InputException.inFile(files.bed(), "not a PLINK 1 .bed file (bad magic number); PLINK 0.99 files "
                    + "and text .ped files must be converted with plink --make-bed first");
        }
        if (head[2] != 1) {
            throw InputException.inFile(files.bed(), "sample-major .bed files are not supported; rewrite it with "
                    + "plink --bfile PREFIX --make-bed");
        }
    }

    @Override
    public Path path() {
        return files.bed();
    }

    /** The three files read. */
    public PlinkFileset files() {
        return files;
    }

    @Override
    public SampleSheet sampleSheet() {
        return samples;
    }

    @Override
    public Optional<List<Variant>> variantsUpFront() {
        if (allVariants == null) {
            List<Variant> all = BimFile.read(files.bim());
            allVariants = firstVariant == 0 && endVariant == all.size() ? all
                    : List.copyOf(all.subList(firstVariant, endVariant));
        }
        return Optional.of(allVariants);
    }

    @Override
    public long variantCountHint() {
        return endVariant - firstVariant;
    }

    @Override
    public VariantBlock nextBlock(int maxVariants) {
        int count = Math.min(maxVariants, endVariant - nextVariant);
        if (count <= 0) {
            if (endVariant == variantCount) {
                source.checkEnd();
            }
            return null;
        }
        List<Variant> variants = bim.next(count);
        int n = samples.size();
        BedRange range = range(nextVariant, count);
        if (range != null) {
            // a byte range, not bytes: the worker (or Spark executor) that needs the genotypes reads them
            VariantBlock block = VariantBlock.decodedOnDemand(nextVariant, n, variants, range);
            nextVariant += count;
            return block;
        }
        ByteBuffer raw = source.next(count * bytesPerVariant);
        int bpv = bytesPerVariant;
        VariantBlock block = VariantBlock.decodedOnDemand(nextVariant, n, variants,
                () -> decode(raw, count, n, bpv));
        nextVariant += count;
        return block;
    }

    /** Decodes {@code count} variants of .bed bytes (a little-endian buffer from position 0) into genosynth codes. */
    static long[] decode(ByteBuffer raw, int count, int sampleCount, int bytesPerVariant) {
        int wpv = GenotypeCodes.wordsPerVariant(sampleCount);
        long[] words = new long[count * wpv];
        long lastMask = GenotypeCodes.lastWordMask(sampleCount);
        if (bytesPerVariant % 8 == 0) {
            // rows are whole words: one bulk copy, then a branch-free pass the JIT can vectorize
            raw.asLongBuffer().get(words);
            for (int i = 0; i < words.length; i++) {
                words[i] = GenotypeCodes.fromBedWord(words[i]);
            }
            for (int v = 1; v <= count; v++) {
                words[v * wpv - 1] &= lastMask;
            }
            return words;
        }
        int fullWords = bytesPerVariant / 8;
        for (int v = 0; v < count; v++) {
            int base = v * bytesPerVariant;
            int out = v * wpv;
            for (int w = 0; w < fullWords; w++) {
                words[out + w] = GenotypeCodes.fromBedWord(raw.getLong(base + 8 * w));
            }
            if (fullWords < wpv) {
                long tail = 0;
                for (int b = fullWords * 8, shift = 0; b < bytesPerVariant; b++, shift += 8) {
                    tail |= (raw.get(base + b) & 0xFFL) << shift;
                }
                words[out + fullWords] = GenotypeCodes.fromBedWord(tail);
            }
            words[out + wpv - 1] &= lastMask;
        }
        return words;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            source.close();
            bim.close();
        }
    }

    /** Where .bed bytes come from. */
    private interface BedSource {
        /** The next {@code len} bytes as a little-endian buffer positioned at 0. */
        ByteBuffer next(int len);

        void checkEnd();

        void close();
    }

    /**
     * A plain .bed read through a file channel, block by block as memory-mapped regions (no copy out of the page
     * cache); its size is validated up front.
     */
    private static final class ChannelSource implements BedSource {
        private final Path path;
        private final FileChannel channel;
        private long position;

        private ChannelSource(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        static ChannelSource open(Path path, long expected, int samples, int variants) {
            try {
                FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
                long size = ch.size();
                if (size != expected) {
                    ch.close();
                    throw InputException.inFile(path, "has " + size + " bytes but the .bim (" + variants
                            + " variants) and .fam (" + samples + " samples) require " + expected
                            + "; the three files do not belong together or the .bed is truncated");
                }
                return new ChannelSource(path, ch);
            } catch (IOException e) {
                throw InputException.inFile(path, "cannot read: " + e.getMessage());
            }
        }

        @Override
        public ByteBuffer next(int len) {
            try {
                ByteBuffer buf = channel.map(FileChannel.MapMode.READ_ONLY, position, len);
                position += len;
                return buf.order(ByteOrder.LITTLE_ENDIAN);
            } catch (IOException e) {
                throw TextInput.readFailure(path, e);
            }
        }

        @Override
        public void checkEnd() {
            // size was checked when opening
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only channel
            }
        }
    }

    /** A gzipped .bed, read as a stream; its length is checked as it is consumed. */
    private static final class StreamSource implements BedSource {
        private final Path path;
        private final InputStream in;
        private final long expected;
        private long consumed;

        StreamSource(Path path, InputStream in, long expected) {
            this.path = path;
            this.in = in;
            this.expected = expected;
        }

        @Override
        public ByteBuffer next(int len) {
            byte[] dst = new byte[len];
            readFully(dst, 0, len);
            return ByteBuffer.wrap(dst).order(ByteOrder.LITTLE_ENDIAN);
        }

        private void readFully(byte[] dst, int off, int len) {
            try {
                int done = 0;
                while (done < len) {
                    int r = in.read(dst, off + done, len - done);
                    if (r < 0) {
                        throw InputException.inFile(path, "holds " + (consumed + done) + " bytes after decompression"
                                + " but the .bim and .fam require " + expected + "; truncated or mismatched files");
                    }
                    done += r;
                }
                consumed += len;
            } catch (IOException e) {
                throw TextInput.readFailure(path, e);
            }
        }

        @Override
        public void checkEnd() {
            try {
                if (in.read() >= 0) {
                    throw InputException.inFile(path, "holds more bytes than the .bim and .fam require (" + expected
                            + "); the files do not belong together");
                }
            } catch (IOException e) {
                throw TextInput.readFailure(path, e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // read-only stream
            }
        }
    }
}
