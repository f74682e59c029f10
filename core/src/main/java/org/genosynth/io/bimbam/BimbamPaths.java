package org.genosynth.io.bimbam;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Names of the files of a BIMBAM set: the prefix of a genotype file and the companions found beside it. */
final class BimbamPaths {
    /** Genotype-file suffixes, longest first, that are removed to get the prefix. */
    private static final List<String> GENO_SUFFIXES = List.of(".geno.txt.gz", ".geno.txt", ".geno.gz", ".geno",
            ".bimbam.gz", ".bimbam", "_geno.txt.gz", "_geno.txt", "_geno.gz", "_geno", ".txt.gz", ".txt", ".gz");
    /** Output-prefix suffixes that are dropped (a user may pass the genotype file name as the prefix). */
    private static final List<String> OUTPUT_SUFFIXES = List.of(".geno.txt.gz", ".geno.txt", ".bimbam");

    static final String GENO = ".geno.txt.gz";
    static final String ANNO = ".anno.txt";
    static final String FAM = ".fam";

    private BimbamPaths() {
    }

    /** The genotype file with its BIMBAM suffix removed, or the whole path when it has none. */
    static Path prefixOf(Path genoPath) {
        return strip(genoPath, GENO_SUFFIXES);
    }

    /** The output prefix with a trailing {@code .geno.txt.gz}, {@code .geno.txt} or {@code .bimbam} removed. */
    static Path outputPrefix(Path out) {
        return strip(out, OUTPUT_SUFFIXES);
    }

    /** The annotation names looked for beside the genotype file, for messages. */
    static String annotationCandidates(Path genoPath) {
        String p = prefixOf(genoPath).getFileName().toString();
        return p + ".anno.txt[.gz], " + p + "_anno.txt[.gz]";
    }

    /**
     * {@code PREFIX.anno.txt[.gz]} or, as GEMMA's example sets name them ({@code BXD_geno.txt.gz},
     * {@code BXD_snps.txt}), {@code PREFIX_anno.txt[.gz]} or {@code PREFIX_snps.txt[.gz]} beside the genotype file, or
     * null.
     */
    static Path findAnnotation(Path genoPath) {
        return firstExisting(prefixOf(genoPath), ANNO, ANNO + ".gz", "_anno.txt", "_anno.txt.gz", "_snps.txt",
                "_snps.txt.gz");
    }

    /** {@code PREFIX.fam} or {@code PREFIX.fam.gz} beside the genotype file, or null. */
    static Path findSamples(Path genoPath) {
        return firstExisting(prefixOf(genoPath), FAM, FAM + ".gz");
    }

    /** {@code prefix + suffix} as a sibling path. */
    static Path withSuffix(Path prefix, String suffix) {
        return prefix.resolveSibling(prefix.getFileName() + suffix);
    }

    private static Path firstExisting(Path prefix, String... suffixes) {
        for (String s : suffixes) {
            Path p = withSuffix(prefix, s);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static Path strip(Path path, List<String> suffixes) {
        String name = path.getFileName().toString();
        for (String s : suffixes) {
            if (name.length() > s.length() && name.endsWith(s)) {
                return path.resolveSibling(name.substring(0, name.length() - s.length()));
            }
        }
        return path;
    }
}
