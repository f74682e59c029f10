package org.genosynth.qc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.genosynth.testing.PeerTool.printedTolerance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.io.GenotypeFiles;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.WriteOptions;
import org.genosynth.testing.PeerTool;
import org.genosynth.testing.PeerTool.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a plink2 {@code --dummy} cohort with missing calls (1%, 5% or 20% per variant) and 50 non-founders whose parents
 * are in the file: QC tables equal plink2's (founders-only frequencies and HWE, missingness over everyone), and
 * {@code --mind --geno --hwe --maf} keep exactly the samples and variants plink2 keeps, byte for byte.
 */
class FiltersVsPlink2Test {
    @TempDir
    static Path dir;

    @BeforeAll
    static void makeCohort() throws IOException {
        PeerTool.run(dir, "plink2", "--dummy", "700", "3000", "0.01,0.05,0.2", "acgt", "--seed", "7", "--make-bed",
                "--out", "dummy");
        List<String> fam = Files.readAllLines(dir.resolve("dummy.fam"));
        List<String> withParents = new ArrayList<>();
        for (int i = 0; i < fam.size(); i++) {
            String[] f = fam.get(i).split("\\s+");
            if (i >= 10 && i < 60) {
                f[2] = "per" + (i - 10);
                f[3] = "per" + (i - 9);
            }
            withParents.add(String.join("\t", f));
        }
        Files.write(dir.resolve("dummy.fam"), withParents);
    }

    @Test
    void qcTablesMatchPlink2WithMissingCallsAndNonFounders() {
        PeerTool.run(dir, "plink2", "--bfile", "dummy", "--freq", "--missing", "--hardy", "--out", "p");
        QcSummary summary = QcPipeline.run(QcRequest.of(dir.resolve("dummy")),
                new QcPipeline.Sinks(dir.resolve("ours").toString(), null, null));
        assertThat(summary.founders()).isEqualTo(650);
        assertThat(summary.genotypeRate()).isBetween(0.9, 0.99);
        compare(dir, "afreq", "ID", List.of("ALT_FREQS"), List.of("OBS_CT"));
        compare(dir, "vmiss", "ID", List.of("F_MISS"), List.of("MISSING_CT", "OBS_CT"));
        compare(dir, "hardy", "ID", List.of("O(HET_A1)", "E(HET_A1)", "P"), List.of("HOM_A1_CT", "HET_A1_CT", "TWO_AX_CT"));
        compare(dir, "smiss", "IID", List.of("F_MISS"), List.of("MISSING_CT", "OBS_CT"));
    }

    @Test
    void filtersKeepWhatPlink2Keeps() throws IOException {
        PeerTool.run(dir, "plink2", "--bfile", "dummy", "--mind", "0.1", "--geno", "0.1", "--hwe", "1e-3", "--maf",
                "0.1", "--make-bed", "--out", "plink-filtered");
        QcRequest request = new QcRequest(dir.resolve("dummy"), null, null, null, null, null,
                new QcThresholds(0.1, 0.1, 0.1, 1e-3), false, 2);
        QcSummary summary = QcPipeline.run(request, new QcPipeline.Sinks(null, samples -> GenotypeFiles.create(
                dir.resolve("ours-filtered"), GenotypeFormat.BED, samples, WriteOptions.defaults()), null));
        assertThat(summary.samplesRemovedMind()).isPositive();
        assertThat(summary.removedGeno()).isPositive();
        assertThat(summary.removedHwe()).isPositive();
        assertThat(summary.removedMaf()).isPositive();
        assertThat(Files.readAllLines(dir.resolve("ours-filtered.fam")))
                .hasSameSizeAs(Files.readAllLines(dir.resolve("plink-filtered.fam")));
        assertThat(Files.readAllLines(dir.resolve("ours-filtered.bim")).stream().map(l -> l.split("\t")[1]))
                .containsExactlyElementsOf(Files.readAllLines(dir.resolve("plink-filtered.bim")).stream()
                        .map(l -> l.split("\t")[1]).toList());
        assertThat(Files.readAllBytes(dir.resolve("ours-filtered.bed")))
                .isEqualTo(Files.readAllBytes(dir.resolve("plink-filtered.bed")));
    }

    /**
     * {@code dir/ours.EXT} against plink2's {@code dir/p.EXT}, rows matched by {@code key}: the same rows, the
     * {@code counts} columns equal, the {@code values} columns to plink2's printed digits (1e-6 relative).
     */
    static void compare(Path dir, String ext, String key, List<String> values, List<String> counts) {
        Table theirs = PeerTool.readTable(dir.resolve("p." + ext));
        Table ours = PeerTool.readTable(dir.resolve("ours." + ext));
        assertThat(ours.rows()).hasSameSizeAs(theirs.rows());
        java.util.Map<String, String[]> mine = new java.util.HashMap<>();
        ours.rows().forEach(r -> mine.put(r[ours.column(key)], r));
        for (String[] row : theirs.rows()) {
            String[] m = mine.get(row[theirs.column(key)]);
            for (String c : counts) {
                assertThat(m[ours.column(c)]).as(ext + " " + c).isEqualTo(row[theirs.column(c)]);
            }
            for (String v : values) {
                double expected = Double.parseDouble(row[theirs.column(v)]);
                assertThat(Double.parseDouble(m[ours.column(v)])).as(ext + " " + v + " " + row[theirs.column(key)])
                        .isCloseTo(expected, within(printedTolerance(expected, 1e-6)));
            }
        }
    }
}
