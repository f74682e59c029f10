package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kinship --coding strain} on inbred strains coded 0/1, made from the first 150 mice of mouse_hs1940's BIMBAM
 * file (each genotype made one strain allele: 2 becomes 1, 0 stays 0, a heterozygote becomes 0 or 1 at random), plus
 * a duplicate of strain s0 and a strain that is s1 on the first half of the genome and s2 on the second. KING-robust
 * kinship gave -inf for every pair (no heterozygotes); the inbred lines' estimator gives 0.5 for the duplicate, about
 * 0.25 for the half-identical strain and about 0 for the others.
 */
class StrainKinshipCliTest {
    private static final Path MOUSE = Path.of("../../shared/data/mouse_hs1940/mouse_hs1940");
    private static final int STRAINS = 150;

    @TempDir
    static Path dir;

    static CliRun run;
    /** KINSHIP by pair {@code "ID1 ID2"} (both orders). */
    static Map<String, Double> kinship = new HashMap<>();

    @BeforeAll
    static void strains() throws IOException {
        List<String> rows = MouseTables.gunzipLines(Path.of(MOUSE + ".geno.txt.gz"));
        Random rng = new Random(4);
        StringBuilder geno = new StringBuilder();
        for (int v = 0; v < rows.size(); v++) {
            String[] f = rows.get(v).split(",\\s*");
            int[] allele = new int[STRAINS + 2];
            for (int s = 0; s < STRAINS; s++) {
                double x = Double.parseDouble(f[3 + s]);
                allele[s] = x > 1.5 ? 1 : x < 0.5 ? 0 : rng.nextInt(2);
            }
            allele[STRAINS] = allele[0];
            allele[STRAINS + 1] = v < rows.size() / 2 ? allele[1] : allele[2];
            geno.append(f[0]).append(", ").append(f[1]).append(", ").append(f[2]);
            for (int a : allele) {
                geno.append(", ").append(a);
            }
            geno.append('\n');
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("HS_geno.txt.gz")))) {
            out.write(geno.toString().getBytes(StandardCharsets.UTF_8));
        }
        Files.copy(Path.of(MOUSE + ".anno.txt.gz"), dir.resolve("HS_anno.txt.gz"));
        List<String> fam = new ArrayList<>();
        for (int s = 0; s < STRAINS; s++) {
            fam.add("s" + s);
        }
        fam.add("dup0");
        fam.add("mix12");
        Files.write(dir.resolve("HS.fam"), fam);
        run = CliRun.of("kinship", "--input", dir.resolve("HS_geno.txt.gz").toString(), "--coding", "strain",
                "-t", "2", "--out", dir.resolve("k").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> kin0 = Files.readAllLines(dir.resolve("k.kin0"));
        assertThat(kin0.get(0)).isEqualTo("#FID1\tIID1\tFID2\tIID2\tNSNP\tHETHET\tIBS0\tKINSHIP");
        for (String line : kin0.subList(1, kin0.size())) {
            String[] f = line.split("\t");
            kinship.put(f[1] + " " + f[3], Double.parseDouble(f[7]));
            kinship.put(f[3] + " " + f[1], Double.parseDouble(f[7]));
        }
    }

    @Test
    void everyPairHasAFiniteKinshipAndTheNoteSaysWhichEstimator() {
        int n = STRAINS + 2;
        assertThat(kinship).hasSize(n * (n - 1));
        assertThat(kinship.values()).allSatisfy(k -> assertThat(k).isFinite().isBetween(-0.5, 0.5));
        assertThat(run.out()).contains(n * (n - 1) / 2 + " of " + n * (n - 1) / 2 + " pairs written",
                "note: genotype coding looks inbred", "KINSHIP is estimated for inbred lines",
                "duplicates 0.5, unrelated 0", "not KING-robust");
    }

    @Test
    void duplicateStrainsAreAtOneHalf() {
        assertThat(kinship.get("dup0 s0")).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aStrainHalfIdenticalToAnotherIsNearOneQuarter() {
        // mix12 shares the first half of the genome with s1 and the second half with s2: 0.25 plus half of the two
        // strains' own kinship, within 0.03
        double k12 = kinship.get("s1 s2");
        assertThat(kinship.get("mix12 s1")).isCloseTo(0.25 + k12 / 2, within(0.03));
        assertThat(kinship.get("mix12 s2")).isCloseTo(0.25 + k12 / 2, within(0.03));
    }

    @Test
    void theOtherStrainsAreNearZero() {
        double[] others = kinship.entrySet().stream()
                .filter(e -> !e.getKey().contains("dup0") && !e.getKey().contains("mix12"))
                .mapToDouble(Map.Entry::getValue).sorted().toArray();
        // the 150 mice of a heterogeneous stock: median and mean within 0.02 of 0, 99% of pairs below 0.2
        assertThat(others[others.length / 2]).isCloseTo(0, within(0.02));
        assertThat(Arrays.stream(others).average().orElseThrow()).isCloseTo(0, within(0.02));
        assertThat(others[(int) (0.99 * others.length)]).isLessThan(0.2);
    }
}
