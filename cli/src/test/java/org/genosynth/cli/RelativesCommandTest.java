package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genosynth relatives} on the real mouse cohort (cM from the .bim): families with fresh IDs and the pedigree in
 * the .fam, the pairs table, no real sample ID in any output, same seed same bytes; bad specs are user errors.
 */
class RelativesCommandTest {
    private static final String MOUSE = "../../shared/data/mouse_hs1940/mouse_hs1940.bed.gz";

    @TempDir
    Path dir;

    @Test
    void familiesFromMouseFounders() throws IOException {
        Path spec = dir.resolve("spec.tsv");
        Files.writeString(spec, "# design count\nfull-siblings 3\nfirst-cousins 2\nsyngen6 8\n");
        String out = dir.resolve("rel").toString();
        CliRun r = CliRun.of("relatives", "--input", MOUSE, "--pedigree", spec.toString(), "--seed", "4", "--out",
                out);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("genotype-level transmission", "input cM");
        List<String> fam = Files.readAllLines(Path.of(out + ".fam"));
        // 3 x 4 + 2 x 8 + (16 founders + 8 + 4 + 2)
        assertThat(fam).hasSize(12 + 16 + 30);
        assertThat(fam).anySatisfy(l -> assertThat(l).startsWith("FAM00001\tFAM00001_C1\tFAM00001_F1\tFAM00001_M1"));
        List<String> pairs = Files.readAllLines(Path.of(out + ".pairs.tsv"));
        assertThat(pairs.get(0)).isEqualTo("IID1\tIID2\tRELATIONSHIP\tDEGREE\tEXPECTED_KINSHIP\tREALIZED_KINSHIP");
        assertThat(pairs).anySatisfy(l -> assertThat(l).contains("\tfirst-cousins\t3\t0.0625\t"));
        assertThat(pairs).anySatisfy(l -> assertThat(l).contains("\tgreat-grandparent\t3\t0.0625\t"));
        String all = Files.readString(Path.of(out + ".fam")) + Files.readString(Path.of(out + ".pairs.tsv"));
        // mouse IIDs look like A048005080; every output ID is fresh
        assertThat(all).doesNotContainPattern("A0[0-9]{8}");

        String again = dir.resolve("again").toString();
        assertThat(CliRun.of("relatives", "--input", MOUSE, "--pedigree", spec.toString(), "--seed", "4", "--out",
                again).exitCode()).isZero();
        for (String ext : List.of(".bed", ".bim", ".fam", ".pairs.tsv", ".meioses.tsv")) {
            assertThat(Files.readAllBytes(Path.of(again + ext))).isEqualTo(Files.readAllBytes(Path.of(out + ext)));
        }
    }

    @Test
    void badSpecsAreUserErrors() throws IOException {
        Path outDir = Files.createDirectory(dir.resolve("bad"));
        String out = outDir.resolve("x").toString();
        for (String spec : List.of("cousins=3", "syngen6=6", "full-siblings=x", "full-siblings=5000")) {
            CliRun r = CliRun.of("relatives", "--input", MOUSE, "--pedigree", spec, "--out", out);
            assertThat(r.exitCode()).as(spec + ": " + r.err()).isEqualTo(Main.USER_ERROR);
            assertThat(r.err()).startsWith("genosynth: error: ").doesNotContain("Exception");
        }
        try (Stream<Path> left = Files.list(outDir)) {
            assertThat(left.toList()).isEmpty();
        }
    }
}
