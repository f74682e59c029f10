package org.genosynth.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/** The bundled mouse cohort's tables, as a user keeps them: one full 1,940-row table with IDs, named columns. */
final class MouseTables {
    static final Path MOUSE = Path.of("../../shared/data/mouse_hs1940/mouse_hs1940");

    private MouseTables() {
    }

    /**
     * Writes {@code FID IID CD8 P2 P3 P4 P5 MCH note PC1..PC12} for all 1,940 mice: the six GEMMA phenotype columns,
     * a text column no analysis uses ({@code note}, not a number) and twelve seeded random covariates.
     */
    static Path fullTable(Path file) throws IOException {
        List<String> fam = gunzipLines(Path.of(MOUSE + ".fam.gz"));
        List<String> pheno = gunzipLines(Path.of(MOUSE + ".pheno.txt.gz"));
        Random rng = new Random(15);
        List<String> out = new ArrayList<>();
        StringBuilder header = new StringBuilder("FID\tIID\tCD8\tP2\tP3\tP4\tP5\tMCH\tnote");
        for (int pc = 1; pc <= 12; pc++) {
            header.append("\tPC").append(pc);
        }
        out.add(header.toString());
        for (int i = 0; i < fam.size(); i++) {
            String[] f = fam.get(i).split("\\s+");
            StringBuilder line = new StringBuilder(f[0] + "\t" + f[1] + "\t"
                    + String.join("\t", pheno.get(i).strip().split("\\s+")) + "\tcage " + (i % 7));
            for (int pc = 1; pc <= 12; pc++) {
                line.append('\t').append(String.format(Locale.ROOT, "%.6f", rng.nextGaussian()));
            }
            out.add(line.toString());
        }
        return Files.write(file, out);
    }

    static List<String> gunzipLines(Path gz) throws IOException {
        try (var in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Splits the mouse cohort 70/30 with seed 1 into {@code PREFIX.train} / {@code PREFIX.holdout} (.bed). */
    static String split(Path dir) {
        String prefix = dir.resolve("mouse").toString();
        CliRun r = CliRun.of("split", "--input", MOUSE + ".bed.gz", "--fraction", "0.7", "--seed", "1", "--out",
                prefix);
        if (r.exitCode() != 0) {
            throw new AssertionError(r.err());
        }
        return prefix;
    }

    /**
     * Writes {@code table} (a table with a header and ID columns) to {@code file} with {@code extra} more rows for
     * samples no genotype file has ({@code absent1..}), each a copy of the last row's values.
     */
    static Path withAbsentSamples(Path table, Path file, int extra) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(table));
        String[] last = lines.get(lines.size() - 1).split("\t", -1);
        for (int i = 1; i <= extra; i++) {
            last[0] = "absent" + i;
            last[1] = "absent" + i;
            lines.add(String.join("\t", last));
        }
        return Files.write(file, lines);
    }
}
