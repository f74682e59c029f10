package org.genosynth.qc;

import static org.assertj.core.api.Assertions.assertThat;

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
 * QC tables and filters on the sex chromosomes and MT against plink2, with missing calls: a plink2 {@code --dummy}
 * cohort (400 samples, 5 % missing calls) whose first 500 variants are renamed Y, the next 500 X and the next 300 MT,
 * with males and females alternating and every seventh sample of unknown sex. plink2 counts Y's missingness over the
 * males ({@code .vmiss}) and leaves Y out of the other samples' {@code .smiss} and {@code --mind}; Y's and MT's
 * frequencies are haploid, X's a male founder's one allele; X's Hardy–Weinberg rows are in {@code .hardy.x}.
 */
class SexChromosomesVsPlink2Test {
    @TempDir
    static Path dir;

    @BeforeAll
    static void makeCohort() throws IOException {
        PeerTool.run(dir, "plink2", "--dummy", "400", "2000", "0.05", "acgt", "--seed", "11", "--make-bed", "--out",
                "sex");
        List<String> fam = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("sex.fam"));
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\\s+");
            f[4] = i % 7 == 0 ? "0" : i % 2 == 0 ? "1" : "2";
            fam.add(String.join("\t", f));
        }
        Files.write(dir.resolve("sex.fam"), fam);
        List<String> bim = new ArrayList<>();
        lines = Files.readAllLines(dir.resolve("sex.bim"));
        for (int i = 0; i < lines.size(); i++) {
            String chrom = i < 500 ? "Y" : i < 1000 ? "X" : i < 1300 ? "MT" : "1";
            bim.add(chrom + lines.get(i).substring(lines.get(i).indexOf('\t')));
        }
        Files.write(dir.resolve("sex.bim"), bim);
    }

    @Test
    void tablesMatchPlink2() {
        PeerTool.run(dir, "plink2", "--bfile", "sex", "--freq", "--missing", "--hardy", "--out", "p");
        QcSummary summary = QcPipeline.run(QcRequest.of(dir.resolve("sex")),
                new QcPipeline.Sinks(dir.resolve("ours").toString(), null, null));
        assertThat(summary.genotypeRate()).isBetween(0.9, 0.99);
        FiltersVsPlink2Test.compare(dir, "afreq", "ID", List.of("ALT_FREQS"), List.of("OBS_CT"));
        FiltersVsPlink2Test.compare(dir, "vmiss", "ID", List.of("F_MISS"), List.of("MISSING_CT", "OBS_CT"));
        FiltersVsPlink2Test.compare(dir, "smiss", "IID", List.of("F_MISS"), List.of("MISSING_CT", "OBS_CT"));
        FiltersVsPlink2Test.compare(dir, "hardy", "ID", List.of("O(HET_A1)", "E(HET_A1)", "P"),
                List.of("HOM_A1_CT", "HET_A1_CT", "TWO_AX_CT"));
        FiltersVsPlink2Test.compare(dir, "hardy.x", "ID", List.of("O(FEMALE_HET_A1)", "E(FEMALE_HET_A1)",
                "FEMALE_A1_FREQ", "MALE_A1_FREQ", "P"), List.of("FEMALE_HOM_A1_CT", "FEMALE_HET_A1_CT",
                "FEMALE_TWO_AX_CT", "MALE_A1_CT", "MALE_AX_CT"));
        // Y's missingness is the males' (every male is on it, no female), and the .smiss counts differ by sex
        Table vmiss = PeerTool.readTable(dir.resolve("ours.vmiss"));
        assertThat(vmiss.rows().get(0)[0]).isEqualTo("Y");
        assertThat(Integer.parseInt(vmiss.rows().get(0)[vmiss.column("OBS_CT")])).isBetween(150, 200);
        Table smiss = PeerTool.readTable(dir.resolve("ours.smiss"));
        assertThat(smiss.rows().stream().map(r -> r[smiss.column("OBS_CT")]).distinct().count()).isEqualTo(2);
    }

    @Test
    void filtersKeepWhatPlink2Keeps() throws IOException {
        PeerTool.run(dir, "plink2", "--bfile", "sex", "--mind", "0.049", "--geno", "0.06", "--hwe", "1e-2",
                "--make-bed", "--out", "plink-filtered");
        QcRequest request = new QcRequest(dir.resolve("sex"), null, null, null, null, null,
                new QcThresholds(Double.NaN, 0.06, 0.049, 1e-2), false, 2);
        QcSummary summary = QcPipeline.run(request, new QcPipeline.Sinks(null, samples -> GenotypeFiles.create(
                dir.resolve("ours-filtered"), GenotypeFormat.BED, samples, WriteOptions.defaults()), null));
        assertThat(summary.samplesRemovedMind()).isPositive();
        assertThat(summary.removedGeno()).isPositive();
        assertThat(summary.removedHwe()).isPositive();
        assertThat(Files.readAllLines(dir.resolve("ours-filtered.fam")))
                .containsExactlyElementsOf(Files.readAllLines(dir.resolve("plink-filtered.fam")));
        assertThat(Files.readAllLines(dir.resolve("ours-filtered.bim")).stream().map(l -> l.split("\t")[1]))
                .containsExactlyElementsOf(Files.readAllLines(dir.resolve("plink-filtered.bim")).stream()
                        .map(l -> l.split("\t")[1]).toList());
        assertThat(Files.readAllBytes(dir.resolve("ours-filtered.bed")))
                .isEqualTo(Files.readAllBytes(dir.resolve("plink-filtered.bed")));
    }

    @Test
    void vcfOutputHasPlink2sPloidy() throws IOException {
        PeerTool.run(dir, "plink2", "--bfile", "sex", "--export", "vcf", "--out", "plink-export");
        QcPipeline.run(QcRequest.of(dir.resolve("sex")), new QcPipeline.Sinks(null, samples -> GenotypeFiles.create(
                dir.resolve("ours-export.vcf"), GenotypeFormat.VCF, samples, WriteOptions.defaults()), null));
        // the dummy's first variant is at position 0, which plink2 writes and genosynth's VCF cannot hold (skipped)
        List<String[]> theirs = Files.readAllLines(dir.resolve("plink-export.vcf")).stream()
                .filter(l -> !l.startsWith("#")).map(l -> l.split("\t")).filter(f -> !f[1].equals("0")).toList();
        List<String[]> ours = Files.readAllLines(dir.resolve("ours-export.vcf")).stream()
                .filter(l -> !l.startsWith("#")).map(l -> l.split("\t")).toList();
        assertThat(ours).hasSameSizeAs(theirs);
        int haploid = 0;
        for (int v = 0; v < theirs.size(); v++) {
            String[] t = theirs.get(v);
            String[] o = ours.get(v);
            assertThat(new String[] {o[0], o[1], o[3], o[4]}).as(t[2]).containsExactly(t[0], t[1], t[3], t[4]);
            for (int c = 9; c < t.length; c++) {
                assertThat(o[c]).as(t[2] + " sample " + (c - 9)).isEqualTo(t[c]);
                haploid += t[c].length() == 1 ? 1 : 0;
            }
        }
        // X's males, every Y and MT call: haploid
        assertThat(haploid).isGreaterThan(300 * 800);
    }
}
