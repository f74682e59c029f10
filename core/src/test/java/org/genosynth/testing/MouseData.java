package org.genosynth.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.genosynth.io.SharedData;

/** Copies of the real mouse_hs1940 data in a test's temporary directory. */
public final class MouseData {
    private MouseData() {
    }

    /** Gunzips the PLINK fileset into {@code dir/name.bed/.bim/.fam}; returns the prefix. */
    public static Path plainFileset(Path dir, String name) {
        for (String ext : List.of(".bed", ".bim", ".fam")) {
            gunzip(SharedData.mouse(ext + ".gz"), dir.resolve(name + ext));
        }
        return dir.resolve(name);
    }

    /**
     * The fileset with the .fam parents zeroed: plink2 treats any non-zero PAT/MAT as a non-founder even when it names
     * nobody (in mouse_hs1940 they are strain labels), and --freq/--hardy count founders only.
     */
    public static Path plink2Fileset(Path dir, String name) {
        Path prefix = plainFileset(dir, name);
        try {
            Path fam = dir.resolve(name + ".fam");
            List<String> lines = Files.readAllLines(fam).stream().map(l -> {
                String[] f = l.split("\\s+");
                return f[0] + "\t" + f[1] + "\t0\t0\t" + f[4] + "\t" + f[5];
            }).toList();
            Files.write(fam, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return prefix;
    }

    /** IDs of the variants with unknown position (plink2 skips them). */
    public static Path unknownPositionList(Path dir) {
        try {
            Path bim = dir.resolve("unknown-position.bim");
            gunzip(SharedData.mouse(".bim.gz"), bim);
            List<String> ids = Files.readAllLines(bim).stream().map(l -> l.split("\\s+"))
                    .filter(f -> Long.parseLong(f[3]) <= 0).map(f -> f[1]).toList();
            Path list = dir.resolve("unknown-position.txt");
            Files.write(list, ids);
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void gunzip(Path from, Path to) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(from))) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
