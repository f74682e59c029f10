package org.genosynth.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The genotype file formats genosynth reads and writes; detected from the path, overridable by name. */
public enum GenotypeFormat {
    /** PLINK 1 binary fileset {@code .bed/.bim/.fam}, each plain or gzipped. */
    BED("bed"),
    /** VCF, plain or bgzipped (written bgzipped with a tabix index when the name ends in .gz). */
    VCF("vcf"),
    /** Binary VCF. */
    BCF("bcf"),
    /** BIMBAM mean genotypes ({@code .geno.txt[.gz]}) with annotation ({@code .anno.txt}). */
    BIMBAM("bimbam");

    private final String cliName;

    GenotypeFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line. */
    public String cliName() {
        return cliName;
    }

    /** Parses a {@code --format} value. */
    public static GenotypeFormat parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (GenotypeFormat f : values()) {
            if (f.cliName.equals(n)) {
                return f;
            }
        }
        if (n.equals("plink") || n.equals("plink1")) {
            return BED;
        }
        if (n.equals("vcf.gz")) {
            return VCF;
        }
        throw InputException.usage("unknown format '" + name + "': use one of bed, vcf, bcf, bimbam");
    }

    /**
     * Detects the format of a path. A PLINK prefix (where {@code PREFIX.bed} or {@code PREFIX.bed.gz} exists) counts as
     * BED. Returns null when the name says nothing.
     */
    public static GenotypeFormat detect(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".bed") || name.endsWith(".bed.gz") || name.endsWith(".bim") || name.endsWith(".bim.gz")
                || name.endsWith(".fam") || name.endsWith(".fam.gz")) {
            return BED;
        }
        if (name.endsWith(".vcf") || name.endsWith(".vcf.gz") || name.endsWith(".vcf.bgz")) {
            return VCF;
        }
        if (name.endsWith(".bcf")) {
            return BCF;
        }
        if (name.endsWith(".geno.txt") || name.endsWith(".geno.txt.gz") || name.endsWith(".geno")
                || name.endsWith(".geno.gz") || name.endsWith(".bimbam") || name.endsWith(".bimbam.gz")) {
            return BIMBAM;
        }
        Path parent = path.toAbsolutePath().getParent();
        String base = path.getFileName().toString();
        if (Files.exists(parent.resolve(base + ".bed")) || Files.exists(parent.resolve(base + ".bed.gz"))) {
            return BED;
        }
        return null;
    }

    /** The format an output name asks for, from its extension only (never from files that happen to exist). */
    public static GenotypeFormat detectOutput(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".bed") || name.endsWith(".vcf") || name.endsWith(".vcf.gz") || name.endsWith(".vcf.bgz")
                || name.endsWith(".bcf") || name.endsWith(".geno.txt") || name.endsWith(".geno.txt.gz")
                || name.endsWith(".bimbam") ? detect(path) : null;
    }

    /** Detects, or fails with a message telling the user to pass {@code --format}. */
    public static GenotypeFormat detectOrFail(Path path) {
        GenotypeFormat f = detect(path);
        if (f == null) {
            throw InputException.inFile(path, "cannot tell the genotype format from the name; pass --format "
                    + "bed|vcf|bcf|bimbam (PLINK filesets may be given by prefix)");
        }
        return f;
    }
}
