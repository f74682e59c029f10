package org.genosynth.io.plink;

import java.nio.file.Files;
import java.nio.file.Path;
import org.genosynth.io.InputException;

/**
 * The three files of a PLINK 1 binary fileset, each plain or gzipped, found from a prefix or from any one member.
 *
 * @param bed genotype file
 * @param bim variant file
 * @param fam sample file
 */
public record PlinkFileset(Path bed, Path bim, Path fam) {

    /** Finds the fileset for {@code path}: a prefix, or the name of any member ({@code x.bed}, {@code x.bim.gz}, ...). */
    public static PlinkFileset locate(Path path) {
        String prefix = prefixOf(path);
        return new PlinkFileset(member(path, prefix, "bed"), member(path, prefix, "bim"), member(path, prefix, "fam"));
    }

    /** The prefix of an output fileset: {@code path} without a trailing .bed/.bim/.fam. */
    public static String prefixOf(Path path) {
        String s = path.toString();
        for (String ext : new String[] {".bed.gz", ".bim.gz", ".fam.gz", ".bed", ".bim", ".fam"}) {
            if (s.endsWith(ext)) {
                return s.substring(0, s.length() - ext.length());
            }
        }
        return s;
    }

    private static Path member(Path given, String prefix, String ext) {
        Path plain = Path.of(prefix + "." + ext);
        if (Files.exists(plain)) {
            return plain;
        }
        Path gz = Path.of(prefix + "." + ext + ".gz");
        if (Files.exists(gz)) {
            return gz;
        }
        throw InputException.inFile(given, "PLINK fileset incomplete: neither " + plain + " nor " + gz + " exists");
    }
}
