package org.genosynth.seq;

/** Byte-level DNA helpers (upper-case ASCII). */
public final class Bases {
    private static final byte[] COMPLEMENT = new byte[256];
    private static final byte[] UPPER = new byte[256];
    /** The four bases in 2-bit order. */
    public static final byte[] ACGT = {'A', 'C', 'G', 'T'};

    static {
        for (int i = 0; i < 256; i++) {
            COMPLEMENT[i] = 'N';
            UPPER[i] = 'N';
        }
        String from = "ACGTNacgtn";
        String to = "TGCANTGCAN";
        for (int i = 0; i < from.length(); i++) {
            COMPLEMENT[from.charAt(i)] = (byte) to.charAt(i);
            UPPER[from.charAt(i)] = (byte) Character.toUpperCase(from.charAt(i));
        }
    }

    private Bases() {
    }

    /** Complement of one base (anything unknown becomes N). */
    public static byte complement(byte b) {
        return COMPLEMENT[b & 0xff];
    }

    /** Upper-cases A/C/G/T in place; every other character becomes N. */
    public static void normalize(byte[] seq) {
        for (int i = 0; i < seq.length; i++) {
            seq[i] = UPPER[seq[i] & 0xff];
        }
    }

    /** Reverse complement of {@code seq[from, from+len)} into a new array. */
    public static byte[] reverseComplement(byte[] seq, int from, int len) {
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = COMPLEMENT[seq[from + len - 1 - i] & 0xff];
        }
        return out;
    }

    /** Reverse complement of a string. */
    public static String reverseComplement(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return new String(reverseComplement(b, 0, b.length), java.nio.charset.StandardCharsets.US_ASCII);
    }
}
