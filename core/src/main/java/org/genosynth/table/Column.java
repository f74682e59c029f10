package org.genosynth.table;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.genosynth.io.NumberText;

/**
 * One column of a table: its name, type and what is needed to read and write its values exactly as the input did.
 * Values are doubles: numbers as they are, dates as days (date-times as seconds) since 1970-01-01, labels as the index
 * of their level; {@code NaN} is missing.
 *
 * @param name        column name (from the header, {@code --names}, or {@code V1, V2, ...})
 * @param type        the column's type
 * @param levels      labels of a categorical/boolean column (index = stored value); empty otherwise
 * @param decimals    decimals written for a numeric column ({@code -1}: shortest round-trip text); 0 for integers
 * @param datePattern {@link DateTimeFormatter} pattern of a date column, null otherwise
 */
public record Column(String name, ColumnType type, List<String> levels, int decimals, String datePattern) {
    public Column {
        levels = List.copyOf(levels);
    }

    public static Column of(String name, ColumnType type) {
        return new Column(name, type, List.of(), type == ColumnType.INTEGER ? 0 : -1, null);
    }

    public Column withLevels(List<String> newLevels) {
        return new Column(name, type, newLevels, decimals, datePattern);
    }

    /** True when the date pattern has a time of day (values are seconds rather than days). */
    public boolean isDateTime() {
        return datePattern != null && (datePattern.contains("H") || datePattern.contains("h")
                || datePattern.contains("m") && datePattern.contains(":"));
    }

    /** Rounds a generated value to what this column can hold (integers, decimals, whole days). */
    public double round(double v) {
        if (Double.isNaN(v)) {
            return v;
        }
        return switch (type) {
            case INTEGER, DATE, CATEGORICAL, BOOLEAN -> Math.rint(v);
            case NUMERIC -> decimals < 0 || decimals > 15 ? v
                    : BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
            default -> v;
        };
    }

    /** The text of a value, as the input would have written it; {@code missing} for NaN. */
    public String format(double v, String missing) {
        if (Double.isNaN(v)) {
            return missing;
        }
        return switch (type) {
            case INTEGER -> Long.toString((long) Math.rint(v));
            case NUMERIC -> decimals < 0 || decimals > 15 ? NumberText.formatDouble(v)
                    : BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
            case CATEGORICAL, BOOLEAN -> levels.get((int) v);
            case DATE -> formatDate(v);
            default -> missing;
        };
    }

    private String formatDate(double v) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(datePattern, Locale.ROOT);
        if (isDateTime()) {
            return LocalDateTime.ofEpochSecond((long) Math.rint(v), 0, ZoneOffset.UTC).format(f);
        }
        return LocalDate.ofEpochDay((long) Math.rint(v)).format(f);
    }

    /** Parses a date with this column's pattern; NaN when it does not match. */
    public double parseDate(String text) {
        return parseDate(text, datePattern, isDateTime());
    }

    static double parseDate(String text, String pattern, boolean dateTime) {
        try {
            DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            if (dateTime) {
                return LocalDateTime.parse(text, f).toEpochSecond(ZoneOffset.UTC);
            }
            return LocalDate.parse(text, f).toEpochDay();
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Double.NaN;
        }
    }
}
