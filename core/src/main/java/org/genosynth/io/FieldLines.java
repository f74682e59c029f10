package org.genosynth.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The non-blank lines of a whitespace-separated text file (plain or gzipped), split into fields straight from its
 * bytes: the same fields and line numbers as {@link LineReader#next()}, {@link String#isBlank()} and
 * {@link LineReader#splitWhitespace(String)} give, without a {@code String} per line or a {@code char} decoding pass.
 * Lines end at {@code \n}, {@code \r} or {@code \r\n}, as for {@link java.io.BufferedReader#readLine()}. A line with
 * bytes other than printable ASCII, tab, form feed and vertical tab is decoded as UTF-8 and split as a string.
 */
public final class FieldLines implements Closeable {
    private static final int CHUNK = 1 << 16;

    private final Path path;
    private final InputStream in;
    private byte[] buf = new byte[CHUNK];
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNumber;
    private String[] fields = new String[8];

    /** Opens {@code path} (gzip detected by its magic bytes). */
    public FieldLines(Path path) {
        this.path = path;
        this.in = TextInput.openStream(path);
    }

    /** The number of the line last returned (1-based). */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * The fields of the next non-blank line (a new array of exactly that many strings), or null at the end of the
     * file.
     */
    public String[] next() {
        while (true) {
            int end = lineEnd();
            if (end < 0) {
                return null;
            }
            lineNumber++;
            int start = pos;
            pos = skipTerminator(end);
            String[] f = split(start, end);
            if (f != null) {
                return f;
            }
        }
    }

    /** An error at the line last returned. */
    public InputException error(String field, String message) {
        return new InputException(path, lineNumber, field, message);
    }

    /** Fields of {@code buf[start, end)}; null for a blank line. */
    private String[] split(int start, int end) {
        int count = 0;
        int i = start;
        while (i < end) {
            byte c = buf[i];
            if (c == ' ' || c == '\t' || c == '\f' || c == 0x0B) {
                i++;
                continue;
            }
            int from = i;
            while (i < end) {
                c = buf[i];
                if (c == ' ' || c == '\t' || c == '\f' || c == 0x0B) {
                    break;
                }
                if (c < 0x20 || c >= 0x7F) {
                    return splitAsString(start, end);
                }
                i++;
            }
            if (count == fields.length) {
                fields = java.util.Arrays.copyOf(fields, count * 2);
            }
            fields[count++] = new String(buf, from, i - from, StandardCharsets.ISO_8859_1);
        }
        return count == 0 ? null : java.util.Arrays.copyOf(fields, count);
    }

    /** The general path, for lines with control or non-ASCII bytes. */
    private String[] splitAsString(int start, int end) {
        String line = new String(buf, start, end - start, StandardCharsets.UTF_8);
        return line.isBlank() ? null : LineReader.splitWhitespace(line);
    }

    /** Index of the next line's terminator (or of the end of the data for a last unterminated line); -1 at the end. */
    private int lineEnd() {
        int scanned = pos;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                byte c = buf[i];
                if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 == limit && !eof) {
                        // a \r\n pair may straddle the refill
                        break;
                    }
                    return i;
                }
            }
            if (eof) {
                return pos < limit ? limit : -1;
            }
            scanned = limit - pos;
            fill();
            scanned = Math.max(pos, Math.min(pos + scanned, limit) - 1);
        }
    }

    /** Position after the terminator at {@code end} ({@code \r\n} counts as one). */
    private int skipTerminator(int end) {
        if (end >= limit) {
            return limit;
        }
        if (buf[end] == '\r' && end + 1 < limit && buf[end + 1] == '\n') {
            return end + 2;
        }
        return end + 1;
    }

    /** Moves the unread bytes to the front (growing the buffer for a long line) and reads more. */
    private void fill() {
        int unread = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, unread);
        } else if (unread == buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        pos = 0;
        limit = unread;
        try {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        } catch (IOException e) {
            throw TextInput.readFailure(path, lineNumber + 1, e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing a stream we only read from cannot lose data
        }
    }
}
