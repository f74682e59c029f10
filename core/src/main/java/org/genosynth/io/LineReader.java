package org.genosynth.io;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Reads a whitespace- or comma-separated text file line by line, keeping the line number for error messages. */
public final class LineReader implements Closeable {
    private static final Pattern COMMA_OR_WHITESPACE = Pattern.compile("[,\\s]+");

    private final Path path;
    private final BufferedReader reader;
    private long lineNumber;

    public LineReader(Path path) {
        this.path = path;
        this.reader = TextInput.openReader(path);
    }

    /**
     * Reads a plain (not compressed) text file from byte {@code offset}, the start of line {@code lineBefore + 1}
     * (line numbers in messages stay those of the whole file).
     */
    public LineReader(Path path, long offset, long lineBefore) {
        this.path = path;
        this.lineNumber = lineBefore;
        try {
            java.nio.channels.SeekableByteChannel ch = java.nio.file.Files.newByteChannel(Fileset.readable(path));
            ch.position(offset);
            this.reader = new BufferedReader(new java.io.InputStreamReader(java.nio.channels.Channels.newInputStream(ch),
                    java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
        } catch (java.nio.file.NoSuchFileException e) {
            throw InputException.inFile(path, "file not found");
        } catch (IOException e) {
            throw InputException.inFile(path, "cannot read: " + e.getMessage());
        }
    }

    public Path path() {
        return path;
    }

    /** The number of the line last returned (1-based). */
    public long lineNumber() {
        return lineNumber;
    }

    /** The next line, or null at the end of the file. */
    public String next() {
        try {
            String line = reader.readLine();
            if (line != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // a UTF-8 byte order mark (spreadsheet exports) is not part of the header
                }
            }
            return line;
        } catch (IOException e) {
            throw TextInput.readFailure(path, lineNumber + 1, e);
        }
    }

    /** The next line that is not blank, or null. */
    public String nextNonBlank() {
        String line;
        while ((line = next()) != null) {
            if (!line.isBlank()) {
                return line;
            }
        }
        return null;
    }

    /** Splits on runs of whitespace (space, tab, CR), ignoring leading/trailing whitespace. No regex: hot path. */
    public static String[] splitWhitespace(String line) {
        int len = line.length();
        int count = 0;
        for (int i = 0; i < len; ) {
            while (i < len && isSpace(line.charAt(i))) {
                i++;
            }
            if (i < len) {
                count++;
                while (i < len && !isSpace(line.charAt(i))) {
                    i++;
                }
            }
        }
        String[] out = new String[count];
        int k = 0;
        for (int i = 0; i < len; ) {
            while (i < len && isSpace(line.charAt(i))) {
                i++;
            }
            if (i < len) {
                int start = i;
                while (i < len && !isSpace(line.charAt(i))) {
                    i++;
                }
                out[k++] = line.substring(start, i);
            }
        }
        return out;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** Splits on runs of commas and/or whitespace (BIMBAM style). */
    public static String[] splitCommaOrWhitespace(String line) {
        String t = line.strip();
        return t.isEmpty() ? new String[0] : COMMA_OR_WHITESPACE.split(t);
    }

    /** An error at the current line. */
    public InputException error(String field, String message) {
        return new InputException(path, lineNumber, field, message);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // closing a reader we only read from cannot lose data
        }
    }
}
