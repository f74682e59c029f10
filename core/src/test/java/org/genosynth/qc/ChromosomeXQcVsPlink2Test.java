package org.genosynth.qc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.genosynth.testing.PeerTool.printedTolerance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.testing.MouseData;
import org.genosynth.testing.PeerTool;
import org.genosynth.testing.PeerTool.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qc}'s allele frequencies on chromosome X against {@code plink2 --freq}: mouse_hs1940 (993 males, 947 females)
 * with chromosome 19 renamed X, and every tenth mouse's sex unknown. A male founder's X is one allele (a heterozygous
 * call half an ALT allele, as plink2 counts it: here every male is diploid on the renamed chromosome, so there are
 * many), a sample of unknown sex counts as two, as do females; the autosomes are unchanged. With {@code --maf} the
 * same variants are kept.
 */
class ChromosomeXQcVsPlink2Test {
    @TempDir
    static Path dir;

    @BeforeAll
    static void run() throws Exception {
        Path prefix = MouseData.plink2Fileset(dir, "z");
        Path bim = dir.resolve("z.bim");
        Files.write(bim, Files.readAllLines(bim).stream().map(l -> l.startsWith("19\t") || l.startsWith("19 ")
                ? "X" + l.substring(2) : l).toList());
        Path fam = dir.resolve("z.fam");
        List<String> lines = Files.readAllLines(fam);
        for (int i = 0; i < lines.size(); i += 10) {
            String[] f = lines.get(i).split("\t");
            f[4] = "0";
            lines.set(i, String.join("\t", f));
        }
        Files.write(fam, lines);
        PeerTool.run(dir, "plink2", "--bfile", "z", "--freq", "--threads", "2", "--out", "p");
        PeerTool.run(dir, "plink2", "--bfile", "z", "--maf", "0.2", "--write-snplist", "--threads", "2", "--out",
                "pm");
        QcPipeline.run(new QcRequest(prefix, null, null, null, null, MouseData.unknownPositionList(dir), null, false,
                2), new QcPipeline.Sinks(dir.resolve("ours").toString(), false, null, null));
        QcPipeline.run(new QcRequest(prefix, null, null, null, null, MouseData.unknownPositionList(dir),
                new QcThresholds(0.2, Double.NaN, Double.NaN, Double.NaN), false, 2),
                new QcPipeline.Sinks(dir.resolve("ourmaf").toString(), false, null, null));
    }

    @Test
    void xFrequenciesCountAMaleAsOneAlleleAsPlink2Does() {
        Table theirs = PeerTool.readTable(dir.resolve("p.afreq"));
        Table mine = PeerTool.readTable(dir.resolve("ours.afreq"));
        Map<String, String[]> ours = new HashMap<>();
        for (String[] row : mine.rows()) {
            ours.put(row[mine.column("ID")], row);
        }
        int onX = 0;
        for (String[] t : theirs.rows()) {
            String[] m = ours.get(t[theirs.column("ID")]);
            assertThat(m).isNotNull();
            onX += t[0].equals("X") ? 1 : 0;
            assertThat(m[mine.column("OBS_CT")]).as(t[1]).isEqualTo(t[theirs.column("OBS_CT")]);
            double expected = Double.parseDouble(t[theirs.column("ALT_FREQS")]);
            assertThat(Double.parseDouble(m[mine.column("ALT_FREQS")])).as(t[1])
                    .isCloseTo(expected, within(printedTolerance(expected, 1e-6)));
        }
        assertThat(onX).isEqualTo(258);
        // 1,940 samples, 194 of unknown sex: OBS_CT on X = 2 x (females + unknown) + males
        String[] x = theirs.rows().stream().filter(r -> r[0].equals("X")).findFirst().orElseThrow();
        assertThat(Integer.parseInt(x[theirs.column("OBS_CT")])).isLessThan(2 * 1940);
    }

    @Test
    void mafKeepsWhatPlink2Keeps() throws Exception {
        List<String> theirs = Files.readAllLines(dir.resolve("pm.snplist"));
        Table mine = PeerTool.readTable(dir.resolve("ourmaf.afreq"));
        List<String> ours = mine.rows().stream().map(r -> r[mine.column("ID")]).toList();
        assertThat(ours).containsExactlyElementsOf(theirs);
    }
}
