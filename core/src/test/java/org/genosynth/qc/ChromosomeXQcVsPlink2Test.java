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
 * {@code qc} on the sex chromosomes and MT against plink2: mouse_hs1940 (993 males, 947 females) with chromosome 19
 * renamed X, 18 renamed Y and 17 renamed MT, and every tenth mouse's sex unknown. Allele frequencies
 * ({@code plink2 --freq}): a male founder's X is one allele (a heterozygous call half an ALT allele, as plink2 counts
 * it: here every male is diploid on the renamed chromosome, so there are many), a sample of unknown sex counts as two,
 * as do females; Y counts the male founders only, one allele each, MT every founder once; the autosomes are
 * unchanged. With {@code --maf} the same variants are kept. Hardy–Weinberg ({@code plink2 --hardy}): X's rows in
 * {@code .hardy.x} with the chromosome X exact test of the female and male founders (male heterozygous calls left
 * out), Y and MT without a test, the autosomes in {@code .hardy}; {@code --hwe} keeps what plink2 keeps.
 */
class ChromosomeXQcVsPlink2Test {
    @TempDir
    static Path dir;

    @BeforeAll
    static void run() throws Exception {
        Path prefix = MouseData.plink2Fileset(dir, "z");
        Path bim = dir.resolve("z.bim");
        Files.write(bim, Files.readAllLines(bim).stream().map(l -> l.startsWith("19\t") ? "X" + l.substring(2)
                : l.startsWith("18\t") ? "Y" + l.substring(2) : l.startsWith("17\t") ? "MT" + l.substring(2) : l)
                .toList());
        Path fam = dir.resolve("z.fam");
        List<String> lines = Files.readAllLines(fam);
        for (int i = 0; i < lines.size(); i += 10) {
            String[] f = lines.get(i).split("\t");
            f[4] = "0";
            lines.set(i, String.join("\t", f));
        }
        Files.write(fam, lines);
        PeerTool.run(dir, "plink2", "--bfile", "z", "--freq", "--hardy", "--threads", "2", "--out", "p");
        // every mouse has parents named in the .fam (not in the file): plink2 calls none a founder, genosynth all
        // (docs/formats.md); --nonfounders on both sides tests everyone
        PeerTool.run(dir, "plink2", "--bfile", "z", "--hwe", String.valueOf(HWE), "--nonfounders", "--write-snplist",
                "--threads", "2", "--out", "ph");
        PeerTool.run(dir, "plink2", "--bfile", "z", "--maf", "0.2", "--write-snplist", "--threads", "2", "--out",
                "pm");
        QcPipeline.run(new QcRequest(prefix, null, null, null, null, MouseData.unknownPositionList(dir), null, false,
                2), new QcPipeline.Sinks(dir.resolve("ours").toString(), false, null, null));
        QcPipeline.run(new QcRequest(prefix, null, null, null, null, MouseData.unknownPositionList(dir),
                new QcThresholds(0.2, Double.NaN, Double.NaN, Double.NaN), false, 2),
                new QcPipeline.Sinks(dir.resolve("ourmaf").toString(), false, null, null));
        QcPipeline.run(new QcRequest(prefix, null, null, null, null, MouseData.unknownPositionList(dir),
                new QcThresholds(Double.NaN, Double.NaN, Double.NaN, HWE), true, 2),
                new QcPipeline.Sinks(dir.resolve("ourhwe").toString(), false, null, null));
    }

    /** The --hwe threshold: removes autosomal and X variants of the renamed mice (checked below). */
    private static final double HWE = 1e-20;

    @Test
    void chromosomeXHardyWeinbergIsPlink2s() {
        Table theirs = PeerTool.readTable(dir.resolve("p.hardy.x"));
        Table mine = PeerTool.readTable(dir.resolve("ours.hardy.x"));
        assertThat(mine.header()).containsExactly("CHROM", "POS", "ID", "A1", "AX", "FEMALE_HOM_A1_CT",
                "FEMALE_HET_A1_CT", "FEMALE_TWO_AX_CT", "MALE_A1_CT", "MALE_AX_CT", "O(FEMALE_HET_A1)",
                "E(FEMALE_HET_A1)", "FEMALE_A1_FREQ", "MALE_A1_FREQ", "P");
        assertThat(mine.rows()).hasSize(theirs.rows().size()).hasSize(258);
        int small = 0;
        for (int i = 0; i < theirs.rows().size(); i++) {
            String[] t = theirs.rows().get(i);
            String[] m = mine.rows().get(i);
            String id = t[theirs.column("ID")];
            assertThat(m[mine.column("ID")]).isEqualTo(id);
            for (String c : List.of("A1", "AX", "FEMALE_HOM_A1_CT", "FEMALE_HET_A1_CT", "FEMALE_TWO_AX_CT",
                    "MALE_A1_CT", "MALE_AX_CT")) {
                assertThat(m[mine.column(c)]).as(id + " " + c).isEqualTo(t[theirs.column(c)]);
            }
            for (String c : List.of("O(FEMALE_HET_A1)", "E(FEMALE_HET_A1)", "FEMALE_A1_FREQ", "MALE_A1_FREQ", "P")) {
                double expected = Double.parseDouble(t[theirs.column(c)]);
                // plink2 prints 6 significant digits; a p-value within 1e-6 relative of its exact value
                assertThat(Double.parseDouble(m[mine.column(c)])).as(id + " " + c)
                        .isCloseTo(expected, within(printedTolerance(expected, 1e-6)));
            }
            small += Double.parseDouble(t[theirs.column("P")]) < 1e-6 ? 1 : 0;
        }
        // the diploid males make most of X depart from HWE: the tails are exercised, not only p near 1
        assertThat(small).isGreaterThan(50);
    }

    @Test
    void autosomalHardyTableHasWhatPlink2sHas() {
        Table theirs = PeerTool.readTable(dir.resolve("p.hardy"));
        Table mine = PeerTool.readTable(dir.resolve("ours.hardy"));
        assertThat(mine.rows().stream().map(r -> r[mine.column("ID")]).toList())
                .containsExactlyElementsOf(theirs.rows().stream().map(r -> r[theirs.column("ID")]).toList());
        assertThat(mine.rows().stream().map(r -> r[0]).filter(c -> c.equals("X") || c.equals("Y")
                || c.equals("MT")).count()).isZero();
    }

    @Test
    void hweKeepsWhatPlink2Keeps() throws Exception {
        List<String> ours = assertKeeps("ph.snplist", "ourhwe.afreq");
        Table mine = PeerTool.readTable(dir.resolve("ourhwe.afreq"));
        Table all = PeerTool.readTable(dir.resolve("ours.afreq"));
        long removedOnX = all.rows().stream().filter(r -> r[0].equals("X")).count()
                - mine.rows().stream().filter(r -> r[0].equals("X")).count();
        assertThat(removedOnX).isPositive();
        assertThat(all.rows().size() - ours.size()).isGreaterThan((int) removedOnX);
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
        assertKeeps("pm.snplist", "ourmaf.afreq");
    }

    /** Our table {@code afreq} lists the variants of plink2's {@code snplist}, in order; returns their IDs. */
    private static List<String> assertKeeps(String snplist, String afreq) throws Exception {
        List<String> theirs = Files.readAllLines(dir.resolve(snplist));
        Table mine = PeerTool.readTable(dir.resolve(afreq));
        List<String> ours = mine.rows().stream().map(r -> r[mine.column("ID")]).toList();
        assertThat(ours).containsExactlyElementsOf(theirs);
        return ours;
    }
}
