package org.genosynth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The mouse_hs1940 cohort prepared for the gwas filter tests: a copy {@code m.bed/.bim/.fam} with calls masked in a
 * fixed pattern (1 in 25 calls at every 7th variant, which --geno 0.02 removes; 1 in 100 at the next ones, kept; and
 * 20% of the calls of every 97th mouse, which --mind 0.1 removes) and the .fam parents zeroed (plink2 calls any
 * non-zero PAT/MAT a non-founder; in this file they are strain labels); {@code pheno.txt} (FID IID CD8),
 * {@code keep.txt} (3 mice in 4) and {@code extract.txt} (9 in 10 variants with a position).
 */
final class MaskedMouse {
    static final Path MOUSE = Path.of("../../shared/data/mouse_hs1940/mouse_hs1940");
    /** The filters of the tests, list files relative to the prepared folder. */
    static final List<String> FILTERS = List.of("--keep", "keep.txt", "--extract", "extract.txt", "--mind",
            "0.1", "--geno", "0.02", "--maf", "0.05", "--hwe", "1e-6");

    private MaskedMouse() {
    }

    /** {@link #FILTERS} with the list files resolved in {@code dir}. */
    static List<String> filters(Path dir) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < FILTERS.size(); i += 2) {
            args.add(FILTERS.get(i));
            args.add(FILTERS.get(i).equals("--keep") || FILTERS.get(i).equals("--extract")
                    ? dir.resolve(FILTERS.get(i + 1)).toString() : FILTERS.get(i + 1));
        }
        return args;
    }

    /** Writes the files into {@code dir}. */
    static void write(Path dir) throws IOException {
        List<String> fam = new ArrayList<>();
        for (String line : gunzipLines(Path.of(MOUSE + ".fam.gz"))) {
            String[] f = line.split("\\s+");
            fam.add(f[0] + "\t" + f[1] + "\t0\t0\t" + f[4] + "\t" + f[5]);
        }
        Files.write(dir.resolve("m.fam"), fam);
        List<String> bim = gunzipLines(Path.of(MOUSE + ".bim.gz"));
        Files.write(dir.resolve("m.bim"), bim);
        Files.write(dir.resolve("m.bed"), withMissingCalls(gunzip(Path.of(MOUSE + ".bed.gz")), fam.size(),
                bim.size()));
        List<String> cd8 = gunzipLines(Path.of(MOUSE + ".pheno.txt.gz"));
        List<String> pheno = new ArrayList<>(List.of("FID\tIID\tCD8"));
        List<String> keep = new ArrayList<>();
        for (int i = 0; i < fam.size(); i++) {
            String[] f = fam.get(i).split("\t");
            pheno.add(f[0] + "\t" + f[1] + "\t" + cd8.get(i).split("\\s+")[0]);
            if (i % 4 != 0) {
                keep.add(f[0] + "\t" + f[1]);
            }
        }
        Files.write(dir.resolve("pheno.txt"), pheno);
        Files.write(dir.resolve("keep.txt"), keep);
        List<String> extract = new ArrayList<>();
        for (int v = 0; v < bim.size(); v++) {
            String[] f = bim.get(v).split("\\s+");
            if (Long.parseLong(f[3]) > 0 && v % 10 != 9) {
                extract.add(f[1]);
            }
        }
        Files.write(dir.resolve("extract.txt"), extract);
    }

    /** Sets calls to missing (code 01) in a fixed pattern; returns the new .bed bytes. */
    static byte[] withMissingCalls(byte[] bed, int samples, int variants) {
        int bytesPerVariant = (samples + 3) / 4;
        for (int v = 0; v < variants; v++) {
            for (int s = 0; s < samples; s++) {
                boolean missing = v % 7 == 0 && (s + v) % 25 == 0
                        || v % 7 == 1 && (s + v) % 100 == 0
                        || s % 97 == 0 && v % 5 == 0;
                if (missing) {
                    int at = 3 + v * bytesPerVariant + s / 4;
                    int shift = 2 * (s % 4);
                    bed[at] = (byte) ((bed[at] & ~(3 << shift)) | (1 << shift));
                }
            }
        }
        return bed;
    }

    static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    static List<String> gunzipLines(Path file) throws IOException {
        return new String(gunzip(file), StandardCharsets.UTF_8).lines().toList();
    }
}
