package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genosynth synth} through the command line on the real mouse_hs1940 cohort: a small run with labelled
 * populations writes every output with fresh IDs and the requested counts; user errors exit 2 with one stderr line
 * and leave nothing behind.
 */
class SynthCommandTest {
    private static final Path MOUSE = Path.of("../../shared/data/mouse_hs1940/mouse_hs1940.bed.gz");

    @TempDir
    Path dir;

    @Test
    void labelledPopulationsGetTheirCountsAndFreshIds() throws IOException {
        // two populations: the first 1,000 mice and the rest
        StringBuilder labels = new StringBuilder();
        java.util.List<String> fam = new java.util.ArrayList<>();
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(
                Path.of("../../shared/data/mouse_hs1940/mouse_hs1940.fam.gz")))) {
            new String(in.readAllBytes()).lines().forEach(fam::add);
        }
        for (int i = 0; i < fam.size(); i++) {
            String[] f = fam.get(i).split("\\s+");
            labels.append(f[0]).append(' ').append(f[1]).append(' ').append(i < 1000 ? "A" : "B").append('\n');
        }
        Path pops = Files.writeString(dir.resolve("pops.txt"), labels);
        CliRun r = CliRun.of("synth", "-t", "2", "--input", MOUSE.toString(), "--populations", pops.toString(),
                "--per-population", "A=50,B=70", "--segment-cm", "20", "--max-kinship", "none", "--seed", "4",
                "--out", dir.resolve("syn").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("synthesized 120 samples x 12,226 variants (mosaic)").contains("A=50, B=70");
        java.util.List<String> synFam = Files.readAllLines(dir.resolve("syn.fam"));
        assertThat(synFam).hasSize(120).allMatch(l -> l.startsWith("SYN"));
        assertThat(Files.readAllLines(dir.resolve("syn.populations.tsv")).stream().skip(1)
                .filter(l -> l.endsWith("\tB")).count()).isEqualTo(70);
        assertThat(Files.readString(dir.resolve("syn.manifest.json"))).contains("\"sha256\"").contains("\"seed\": 4");
    }

    @Test
    void userErrorsExitTwoWithOneLine() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        assertThat(userError(out, "synth", "--input", MOUSE.toString(), "--method", "gan", "--seed", "1", "--out",
                out.resolve("x").toString())).contains("--method must be mosaic or ldp");
        assertThat(userError(out, "synth", "--input", MOUSE.toString(), "--per-population", "P9=10",
                "--infer-populations", "2", "--seed", "1", "--out", out.resolve("x").toString()))
                .contains("no population 'P9'");
        Path labels = Files.writeString(dir.resolve("labels.txt"), "x y A\n");
        assertThat(userError(out, "synth", "--input", MOUSE.toString(), "--populations", labels.toString(),
                "--seed", "1", "--out", out.resolve("x").toString())).contains("labels.txt")
                .contains("no population label for sample");
    }

    private String userError(Path outDir, String... args) throws IOException {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).startsWith("genosynth: error: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        try (Stream<Path> left = Files.list(outDir)) {
            assertThat(left.toList()).isEmpty();
        }
        return r.err().strip();
    }
}
