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
import org.genosynth.io.TextInput;

/** Text VCF records, read line by line so every error can name its line. */
final class TextRecordSource extends RecordSource {
    private final BufferedReader reader;
    private final VCFCodec codec = new VCFCodec();
    private final VCFHeader header;
    private long lineNumber;

    TextRecordSource(Path path, InputStream in) {
        super(path);
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        try {
            this.header = readHeader();
        } catch (RuntimeException e) {
            closeQuietly(reader);
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

    @Override
    VariantContext next() {
        String line;
        do {
            line = readLine();
        } while (line != null && line.isEmpty());
        if (line == null) {
            return null;
        }
        try {
            return codec.decode(line);
        } catch (RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    long line() {
        return lineNumber;
    }

    @Override
    String where() {
        return "line " + lineNumber;
    }

    private String readLine() {
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
        closeQuietly(reader);
    }
}
