package org.genosynth.table.io;

import java.nio.file.Path;
import java.util.List;

/**
 * A table as text: column names, rows of cells and the file line of each row (for error messages), plus the types an
 * ARFF header declared (null for delimited text).
 */
record RawTable(Path path, List<String> names, List<String[]> rows, long[] lines, List<String> declaredTypes) {
}
