package org.genosynth.io.vcf;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFHeader;
import org.genosynth.io.Fileset;
import org.genosynth.io.InputException;
import org.genosynth.io.OffsetLines;
import org.genosynth.io.TextInput;

/**
 * Decoded VCF/BCF records of one file, with the position of the current record for messages: a text line number for
 * VCF, a record number for BCF. Chooses the codec from the (decompressed) content, not the name.
 */
abstract class RecordSource implements Closeable {
    private static final byte[] BCF_MAGIC = "BCF".getBytes(StandardCharsets.US_ASCII);

    protected final Path path;

    RecordSource(Path path) {
        this.path = path;
    }

    /** Opens a VCF (plain, gzip or bgzip) or BCF file. */
    static RecordSource open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw InputException.inFile(path, Files.exists(path) ? "not a regular file" : "file not found");
        }
        VcfReader.warnIfTruncated(path);
        InputStream in = TextInput.openStream(path);
        try {
            BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
            buffered.mark(BCF_MAGIC.length);
            byte[] head = buffered.readNBytes(BCF_MAGIC.length);
            buffered.reset();
            if (java.util.Arrays.equals(head, BCF_MAGIC)) {
                return new BcfRecordSource(path, buffered);
            }
            Path readable = Fileset.readable(path);
            if (!TextInput.isGzipped(readable)) {
                closeQuietly(buffered);
                return new TextRecordSource(path, new OffsetLines(path, 0, 0), false);
            }
            if (isBgzf(readable)) {
                closeQuietly(buffered);
                return new TextRecordSource(path, OffsetLines.bgzf(path, 0, 0), true);
            }
            return new TextRecordSource(path, buffered);
        } catch (IOException e) {
            closeQuietly(in);
            throw TextInput.readFailure(path, e);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /** True when {@code file} is BGZF (bgzip's blocked gzip), whose records can be found again by virtual offset. */
    static boolean isBgzf(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return htsjdk.samtools.util.BlockCompressedInputStream.isValidFile(in);
        } catch (IOException e) {
            return false;
        }
    }

    /** The header. */
    abstract VCFHeader header();

    /** The next record, or null at the end of the file. */
    abstract VariantContext next();

    /** Line number (VCF) of the current record, or 0 when the file is binary. */
    abstract long line();

    /** A description of the current record's place for messages when there is no line number ("record 12"). */
    abstract String where();

    /** An error about the current record. */
    InputException error(String field, String message) {
        long line = line();
        return new InputException(path, line, field, line > 0 ? message : where() + ": " + message);
    }

    /** Wraps an htsjdk parsing failure of the current record. */
    InputException malformed(RuntimeException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return error(null, "malformed record (" + detail.strip() + ")");
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to recover when closing an input
        }
    }
}
