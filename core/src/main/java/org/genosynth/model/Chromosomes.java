package org.genosynth.model;

/**
 * What a chromosome name stands for, as plink2 reads names with its default (human) chromosome set: {@code X} or
 * {@code 23}, {@code Y} or {@code 24}, mitochondrial {@code MT}, {@code M} or {@code 26}, each with or without a
 * {@code chr} prefix, in any case. Every other name (numbers, unplaced {@code 0}, the pseudo-autosomal {@code XY},
 * extra contigs) counts as autosomal, as plink2 counts it when it leaves the non-autosomes out of KING-robust kinship,
 * the relationship matrix and PCA (measured: plink2 2.00a3.5 excludes X, Y and MT there and keeps XY, 0 and contigs
 * such as {@code chrUn_gl1}; {@code NonAutosomesVsPlink2Test}).
 */
public final class Chromosomes {
    private Chromosomes() {
    }

    /** Chromosome X ({@code X}, {@code chrX}, {@code 23}); not the pseudo-autosomal {@code XY}. Allocation-free. */
    public static boolean isX(String chrom) {
        int at = chrom.regionMatches(true, 0, "chr", 0, 3) ? 3 : 0;
        int n = chrom.length() - at;
        return n == 1 && Character.toLowerCase(chrom.charAt(at)) == 'x'
                || n == 2 && chrom.charAt(at) == '2' && chrom.charAt(at + 1) == '3';
    }

    /** Chromosome Y ({@code Y}, {@code chrY}, {@code 24}). Allocation-free. */
    public static boolean isY(String chrom) {
        int at = chrom.regionMatches(true, 0, "chr", 0, 3) ? 3 : 0;
        int n = chrom.length() - at;
        return n == 1 && Character.toLowerCase(chrom.charAt(at)) == 'y'
                || n == 2 && chrom.charAt(at) == '2' && chrom.charAt(at + 1) == '4';
    }

    /** Mitochondrial DNA ({@code MT}, {@code M}, {@code chrM}, {@code chrMT}, {@code 26}). Allocation-free. */
    public static boolean isMt(String chrom) {
        int at = chrom.regionMatches(true, 0, "chr", 0, 3) ? 3 : 0;
        int n = chrom.length() - at;
        if (n == 1) {
            return Character.toLowerCase(chrom.charAt(at)) == 'm';
        }
        return n == 2 && (Character.toLowerCase(chrom.charAt(at)) == 'm' && Character.toLowerCase(chrom.charAt(at + 1))
                == 't' || chrom.charAt(at) == '2' && chrom.charAt(at + 1) == '6');
    }

    /**
     * Not X, Y or MT: what plink2 computes KING-robust kinship, the GRM, PCA and {@code --het} on (the pseudo-autosomal
     * XY too). Allocation-free: the QC kernel asks it of every variant.
     */
    public static boolean isAutosome(String chrom) {
        int at = chrom.regionMatches(true, 0, "chr", 0, 3) ? 3 : 0;
        int n = chrom.length() - at;
        if (n == 1) {
            char c = Character.toLowerCase(chrom.charAt(at));
            return c != 'x' && c != 'y' && c != 'm';
        }
        if (n == 2) {
            char a = Character.toLowerCase(chrom.charAt(at));
            char b = Character.toLowerCase(chrom.charAt(at + 1));
            return !(a == 'm' && b == 't' || a == '2' && (b == '3' || b == '4' || b == '6'));
        }
        return true;
    }
}
