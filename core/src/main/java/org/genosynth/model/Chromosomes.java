package org.genosynth.model;

import java.util.Locale;

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

    private static String normalized(String chrom) {
        String c = chrom.toLowerCase(Locale.ROOT);
        return c.startsWith("chr") ? c.substring(3) : c;
    }

    /** Chromosome X ({@code X}, {@code chrX}, {@code 23}); not the pseudo-autosomal {@code XY}. */
    public static boolean isX(String chrom) {
        String c = normalized(chrom);
        return c.equals("x") || c.equals("23");
    }

    /** Not X, Y or MT: what plink2 computes KING-robust kinship, the GRM and PCA on (the pseudo-autosomal XY too). */
    public static boolean isAutosome(String chrom) {
        return switch (normalized(chrom)) {
            case "x", "23", "y", "24", "m", "mt", "26" -> false;
            default -> true;
        };
    }
}
