package org.genosynth.io.bimbam;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.io.Fileset;
import org.genosynth.io.TextInput;

/**
 * Line ranges of a plain (not compressed) BIMBAM genotype file: one scan for line ends (no parsing) finds where every
 * run of {@code rowsPerRange} genotype rows starts, so that each range can be opened and parsed on its own, by any
 * process that sees the file. Blank lines belong to no row, as when the file is read from the start.
 */
public final class BimbamRows {
    private BimbamRows() {
    }

    /**
     * One range of genotype rows.
     *
     * @param byteOffset where its first line starts
     * @param lineBefore number of lines before it (for line numbers in messages)
     * @param firstRow   index of its first genotype row in the file (0-based)
     * @param rowCount   number of genotype rows
     */
    public record Range(long byteOffset, long lineBefore, int firstRow, int rowCount)
            implements java.io.Serializable {
    }

    /** The file's rows in ranges of {@code rowsPerRange} (the last may be shorter); one empty range for no rows. */
    public static List<Range> split(Path genoPath, int rowsPerRange) {
        if (rowsPerRange < 1) {
            throw new IllegalArgumentException("rowsPerRange must be positive: " + rowsPerRange);
        }
        List<Range> ranges = new ArrayList<>();
        long offset = 0;
        long line = 0;
        int rows = 0;
        long rangeOffset = 0;
        long rangeLine = 0;
        int rangeFirst = 0;
        long lineStart = 0;
        boolean blank = true;
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(Fileset.readable(genoPath))) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++, offset++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        if (!blank) {
                            if (rows - rangeFirst == rowsPerRange) {
                                ranges.add(new Range(rangeOffset, rangeLine, rangeFirst, rowsPerRange));
                                rangeFirst = rows;
                                rangeOffset = lineStart;
                                rangeLine = line;
                            }
                            rows++;
                        }
                        line++;
                        lineStart = offset + 1;
                        blank = true;
                    } else if ((b & 0xFF) > ' ') {
                        blank = false;
                    }
                }
            }
        } catch (IOException e) {
            throw TextInput.readFailure(genoPath, e);
        }
        if (!blank) {
            if (rows - rangeFirst == rowsPerRange) {
                ranges.add(new Range(rangeOffset, rangeLine, rangeFirst, rowsPerRange));
                rangeFirst = rows;
                rangeOffset = lineStart;
                rangeLine = line;
            }
            rows++;
        }
        ranges.add(new Range(rangeOffset, rangeLine, rangeFirst, rows - rangeFirst));
        return ranges;
    }
}
