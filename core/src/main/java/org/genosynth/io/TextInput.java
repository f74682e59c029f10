package org.genosynth.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens input files, transparently gunzipping (plain gzip or bgzip) by magic bytes rather than by name. */
public final class TextInput {
    private static final int BUFFER = 1 << 16;

    private TextInput() {
    }

    /** Opens a possibly gzipped file as bytes. Missing or unreadable files are user errors. */
    public static InputStream openStream(Path path) {
        Fileset.input(path);
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(Fileset.readable(path)), BUFFER);
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
            }
            return raw;
        } catch (NoSuchFileException e) {
            throw InputException.inFile(path, "file not found");
        } catch (IOException e) {
            throw InputException.inFile(path, "cannot read: " + e.getMessage());
        }
    }

    /** Opens a possibly gzipped text file as UTF-8 lines. */
    public static BufferedReader openReader(Path path) {
        return new BufferedReader(new InputStreamReader(openStream(path), StandardCharsets.UTF_8), BUFFER);
    }

    /** True when the file starts with the gzip magic bytes. */
    public static boolean isGzipped(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            return false;
        }
    }

    /** Wraps an I/O failure while reading {@code path} into a user error. */
    public static RuntimeException readFailure(Path path, IOException e) {
        return readFailure(path, 0, e);
    }

    /** Wraps an I/O failure while reading line {@code line} (1-based; 0 when unknown) of {@code path}. */
    public static RuntimeException readFailure(Path path, long line, IOException e) {
        if (e instanceof java.io.EOFException || e.getMessage() != null && e.getMessage().contains("Unexpected end")) {
            return new InputException(path, line, null, "the file is truncated: "
                    + (isGzipped(path) ? "its compressed data ends early" : "it ends early")
                    + " (an incomplete copy or download?)");
        }
        if (e instanceof java.util.zip.ZipException) {
            return new InputException(path, line, null, "corrupt gzip data: the compressed stream cannot be decoded "
                    + "(a damaged file, or not gzip)");
        }
        return new UncheckedIOException("reading " + path, e);
    }
}
