package org.genosynth.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Error text for users: no Java class names and no raw parser text (a library's {@code For input string: "_"} becomes
 * {@code '_' is not a number}).
 */
public final class Messages {
    private static final Pattern NUMBER = Pattern.compile("For input string: \"([^\"]*)\"(?: under radix \\d+)?");
    private static final Pattern QUALIFIED = Pattern.compile(
            "\\b(?:java|javax|jdk|sun|htsjdk|picocli|org|com)(?:\\.[a-z_][\\w$]*)*\\.([A-Z][\\w$]*)(?::\\s*)?");
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b[A-Z][A-Za-z0-9]*(?:Exception|Error|Codec|InputStream|OutputStream)\\b(?::\\s*)?");

    private Messages() {
    }

    /** {@code text} with class names and raw number-parser text replaced by plain words. */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        String s = NUMBER.matcher(text).replaceAll(m -> Matcher.quoteReplacement("'" + m.group(1) + "' is not a number"));
        s = s.replace("BinaryCodec in writemode; ", "").replace("BinaryCodec in writemode", "")
                .replace("BinaryCodec in readmode; ", "").replace("BinaryCodec in readmode", "");
        s = QUALIFIED.matcher(s).replaceAll(m -> Matcher.quoteReplacement(words(m.group(1))));
        s = CLASS_NAME.matcher(s).replaceAll(m -> Matcher.quoteReplacement(words(m.group().replaceAll(":\\s*$", ""))));
        s = escapeControls(s);
        return s.replaceAll("\\(\\s*\\)", "").replaceAll("\\s{2,}", " ").replaceAll("\\s+([,;:)])", "$1").strip();
    }

    /**
     * {@code text} on one line: control characters (raw bytes of a damaged file that a parser quotes back, such as a
     * carriage return that terminals and {@code String.lines()} take as a line break) and Unicode line or paragraph
     * separators are written as escapes ({@code \\r}, {@code \\n}, {@code \\x17}, {@code \\u2028}); a tab stays.
     */
    public static String escapeControls(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String esc = switch (c) {
                case '\r' -> "\\r";
                case '\n' -> "\\n";
                default -> Character.isISOControl(c) && c != '\t' ? String.format("\\x%02X", (int) c)
                        : c == '\u2028' || c == '\u2029' ? String.format("\\u%04X", (int) c) : null;
            };
            if (esc != null && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (sb != null) {
                if (esc != null) {
                    sb.append(esc);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
    }

    private static String words(String simpleName) {
        return switch (simpleName) {
            case "NoSuchFileException" -> "file not found: ";
            case "AccessDeniedException" -> "permission denied: ";
            case "FileAlreadyExistsException" -> "file exists: ";
            case "NotDirectoryException" -> "not a directory: ";
            case "DirectoryNotEmptyException" -> "directory not empty: ";
            case "EOFException" -> "unexpected end of file ";
            case "OutOfMemoryError" -> "out of memory (raise -Xmx) ";
            default -> "";
        };
    }

    /** An I/O failure in words: what happened and to which file, without the exception's class name. */
    public static String describe(IOException e) {
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : null;
        String what;
        if (e instanceof NoSuchFileException) {
            what = "file or directory not found";
        } else if (e instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (e instanceof FileAlreadyExistsException) {
            what = "file exists";
        } else if (e instanceof NotDirectoryException) {
            what = "not a directory";
        } else if (e instanceof DirectoryNotEmptyException) {
            what = "directory not empty";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            what = f.getReason();
        } else {
            what = clean(e.getMessage());
        }
        return escapeControls(file == null ? what : file + ": " + what);
    }
}
