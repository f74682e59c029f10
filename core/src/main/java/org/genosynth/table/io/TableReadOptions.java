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
 * @param missing texts that mean "missing"
 */
public record TableReadOptions(Header header, List<String> names, Map<String, String> types, Set<String> missing) {
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
    }

    public static TableReadOptions defaults() {
        return new TableReadOptions(Header.AUTO, null, null, null);
    }
}
