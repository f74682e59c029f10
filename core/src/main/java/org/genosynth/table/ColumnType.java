package org.genosynth.table;

import java.util.Locale;

/** The kind of values a table column holds, as inferred from its text or declared by the user. */
public enum ColumnType {
    /** Real numbers; kept to the number of decimals seen in the input. */
    NUMERIC,
    /** Whole numbers. */
    INTEGER,
    /** Labels from a finite set (levels). */
    CATEGORICAL,
    /** Two labels (yes/no, true/false, 0/1, 1/2, M/F ...). */
    BOOLEAN,
    /** Calendar dates (or date-times), stored as days (seconds) since 1970-01-01. */
    DATE,
    /** Row identifiers (every value distinct): never modelled; synthetic rows get fresh identifiers. */
    ID,
    /** A column with no value at all: kept, empty, in synthetic output and left out of models and scores. */
    EMPTY;

    /** Ordered numbers: numeric, integer and date columns. */
    public boolean isNumeric() {
        return this == NUMERIC || this == INTEGER || this == DATE;
    }

    /** Labels: categorical and boolean columns. */
    public boolean isDiscrete() {
        return this == CATEGORICAL || this == BOOLEAN;
    }

    /** Columns the synthesizers model and the evaluation scores. */
    public boolean isModelled() {
        return this != ID && this != EMPTY;
    }

    /** The lower-case name used in options and reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a user-given type name. */
    public static ColumnType parse(String s) {
        for (ColumnType t : values()) {
            if (t.label().equals(s.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException(s);
    }
}
