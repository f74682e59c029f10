package org.genosynth.assoc.kinship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.genosynth.testing.PeerTool.printedTolerance;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.genosynth.testing.MouseData;
import org.genosynth.testing.PeerTool;
import org.genosynth.testing.PeerTool.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genosynth kinship} against {@code plink2 --make-king-table} (and {@code --make-rel square} for the GRM) on
 * the real mouse_hs1940 cohort (parents zeroed so plink2 sees founders; unknown-position variants dropped on both
 * sides): every pair, counts equal, kinship within 1e-6 plus one unit in the 6th printed digit (both tools round
 * to 6 significant digits, and exact ties such as 0.003671875 round differently).
 */
class KinshipVsPlink2Test {
    @TempDir
    static Path dir;
    static Kinship.Summary ours;

    @BeforeAll
    static void run() {
        Path prefix = MouseData.plink2Fileset(dir, "z");
        PeerTool.run(dir, "plink2", "--bfile", "z", "--make-king-table", "--make-rel", "square", "--threads", "2",
                "--out", "p");
        PeerTool.run(dir, "plink2", "--bfile", "z", "--make-king-table", "--king-table-filter", "0.1",
                "--threads", "2", "--out", "pf");
        ours = Kinship.run(new Kinship.Request(new StructureInput(prefix, null, false, 2),
                dir.resolve("ours").toString(), Double.NaN, true));
        Kinship.run(new Kinship.Request(new StructureInput(prefix, null, false, 2),
                dir.resolve("filtered").toString(), 0.1, false));
    }

    @Test
    void everyPairMatchesPlink2() {
        Table theirs = PeerTool.readTable(dir.resolve("p.kin0"));
        Table mine = PeerTool.readTable(dir.resolve("ours.kin0"));
        assertThat(mine.header()).isEqualTo(theirs.header());
        assertThat(mine.rows()).hasSize(theirs.rows().size()).hasSize(1940 * 1939 / 2);
        assertThat(ours.variants()).isEqualTo(10300);
        double maxDiff = 0;
        for (int r = 0; r < theirs.rows().size(); r++) {
            String[] t = theirs.rows().get(r);
            String[] m = mine.rows().get(r);
            for (int c = 0; c < 5; c++) {
                assertThat(m[c]).as("row %d col %d", r, c).isEqualTo(t[c]);
            }
            for (int c = 5; c < 8; c++) {
                double expected = Double.parseDouble(t[c]);
                double actual = Double.parseDouble(m[c]);
                maxDiff = Math.max(maxDiff, Math.abs(actual - expected));
                // both sides print 6 significant digits, so a value on a rounding tie may differ by one unit
                assertThat(actual).as("row %d col %s", r, theirs.header().get(c))
                        .isCloseTo(expected, within(2 * printedTolerance(expected, 1e-6)));
            }
        }
        System.out.println("KING max |diff| vs plink2 (printed): " + maxDiff);
    }

    /**
     * Missing calls (the mouse data has none): plink2 --dummy cohorts with 2% missing (missingness counted word by
     * word) and 0.05% missing (counted from the sorted missing lists).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"3000, 0.02", "20000, 0.0005"})
    void missingCallsMatchPlink2(int variants, double missing) {
        String name = "d" + variants;
        PeerTool.run(dir, "plink2", "--dummy", "200", Integer.toString(variants), Double.toString(missing), "acgt",
                "--seed", "3", "--make-bed", "--out", name);
        PeerTool.run(dir, "plink2", "--bfile", name, "--make-king-table", "--threads", "2", "--out", "p" + name);
        Kinship.run(new Kinship.Request(new StructureInput(dir.resolve(name), null, false, 2),
                dir.resolve("o" + name).toString(), Double.NaN, false));
        Table theirs = PeerTool.readTable(dir.resolve("p" + name + ".kin0"));
        Table mine = PeerTool.readTable(dir.resolve("o" + name + ".kin0"));
        assertThat(mine.rows()).hasSize(theirs.rows().size()).hasSize(200 * 199 / 2);
        for (int r = 0; r < theirs.rows().size(); r++) {
            String[] t = theirs.rows().get(r);
            String[] m = mine.rows().get(r);
            for (int c = 0; c < 5; c++) {
                assertThat(m[c]).as("row %d col %d", r, c).isEqualTo(t[c]);
            }
            for (int c = 5; c < 8; c++) {
                double expected = Double.parseDouble(t[c]);
                assertThat(Double.parseDouble(m[c])).as("row %d col %s", r, theirs.header().get(c))
                        .isCloseTo(expected, within(2 * printedTolerance(expected, 1e-6)));
            }
        }
    }

    @Test
    void minKinshipKeepsThePairsPlink2Keeps() {
        Table theirs = PeerTool.readTable(dir.resolve("pf.kin0"));
        Table mine = PeerTool.readTable(dir.resolve("filtered.kin0"));
        assertThat(theirs.rows()).isNotEmpty();
        assertThat(mine.rows()).hasSameSizeAs(theirs.rows());
        for (int r = 0; r < theirs.rows().size(); r++) {
            assertThat(mine.rows().get(r)[1] + mine.rows().get(r)[3])
                    .isEqualTo(theirs.rows().get(r)[1] + theirs.rows().get(r)[3]);
            assertThat(Double.parseDouble(mine.rows().get(r)[7])).isGreaterThanOrEqualTo(0.1);
        }
    }

    @Test
    void grmMatchesPlink2MakeRel() throws Exception {
        java.util.List<String> theirs = java.nio.file.Files.readAllLines(dir.resolve("p.rel"));
        java.util.List<String> mine = java.nio.file.Files.readAllLines(dir.resolve("ours.rel"));
        assertThat(mine).hasSameSizeAs(theirs);
        double maxDiff = 0;
        for (int i = 0; i < theirs.size(); i++) {
            String[] t = theirs.get(i).split("\t");
            String[] m = mine.get(i).split("\t");
            assertThat(m).hasSameSizeAs(t);
            for (int j = 0; j < t.length; j++) {
                double e = Double.parseDouble(t[j]);
                double a = Double.parseDouble(m[j]);
                maxDiff = Math.max(maxDiff, Math.abs(a - e));
                assertThat(a).isCloseTo(e, within(printedTolerance(e, 1e-6)));
            }
        }
        System.out.println("GRM max |diff| vs plink2 --make-rel: " + maxDiff);
        Map<String, String> ids = new HashMap<>();
        assertThat(java.nio.file.Files.readAllLines(dir.resolve("ours.rel.id")))
                .isEqualTo(java.nio.file.Files.readAllLines(dir.resolve("p.rel.id")));
        assertThat(ids).isEmpty();
    }
}
