package org.genosynth.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A growable UTF-8 text buffer for table lines written straight to a byte stream: numbers are formatted into it
 * without intermediate strings, and nothing is decoded to chars and encoded back as a {@code Writer} would.
 */
public final class ByteText {
    private byte[] bytes;
    private int length;

    /** An empty buffer with room for {@code capacity} bytes before it grows. */
    public ByteText(int capacity) {
        bytes = new byte[Math.max(capacity, 64)];
    }

    /** Bytes held. */
    public int length() {
        return length;
    }

    /** Forgets the content, keeping the room. */
    public ByteText clear() {
        length = 0;
        return this;
    }

    /** Appends an ASCII character. */
    public ByteText append(char c) {
        room(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** Appends {@code s} in UTF-8 (ASCII strings byte by byte). */
    public ByteText append(String s) {
        int n = s.length();
        room(n);
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                room(utf8.length);
                System.arraycopy(utf8, 0, bytes, length, utf8.length);
                length += utf8.length;
                return this;
            }
            bytes[at++] = (byte) c;
        }
        length = at;
        return this;
    }

    /** Appends the decimal text of {@code v}, as {@link Long#toString(long)} writes it. */
    public ByteText append(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return append(Long.toString(v));
            }
            append('-');
            v = -v;
        }
        room(19);
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length += digits;
        return this;
    }

    /** Appends {@code value} with {@code digits} significant digits, as {@link Numbers#appendSignificant} does. */
    public ByteText appendSignificant(double value, int digits) {
        room(Numbers.MAX_SIGNIFICANT_LENGTH);
        length = Numbers.formatSignificant(bytes, length, value, digits);
        return this;
    }

    /** A copy of the content. */
    public byte[] toByteArray() {
        return java.util.Arrays.copyOf(bytes, length);
    }

    /** Writes the content to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
