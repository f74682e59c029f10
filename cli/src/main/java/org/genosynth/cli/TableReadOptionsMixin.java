package org.genosynth.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genosynth.table.io.TableReadOptions;
import picocli.CommandLine.Option;

/** How a table is read: header, names, declared types, missing-value codes. */
final class TableReadOptionsMixin {
    @Option(names = "--header", paramLabel = "auto|yes|no", defaultValue = "auto",
            description = "Whether the first row names the columns (default: guessed).")
    String header;

    @Option(names = "--names", paramLabel = "A,B,...", split = ",",
            description = "Column names to use (for files without a header, e.g. a .fam: FID,IID,PAT,MAT,SEX,...).")
    List<String> names;

    @Option(names = "--type", paramLabel = "NAME=TYPE",
            description = "Declare a column's type: numeric, integer, categorical, boolean, date, date:PATTERN, id, "
                    + "skip (leave the column out). Repeatable. Others are inferred.")
    Map<String, String> types = new LinkedHashMap<>();

    @Option(names = "--na", paramLabel = "TEXT,...", split = ",",
            description = "Texts meaning 'missing' (default: empty, NA, N/A, NaN, ?, ., null, None).")
    List<String> missing;

    TableReadOptions toOptions() {
        TableReadOptions.Header h = switch (header.toLowerCase(java.util.Locale.ROOT)) {
            case "yes", "true" -> TableReadOptions.Header.YES;
            case "no", "false" -> TableReadOptions.Header.NO;
            case "auto" -> TableReadOptions.Header.AUTO;
            default -> throw org.genosynth.io.InputException.usage("--header must be auto, yes or no, got " + header);
        };
        Set<String> na = missing == null ? null : Set.copyOf(Arrays.asList(missing.toArray(new String[0])));
        return new TableReadOptions(h, names, types, na);
    }
}
