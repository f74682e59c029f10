package org.genosynth.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The lines of a text file with the position where each starts, so that a run of lines can be described by its first
 * line's position and read again by another process: a byte offset in a plain (not compressed) file, a BGZF virtual
 * offset (block address and offset in the block, as tabix indexes use) in a bgzipped file. Lines end at {@code \n} (a
 * {@code \r} before it is dropped) and are decoded as UTF-8, as {@link LineReader} reads them.
 */
public final class OffsetLines implements Closeable {
    /** Where the bytes come from: each read returns bytes whose positions are consecutive from {@link #start()}. */
    private interface Chunks extends Closeable {
        /** Reads up to {@code buf.length} bytes with consecutive positions; -1 at the end. */
        int read(byte[] buf) throws IOException;

        /** The position of the first byte the last {@link #read} returned. */
        long start();
    }

    private final Path path;
    private final Chunks in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    private long bufferStart;
    private long lineStart;
    private long lineNumber;
    private byte[] line = new byte[1 << 12];

    private OffsetLines(Path path, Chunks in, long lineBefore) {
        this.path = path;
        this.in = in;
        this.lineNumber = lineBefore;
    }

    /** Reads a plain file from byte {@code offset}, the start of line {@code lineBefore + 1}. */
    public OffsetLines(Path path, long offset, long lineBefore) {
        this(path, plain(path, offset), lineBefore);
    }

    /**
     * Reads a bgzipped file from the BGZF virtual offset {@code virtualOffset}, the start of line
     * {@code lineBefore + 1}.
     */
    public static OffsetLines bgzf(Path path, long virtualOffset, long lineBefore) {
        return new OffsetLines(path, bgzfChunks(path, virtualOffset), lineBefore);
    }

    private static Chunks plain(Path path, long offset) {
        try {
            SeekableByteChannel ch = Files.newByteChannel(Fileset.readable(path));
            ch.position(offset);
            InputStream stream = Channels.newInputStream(ch);
            return new Chunks() {
                private long at = offset;
                private long start;

                @Override
                public long start() {
                    return start;
                }

                @Override
                public int read(byte[] b) throws IOException {
                    int n = stream.read(b);
                    start = at;
                    at += Math.max(0, n);
                    return n;
                }

                @Override
                public void close() throws IOException {
                    stream.close();
                }
            };
        } catch (NoSuchFileException e) {
            throw InputException.inFile(path, "file not found");
        } catch (IOException e) {
            throw InputException.inFile(path, "cannot read: " + e.getMessage());
        }
    }

    private static Chunks bgzfChunks(Path path, long virtualOffset) {
        try {
            htsjdk.samtools.util.BlockCompressedInputStream stream =
                    new htsjdk.samtools.util.BlockCompressedInputStream(Fileset.readable(path));
            stream.seek(virtualOffset);
            return new Chunks() {
                private long start;

                @Override
                public long start() {
                    return start;
                }

                @Override
                public int read(byte[] b) throws IOException {
                    // available() loads the next block when this one is used up; 0 means the end of the file or an
                    // empty block (a bgzip EOF marker inside concatenated files), which the next call steps over
                    int available;
                    long before = -1;
                    while ((available = stream.available()) <= 0) {
                        long at = stream.getFilePointer();
                        if (at == before) {
                            return -1; // no block left
                        }
                        before = at;
                    }
                    start = stream.getFilePointer();
                    int n = stream.read(b, 0, Math.min(available, b.length)); // within one block: consecutive
                    return n <= 0 ? -1 : n;
                }

                @Override
                public void close() throws IOException {
                    stream.close();
                }
            };
        } catch (NoSuchFileException e) {
            throw InputException.inFile(path, "file not found");
        } catch (IOException | RuntimeException e) {
            throw InputException.inFile(path, "cannot read at BGZF offset " + virtualOffset + " (" + e.getMessage()
                    + ")");
        }
    }

    /** The number of the line last returned (1-based). */
    public long lineNumber() {
        return lineNumber;
    }

    /** The position (byte offset, or BGZF virtual offset) where the line last returned starts. */
    public long lineStart() {
        return lineStart;
    }

    /** The next line, or null at the end of the file. */
    public String next() {
        if (pos == end && !fill()) {
            return null;
        }
        lineStart = bufferStart + pos;
        int len = 0;
        while (true) {
            int from = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            int n = pos - from;
            if (len + n > line.length) {
                line = Arrays.copyOf(line, Math.max(len + n, line.length * 2));
            }
            System.arraycopy(buf, from, line, len, n);
            len += n;
            if (pos < end) {
                pos++;
                break;
            }
            if (!fill()) {
                break;
            }
        }
        lineNumber++;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        return new String(line, 0, len, StandardCharsets.UTF_8);
    }

    /** The next line that is not blank, or null. */
    public String nextNonBlank() {
        String text;
        while ((text = next()) != null) {
            if (!text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    private boolean fill() {
        pos = 0;
        end = 0;
        try {
            int n = in.read(buf);
            if (n <= 0) {
                return false;
            }
            bufferStart = in.start();
            end = n;
            return true;
        } catch (IOException e) {
            throw TextInput.readFailure(path, lineNumber + 1, e);
        } catch (htsjdk.samtools.SAMException e) {
            // htsjdk's text repeats the path and says "Premature end of file" or names a bad block
            throw new InputException(path, lineNumber + 1, null, "the file is truncated or corrupt: its BGZF "
                    + "compressed data " + (String.valueOf(e.getMessage()).contains("Premature end") ? "ends early"
                    : "cannot be decoded") + " (an incomplete copy or download?)");
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing a file we only read from cannot lose data
        }
    }
}
