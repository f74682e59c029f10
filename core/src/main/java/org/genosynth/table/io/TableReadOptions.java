package org.genosynth.table.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to read a table.
 *
 * @param header  whether the first row holds column names ({@link Header#AUTO}: guessed, see docs/tables.md)
 * @param names   column names to use instead of the header (or of {@code V1, V2, ...}); null to keep them
 * @param types   declared types by column name: {@code numeric, integer, categorical, boolean, date, date:PATTERN, id,
 *                skip}; the others are inferred
 * @param missing texts that mean "missing" in every column
 * @param columnMissing more texts that mean "missing" in one column only, by column name ({@code --na-col
 *                insulin=0}, or a schema file): a number given here also matches the same number written otherwise
 *                ({@code 0} matches {@code 0.0})
 */
public record TableReadOptions(Header header, List<String> names, Map<String, String> types, Set<String> missing,
        Map<String, Set<String>> columnMissing) {
    /** Whether the first row is a header. */
    public enum Header { AUTO, YES, NO }

    /** The texts read as missing unless told otherwise. */
    public static final Set<String> DEFAULT_MISSING = Set.of("", "NA", "N/A", "na", "n/a", "NaN", "nan", "?", ".",
            "null", "NULL", "None");

    public TableReadOptions {
        header = header == null ? Header.AUTO : header;
        names = names == null ? null : List.copyOf(names);
        types = types == null ? Map.of() : new LinkedHashMap<>(types);
        missing = missing == null ? DEFAULT_MISSING : Set.copyOf(missing);
        Map<String, Set<String>> cm = new LinkedHashMap<>();
        if (columnMissing != null) {
            columnMissing.forEach((k, v) -> cm.put(k, Set.copyOf(v)));
        }
        columnMissing = java.util.Collections.unmodifiableMap(cm);
    }

    public TableReadOptions(Header header, List<String> names, Map<String, String> types, Set<String> missing) {
        this(header, names, types, missing, null);
    }

    /** These options with the missing-value codes of one column added (kept with the ones already given). */
    public TableReadOptions withColumnMissing(Map<String, Set<String>> more) {
        Map<String, Set<String>> all = new LinkedHashMap<>();
        columnMissing.forEach((k, v) -> all.put(k, new java.util.LinkedHashSet<>(v)));
        more.forEach((k, v) -> all.computeIfAbsent(k, x -> new java.util.LinkedHashSet<>()).addAll(v));
        return new TableReadOptions(header, names, types, missing, all);
    }

    public static TableReadOptions defaults() {
        return new TableReadOptions(Header.AUTO, null, null, null);
    }
}
