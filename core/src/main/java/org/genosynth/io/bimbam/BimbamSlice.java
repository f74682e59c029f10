package org.genosynth.io.bimbam;

import java.nio.file.Path;
import java.util.List;
import org.genosynth.io.InputException;
import org.genosynth.io.OffsetLines;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.VariantBlock;

/**
 * A run of genotype rows of a plain (not compressed) BIMBAM file, by the byte offset of its first line: the values of
 * a block, parsed where the block is used. The reader keeps the rows' text it has already read (used, then dropped,
 * when the block is parsed in the same process); a copy sent to another process (a Spark executor) holds only the
 * path and the range, and reads the rows from the file there. Parsing errors name the file's line, either way.
 */
public final class BimbamSlice implements VariantBlock.GenotypeSlice {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final long byteOffset;
    private final long lineBefore;
    private final int rowCount;
    private final int sampleCount;
    private final boolean strain;
    private final String countSource;
    private transient List<String> rows;
    private transient long[] lineNumbers;

    /**
     * @param path        the genotype file
     * @param byteOffset  where the first row's line starts
     * @param lineBefore  lines before it (for messages)
     * @param rowCount    genotype rows (blank lines between them are skipped)
     * @param sampleCount values per row
     * @param strain      values are 0/1 strain codes
     * @param countSource where the expected number of values comes from, for messages
     * @param rows        the rows' text when already read, else null
     * @param lineNumbers each row's line number, with {@code rows}
     */
    BimbamSlice(Path path, long byteOffset, long lineBefore, int rowCount, int sampleCount, boolean strain,
                String countSource, List<String> rows, long[] lineNumbers) {
        this.path = path.toString();
        this.byteOffset = byteOffset;
        this.lineBefore = lineBefore;
        this.rowCount = rowCount;
        this.sampleCount = sampleCount;
        this.strain = strain;
        this.countSource = countSource;
        this.rows = rows;
        this.lineNumbers = lineNumbers;
    }

    @Override
    public long[] get() {
        return read().words();
    }

    @Override
    public synchronized VariantBlock.Content read() {
        Path file = Path.of(path);
        GenoRowParser parser = new GenoRowParser(file);
        if (strain) {
            parser.strainCoding();
        }
        int wpv = GenotypeCodes.wordsPerVariant(sampleCount);
        long[] words = new long[Math.multiplyExact(rowCount, wpv)];
        float[][] dosages = new float[rowCount][];
        if (rows != null) {
            for (int r = 0; r < rowCount; r++) {
                dosages[r] = new float[sampleCount];
                parser.parse(rows.get(r), lineNumbers[r], dosages[r], words, r * wpv, countSource);
            }
            rows = null; // read once: a later read (rare) goes back to the file
            lineNumbers = null;
        } else {
            try (OffsetLines lines = new OffsetLines(file, byteOffset, lineBefore)) {
                for (int r = 0; r < rowCount; r++) {
                    String row = lines.nextNonBlank();
                    if (row == null) {
                        throw InputException.inFile(file, "ends after line " + lines.lineNumber() + ", before the "
                                + rowCount + " rows read from line " + (lineBefore + 1) + "; the file changed "
                                + "while it was read");
                    }
                    dosages[r] = new float[sampleCount];
                    parser.parse(row, lines.lineNumber(), dosages[r], words, r * wpv, countSource);
                }
            }
        }
        return new VariantBlock.Content(words, dosages, null);
    }

    @Override
    public String toString() {
        return path + " rows from line " + (lineBefore + 1) + " (" + rowCount + ")";
    }
}
