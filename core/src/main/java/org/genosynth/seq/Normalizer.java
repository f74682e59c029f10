package org.genosynth.seq;

/**
 * Small-variant normalisation as {@code bcftools norm}: trims bases shared by REF and ALT at the right end, shifting
 * left while the reference allows (left-alignment of indels in repeats), then trims shared leading bases keeping one
 * anchor base when the alleles differ in length.
 */
public final class Normalizer {
    private Normalizer() {
    }

    /** A normalised allele pair at 1-based {@code pos}. */
    public record Alleles(long pos, String ref, String alt) {
    }

    /**
     * Normalises {@code ref>alt} at 1-based {@code pos}; {@code contig} is the reference sequence (upper case) or null
     * to only trim (no left shift).
     */
    public static Alleles normalize(long pos, String ref, String alt, byte[] contig) {
        StringBuilder r = new StringBuilder(ref);
        StringBuilder a = new StringBuilder(alt);
        long p = pos;
        if (r.length() == a.length()) {
            return trimEqualLength(p, r, a);
        }
        while (true) {
            boolean changed = false;
            if (r.length() > 0 && a.length() > 0 && r.charAt(r.length() - 1) == a.charAt(a.length() - 1)) {
                r.setLength(r.length() - 1);
                a.setLength(a.length() - 1);
                changed = true;
            }
            if (r.length() == 0 || a.length() == 0) {
                if (contig == null || p <= 1 || p - 2 >= contig.length) {
                    break;
                }
                char before = (char) contig[(int) (p - 2)];
                r.insert(0, before);
                a.insert(0, before);
                p--;
                changed = true;
            }
            if (!changed) {
                break;
            }
        }
        if (r.length() == 0 || a.length() == 0) {
            // no reference to extend with: keep the trimmed-right form with its original anchor
            return new Alleles(pos, ref, alt);
        }
        while (r.length() > 1 && a.length() > 1 && r.charAt(0) == a.charAt(0)) {
            r.deleteCharAt(0);
            a.deleteCharAt(0);
            p++;
        }
        return new Alleles(p, r.toString(), a.toString());
    }

    private static Alleles trimEqualLength(long p, StringBuilder r, StringBuilder a) {
        while (r.length() > 1 && r.charAt(r.length() - 1) == a.charAt(a.length() - 1)) {
            r.setLength(r.length() - 1);
            a.setLength(a.length() - 1);
        }
        while (r.length() > 1 && r.charAt(0) == a.charAt(0)) {
            r.deleteCharAt(0);
            a.deleteCharAt(0);
            p++;
        }
        return new Alleles(p, r.toString(), a.toString());
    }
}
