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

    /** Detects from the name, else from the content, or fails with a message telling the user to pass {@code --format}. */
    public static GenotypeFormat detectOrFail(Path path) {
        GenotypeFormat f = detect(path);
        if (f == null && Files.isRegularFile(path)) {
            f = sniff(path);
        }
        if (f == null) {
            throw InputException.inFile(path, "cannot tell the genotype format from the name or the content; pass "
                    + "--format bed|vcf|bcf|bimbam (PLINK filesets may be given by prefix)");
        }
        return f;
    }

    /**
     * The format of a file judged from its first bytes (gzip or bgzip undone): the PLINK .bed magic, BCF's magic,
     * {@code ##fileformat=VCF}, or a BIMBAM mean-genotype row ({@code rs, A1, A2} then at least one value, every value
     * a number in 0..2 or NA); null when none fits.
     */
    static GenotypeFormat sniff(Path path) {
        byte[] head = new byte[1 << 16];
        int n = 0;
        try (java.io.InputStream in = TextInput.openStream(path)) {
            int r;
            while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) {
                n += r;
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        if (n >= 3 && head[0] == 0x6c && head[1] == 0x1b && head[2] == 0x01) {
            return BED;
        }
        String text = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (text.startsWith("BCF\u0002")) {
            return BCF;
        }
        if (text.startsWith("##fileformat=VCF")) {
            return VCF;
        }
        int end = text.indexOf('\n');
        return end > 0 && looksLikeBimbamRow(text.substring(0, end).strip()) ? BIMBAM : null;
    }

    private static boolean looksLikeBimbamRow(String line) {
        String[] f = line.split("[,\\s]+");
        if (f.length < 4) {
            return false;
        }
        for (int i = 3; i < f.length; i++) {
            if (f[i].equals("NA")) {
                continue;
            }
            try {
                double v = Double.parseDouble(f[i]);
                if (!(v >= 0 && v <= 2)) {
                    return false;
                }
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return !NumberText.isNumber(f[1]) || !NumberText.isNumber(f[2]) || f.length > 4;
    }

}
