package org.genosynth.assoc.kinship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.genosynth.testing.PeerTool.printedTolerance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genosynth.assoc.pca.PcaJob;
import org.genosynth.testing.MouseData;
import org.genosynth.testing.PeerTool;
import org.genosynth.testing.PeerTool.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Non-autosomes left out as plink2 leaves them out: mouse_hs1940 with its chromosome 19 renamed {@code X}, 18
 * {@code chrY}, 17 {@code MT} and 16 {@code XY}. {@code plink2 --make-king-table}, {@code --make-rel square} and
 * {@code --pca} compute on chromosomes 1-15 and the pseudo-autosomal XY ("Excluding 1070 variants on
 * non-autosomes": X, Y and MT of known position), and its {@code --het} too; {@code genosynth kinship}, {@code pca} and
 * {@code qc --het} must give the same numbers (and kinship and PCA say what they left out).
 */
class NonAutosomesVsPlink2Test {
    @TempDir
    static Path dir;
    static Kinship.Summary kinship;
    static PcaJob.Summary pca;
    static int nonAutosomal;

    @BeforeAll
    static void run() throws Exception {
        Path prefix = MouseData.plink2Fileset(dir, "z");
        Path bim = dir.resolve("z.bim");
        List<String> renamed = Files.readAllLines(bim).stream().map(l -> {
            String[] f = l.split("\\s+", 2);
            String chrom = switch (f[0]) {
                case "19" -> "X";
                case "18" -> "chrY";
                case "17" -> "MT";
                case "16" -> "XY";
                default -> f[0];
            };
            return chrom + "\t" + f[1];
        }).toList();
        Files.write(bim, renamed);
        // of known position (plink2 drops the others when it reads the .bim)
        nonAutosomal = (int) renamed.stream().map(l -> l.split("\t")).filter(f -> !f[0].equals("XY")
                && !Character.isDigit(f[0].charAt(0)) && Long.parseLong(f[3]) >= 0).count();
        PeerTool.run(dir, "plink2", "--bfile", "z", "--make-king-table", "--make-rel", "square", "--pca", "4",
                "--het", "--threads", "2", "--out", "p");
        // plink2 skips the variants of unknown position on load: the per-sample table must cover the same variants
        org.genosynth.qc.QcPipeline.run(new org.genosynth.qc.QcRequest(prefix, null, null, null, null,
                MouseData.unknownPositionList(dir), null, false, 2),
                new org.genosynth.qc.QcPipeline.Sinks(dir.resolve("ourqc").toString(), true, null, null));
        StructureInput in = new StructureInput(prefix, null, false, 2);
        kinship = Kinship.run(new Kinship.Request(in, dir.resolve("ours").toString(), Double.NaN, true));
        pca = PcaJob.run(new PcaJob.Request(in, dir.resolve("ourpca").toString(), 4, false, null, 1));
    }

    @Test
    void kinshipAndGrmLeaveOutXYAndMtAsPlink2Does() throws Exception {
        assertThat(nonAutosomal).isEqualTo(1070);
        assertThat(Files.readString(dir.resolve("p.log"))).contains("Excluding " + nonAutosomal
                + " variants on non-autosomes");
        assertThat(kinship.autosomesNote()).contains(String.format(java.util.Locale.ROOT, "%,d variants on X, Y or MT "
                + "left out", nonAutosomal));
        Table theirs = PeerTool.readTable(dir.resolve("p.kin0"));
        Table mine = PeerTool.readTable(dir.resolve("ours.kin0"));
        assertThat(mine.rows()).hasSize(theirs.rows().size());
        for (int r = 0; r < theirs.rows().size(); r++) {
            String[] t = theirs.rows().get(r);
            String[] m = mine.rows().get(r);
            assertThat(m[4]).as("NSNP row %d", r).isEqualTo(t[4]);
            double expected = Double.parseDouble(t[7]);
            assertThat(Double.parseDouble(m[7])).as("KINSHIP row %d", r)
                    .isCloseTo(expected, within(2 * printedTolerance(expected, 1e-6)));
        }
        List<String> rel = Files.readAllLines(dir.resolve("p.rel"));
        List<String> ourRel = Files.readAllLines(dir.resolve("ours.rel"));
        for (int i = 0; i < rel.size(); i += 97) {
            String[] t = rel.get(i).split("\t");
            String[] m = ourRel.get(i).split("\t");
            for (int j = 0; j < t.length; j += 89) {
                double expected = Double.parseDouble(t[j]);
                assertThat(Double.parseDouble(m[j])).isCloseTo(expected,
                        within(2 * printedTolerance(expected, 1e-6)));
            }
        }
    }

    @Test
    void qcHetIsOnTheAutosomesAsPlink2s() {
        Table theirs = PeerTool.readTable(dir.resolve("p.het"));
        Table mine = PeerTool.readTable(dir.resolve("ourqc.het"));
        assertThat(mine.rows()).hasSize(theirs.rows().size()).hasSize(1940);
        for (int i = 0; i < theirs.rows().size(); i++) {
            String[] t = theirs.rows().get(i);
            String[] m = mine.rows().get(i);
            assertThat(m[mine.column("OBS_CT")]).as("OBS_CT row %d", i).isEqualTo(t[theirs.column("OBS_CT")]);
            assertThat(m[mine.column("O(HOM)")]).as("O(HOM) row %d", i).isEqualTo(t[theirs.column("O(HOM)")]);
            double expected = Double.parseDouble(t[theirs.column("F")]);
            assertThat(Double.parseDouble(m[mine.column("F")])).as("F row %d", i)
                    .isCloseTo(expected, within(printedTolerance(expected, 1e-6)));
        }
    }

    @Test
    void pcaLeavesThemOutAsPlink2Does() throws Exception {
        assertThat(pca.autosomesNote()).isNotNull();
        double[] theirs = Files.readAllLines(dir.resolve("p.eigenval")).stream().mapToDouble(Double::parseDouble)
                .toArray();
        double[] ours = Files.readAllLines(dir.resolve("ourpca.eigenval")).stream().mapToDouble(Double::parseDouble)
                .toArray();
        assertThat(ours).hasSameSizeAs(theirs);
        for (int k = 0; k < theirs.length; k++) {
            assertThat(ours[k]).as("eigenvalue %d", k + 1).isCloseTo(theirs[k], within(1e-4 * theirs[k]));
        }
    }
}
