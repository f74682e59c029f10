package org.genosynth.seq;

import java.util.Locale;

/**
 * What one VCF allele does to the reference: an SNV, a small indel (or complex/MNP replacement), or a structural
 * variant, either symbolic ({@code <DEL>}, {@code <DUP>}, {@code <DUP:TANDEM>}, {@code <INV>}, {@code <INS>} with
 * END/SVLEN as VCF 4.2 defines them) or sequence-resolved with a length change of at least {@link #SV_MIN_LENGTH}.
 */
public enum VariantShape {
    SNV, MNP, INDEL, DEL, DUP, INV, INS;

    /** Sequence-resolved alleles changing the length by at least this much count as structural variants. */
    public static final int SV_MIN_LENGTH = 50;

    public boolean isSv() {
        return this == DEL || this == DUP || this == INV || this == INS;
    }

    /** The SV type of a symbolic allele ({@code <DEL>} -> DEL), or null when the allele is not a known symbol. */
    public static VariantShape ofSymbol(String alt) {
        if (alt.length() < 3 || alt.charAt(0) != '<' || alt.charAt(alt.length() - 1) != '>') {
            return null;
        }
        String s = alt.substring(1, alt.length() - 1).toUpperCase(Locale.ROOT);
        int colon = s.indexOf(':');
        String head = colon < 0 ? s : s.substring(0, colon);
        return switch (head) {
            case "DEL" -> DEL;
            case "DUP" -> DUP;
            case "INV" -> INV;
            case "INS" -> INS;
            default -> null;
        };
    }

    /** Classifies a sequence (non-symbolic) allele pair. */
    public static VariantShape ofSequence(String ref, String alt) {
        int diff = alt.length() - ref.length();
        if (diff == 0) {
            return ref.length() == 1 ? SNV : MNP;
        }
        if (Math.abs(diff) >= SV_MIN_LENGTH) {
            return diff < 0 ? DEL : INS;
        }
        return INDEL;
    }

    /** True when the allele is symbolic or a breakend. */
    public static boolean isSymbolic(String alt) {
        return alt.startsWith("<") || alt.contains("[") || alt.contains("]");
    }
}
