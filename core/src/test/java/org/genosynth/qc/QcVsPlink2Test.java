package org.genosynth.qc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.genosynth.testing.PeerTool.printedTolerance;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.genosynth.io.SharedData;
import org.genosynth.testing.MouseData;
import org.genosynth.testing.PeerTool;
import org.genosynth.testing.PeerTool.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-check of {@code genosynth qc} against {@code plink2 --freq --missing --hardy --het} on the real mouse_hs1940
 * cohort, for every variant and sample plink2 reports. plink2 prints 6 significant digits, so each comparison allows
 * 1e-6 relative plus half a unit in plink2's last printed digit; counts must be equal.
 */
class QcVsPlink2Test {
    @TempDir
    static Path dir;
    static Table plinkFreq;
    static Table plinkVmiss;
    static Table plinkHardy;
    static Table plinkSmiss;
    static Table plinkHet;
    static QcSummary all;
    static QcSummary knownPositions;

    @BeforeAll
    static void run() {
        MouseData.plink2Fileset(dir, "z");
        PeerTool.run(dir, "plink2", "--bfile", "z", "--freq", "--missing", "--hardy", "--het", "--threads", "2",
                "--out", "p");
        plinkFreq = PeerTool.readTable(dir.resolve("p.afreq"));
        plinkVmiss = PeerTool.readTable(dir.resolve("p.vmiss"));
        plinkHardy = PeerTool.readTable(dir.resolve("p.hardy"));
        plinkSmiss = PeerTool.readTable(dir.resolve("p.smiss"));
        plinkHet = PeerTool.readTable(dir.resolve("p.het"));
        // our run reads the original gzipped files: strain labels in PAT/MAT name no sample, so all are founders
        all = QcPipeline.run(QcRequest.of(SharedData.mouse(".bed.gz")),
                new QcPipeline.Sinks(dir.resolve("ours").toString(), null, null));
        // plink2 skips the variants with unknown position; per-sample tables must cover the same variants
        Path unknown = MouseData.unknownPositionList(dir);
        knownPositions = QcPipeline.run(new QcRequest(SharedData.mouse(".bed.gz"), null, null, null, null, unknown,
                null, false, 2), new QcPipeline.Sinks(dir.resolve("known").toString(), true, null, null));
    }

    @Test
    void summaryCountsTheRealQuirks() {
        assertThat(all.samplesRead()).isEqualTo(1940);
        assertThat(all.founders()).isEqualTo(1940);
        assertThat(all.variantsKept()).isEqualTo(12226);
        assertThat(all.unknownPosition()).isEqualTo(1926);
        assertThat(knownPositions.variantsKept()).isEqualTo(plinkFreq.rows().size()).isEqualTo(10300);
    }

    @Test
    void alleleFrequenciesMatchPlink2() {
        Table ourTable = PeerTool.readTable(dir.resolve("ours.afreq"));
        Map<String, String[]> ours = byId(ourTable);
        int id = plinkFreq.column("ID");
        for (String[] row : plinkFreq.rows()) {
            String[] mine = ours.get(row[id]);
            assertThat(mine).as(row[id]).isNotNull();
            assertThat(mine[ourTable.column("REF")]).isEqualTo(row[plinkFreq.column("REF")]);
            assertThat(mine[ourTable.column("ALT")]).isEqualTo(row[plinkFreq.column("ALT")]);
            double expected = Double.parseDouble(row[plinkFreq.column("ALT_FREQS")]);
            assertThat(Double.parseDouble(mine[ourTable.column("ALT_FREQS")])).as(row[id])
                    .isCloseTo(expected, within(printedTolerance(expected, 1e-6)));
            assertThat(mine[ourTable.column("OBS_CT")]).isEqualTo(row[plinkFreq.column("OBS_CT")]);
        }
    }

    @Test
    void variantMissingnessMatchesPlink2() {
        Table ourTable = PeerTool.readTable(dir.resolve("ours.vmiss"));
        Map<String, String[]> ours = byId(ourTable);
        for (String[] row : plinkVmiss.rows()) {
            String[] mine = ours.get(row[plinkVmiss.column("ID")]);
            assertThat(mine[ourTable.column("MISSING_CT")]).isEqualTo(row[plinkVmiss.column("MISSING_CT")]);
            assertThat(mine[ourTable.column("OBS_CT")]).isEqualTo(row[plinkVmiss.column("OBS_CT")]);
            double expected = Double.parseDouble(row[plinkVmiss.column("F_MISS")]);
            assertThat(Double.parseDouble(mine[ourTable.column("F_MISS")]))
                    .isCloseTo(expected, within(printedTolerance(expected, 1e-6)));
        }
    }

    @Test
    void hardyWeinbergMatchesPlink2ToItsPrintedPrecision() {
        Table ourTable = PeerTool.readTable(dir.resolve("ours.hardy"));
        Map<String, String[]> ours = byId(ourTable);
        int compared = 0;
        for (String[] row : plinkHardy.rows()) {
            String[] mine = ours.get(row[plinkHardy.column("ID")]);
            for (String count : new String[] {"A1", "AX", "HOM_A1_CT", "HET_A1_CT", "TWO_AX_CT"}) {
                assertThat(mine[ourTable.column(count)]).as(count).isEqualTo(row[plinkHardy.column(count)]);
            }
            for (String value : new String[] {"O(HET_A1)", "E(HET_A1)", "P"}) {
                double expected = Double.parseDouble(row[plinkHardy.column(value)]);
                assertThat(Double.parseDouble(mine[ourTable.column(value)])).as(row[1] + " " + value)
                        .isCloseTo(expected, within(printedTolerance(expected, 1e-6)));
            }
            compared++;
        }
        assertThat(compared).isEqualTo(10300);
    }

    @Test
    void sampleMissingnessAndInbreedingMatchPlink2OnTheSameVariants() {
        Table smiss = PeerTool.readTable(dir.resolve("known.smiss"));
        Table het = PeerTool.readTable(dir.resolve("known.het"));
        assertThat(smiss.rows()).hasSize(plinkSmiss.rows().size());
        for (int i = 0; i < smiss.rows().size(); i++) {
            String[] mine = smiss.rows().get(i);
            String[] theirs = plinkSmiss.rows().get(i);
            assertThat(mine[smiss.column("IID")]).isEqualTo(theirs[plinkSmiss.column("IID")]);
            assertThat(mine[smiss.column("MISSING_CT")]).isEqualTo(theirs[plinkSmiss.column("MISSING_CT")]);
            assertThat(mine[smiss.column("OBS_CT")]).isEqualTo(theirs[plinkSmiss.column("OBS_CT")]);
            String[] myHet = het.rows().get(i);
            String[] theirHet = plinkHet.rows().get(i);
            assertThat(myHet[het.column("O(HOM)")]).isEqualTo(theirHet[plinkHet.column("O(HOM)")]);
            assertThat(myHet[het.column("OBS_CT")]).isEqualTo(theirHet[plinkHet.column("OBS_CT")]);
            for (String value : new String[] {"E(HOM)", "F"}) {
                double expected = Double.parseDouble(theirHet[plinkHet.column(value)]);
                assertThat(Double.parseDouble(myHet[het.column(value)])).as(value)
                        .isCloseTo(expected, within(printedTolerance(expected, 1e-6)));
            }
        }
    }

    private static Map<String, String[]> byId(Table table) {
        Map<String, String[]> map = new HashMap<>();
        int id = table.column("ID");
        for (String[] row : table.rows()) {
            map.put(row[id], row);
        }
        return map;
    }
}
