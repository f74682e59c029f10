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

    @Option(names = "--na-col", paramLabel = "NAME=TEXT,...", split = ",",
            description = "Texts meaning 'missing' in one column only, beside --na: e.g. --na-col insulin=0,skin=0 "
                    + "(a clinical 0 for 'not measured'; a numeric code also matches 0.0). Repeatable; NAME=A:B gives "
                    + "one column two codes.")
    List<String> columnMissing;

    @Option(names = "--schema", paramLabel = "FILE",
            description = "Per-column missing codes from a file: TSV lines 'column<TAB>code,code' or YAML "
                    + "'na_codes: {insulin: [0], skin: 0}' (.yaml/.yml). Added to --na-col.")
    java.nio.file.Path schema;

    TableReadOptions toOptions() {
        TableReadOptions.Header h = switch (header.toLowerCase(java.util.Locale.ROOT)) {
            case "yes", "true" -> TableReadOptions.Header.YES;
            case "no", "false" -> TableReadOptions.Header.NO;
            case "auto" -> TableReadOptions.Header.AUTO;
            default -> throw org.genosynth.io.InputException.usage("--header must be auto, yes or no, got " + header);
        };
        Set<String> na = missing == null ? null : Set.copyOf(Arrays.asList(missing.toArray(new String[0])));
        Map<String, Set<String>> perColumn = new LinkedHashMap<>();
        if (schema != null) {
            perColumn.putAll(org.genosynth.table.io.TableSchema.read(schema));
        }
        TableReadOptions options = new TableReadOptions(h, names, types, na, perColumn);
        if (columnMissing != null) {
            Map<String, Set<String>> more = new LinkedHashMap<>();
            for (String item : columnMissing) {
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    throw org.genosynth.io.InputException.usage("--na-col " + item + ": expected NAME=TEXT, e.g. "
                            + "--na-col insulin=0");
                }
                more.computeIfAbsent(item.substring(0, eq), k -> new java.util.LinkedHashSet<>())
                        .addAll(Arrays.asList(item.substring(eq + 1).split(":", -1)));
            }
            options = options.withColumnMissing(more);
        }
        return options;
    }
}
