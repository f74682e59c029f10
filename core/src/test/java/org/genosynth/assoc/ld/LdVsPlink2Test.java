package org.genosynth.assoc.ld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.assoc.kinship.StructureInput;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.testing.MouseData;
import org.genosynth.testing.PeerTool;
import org.genosynth.testing.PeerTool.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@code genosynth ld} on mouse_hs1940 (parents zeroed, the 10,300 variants of known position): pruning lists
 * identical to {@code plink2 --indep-pairwise}; the r<sup>2</sup> table against a direct Pearson computation in
 * doubles (the plink2 on this machine, 2.00a3.5, predates {@code --r2-unphased}, so it cannot print the table).
 */
class LdVsPlink2Test {
    @TempDir
    static Path dir;
    static Path prefix;
    static GenotypeMatrix matrix;

    @BeforeAll
    static void setUp() {
        prefix = MouseData.plink2Fileset(dir, "z");
        matrix = StructureInput.of(prefix).load();
    }

    @ParameterizedTest
    @CsvSource({"50, 5, 0.2", "20, 3, 0.5", "100, 10, 0.05"})
    void pruneListsAreIdenticalToPlink2(int window, int step, double r2) throws Exception {
        String tag = "w" + window + "s" + step + "r" + r2;
        PeerTool.run(dir, "plink2", "--bfile", "z", "--indep-pairwise", Integer.toString(window),
                Integer.toString(step), Double.toString(r2), "--threads", "2", "--out", "p" + tag);
        LdJob.Summary s = LdJob.run(new LdJob.Request(new StructureInput(prefix, null, false, 2),
                dir.resolve("o" + tag).toString(), null, new LdJob.Prune(window, step, r2)));
        List<String> theirsIn = Files.readAllLines(dir.resolve("p" + tag + ".prune.in"));
        List<String> oursIn = Files.readAllLines(dir.resolve("o" + tag + ".prune.in"));
        assertThat(oursIn).isEqualTo(theirsIn);
        assertThat(Files.readAllLines(dir.resolve("o" + tag + ".prune.out")))
                .isEqualTo(Files.readAllLines(dir.resolve("p" + tag + ".prune.out")));
        assertThat(s.pruneIn()).isEqualTo(theirsIn.size());
    }

    @Test
    void r2TableMatchesPearsonCorrelation() {
        LdJob.run(new LdJob.Request(new StructureInput(prefix, null, false, 2), dir.resolve("t").toString(),
                new LdTable.Window(1000, 10, 0.2), null));
        Table t = PeerTool.readTable(dir.resolve("t.vcor"));
        assertThat(t.header()).containsExactly("CHROM_A", "POS_A", "ID_A", "CHROM_B", "POS_B", "ID_B", "UNPHASED_R2");
        assertThat(t.rows()).hasSizeGreaterThan(10000);
        Map<String, Integer> index = new HashMap<>();
        for (int v = 0; v < matrix.variantCount(); v++) {
            index.put(matrix.variants().get(v).id(), v);
        }
        double worst = 0;
        for (String[] row : t.rows()) {
            int a = index.get(row[2]);
            int b = index.get(row[5]);
            assertThat(b - a).isBetween(1, 10);
            double expected = pearsonR2(a, b);
            double ours = Double.parseDouble(row[6]);
            worst = Math.max(worst, Math.abs(ours - expected));
            assertThat(ours).isCloseTo(expected, within(1e-6));
            assertThat(expected).isGreaterThanOrEqualTo(0.2 - 1e-12);
        }
        System.out.println("LD r2 max |diff| vs direct Pearson: " + worst);
    }

    static double pearsonR2(int a, int b) {
        double n = 0;
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (int s = 0; s < matrix.sampleCount(); s++) {
            double x = matrix.dosage(a, s);
            double y = matrix.dosage(b, s);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                continue;
            }
            n++;
            sa += x;
            sb += y;
            saa += x * x;
            sbb += y * y;
            sab += x * y;
        }
        double cov = sab / n - sa / n * sb / n;
        return cov * cov / ((saa / n - sa / n * sa / n) * (sbb / n - sb / n * sb / n));
    }
}
