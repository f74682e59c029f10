package org.genosynth.io;

import java.nio.file.Path;

/**
 * A user error in an input file or option: reported as one line naming the file, line and field, exit code 2, never
 * with a stack trace. Bugs stay ordinary exceptions.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final String field;

    /**
     * @param file    the offending file, or null when the error is about an option
     * @param line    1-based line (or record) number, or 0 when not applicable
     * @param field   the offending column/field name, or null
     * @param message what is wrong and, where possible, what to do
     */
    public InputException(Path file, long line, String field, String message) {
        super(format(file, line, field, message));
        this.file = file;
        this.line = line;
        this.field = field;
    }

    /** An error about a whole file. */
    public static InputException inFile(Path file, String message) {
        return new InputException(file, 0, null, message);
    }

    /** An error about a command-line option or a combination of options. */
    public static InputException usage(String message) {
        return new InputException(null, 0, null, message);
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }

    public String field() {
        return field;
    }

    private static String format(Path file, long line, String field, String message) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(": ");
        }
        if (field != null) {
            sb.append("field '").append(field).append("': ");
        }
        return sb.append(message).toString();
    }
}
