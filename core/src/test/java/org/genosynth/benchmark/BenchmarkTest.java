package org.genosynth.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.genosynth.assoc.GwasRequest;
import org.genosynth.assoc.Model;
import org.genosynth.assoc.glm.GlmGwas;
import org.genosynth.assoc.kinship.Kinship;
import org.genosynth.assoc.kinship.StructureInput;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.SharedData;
import org.genosynth.testing.PeerTool;
import org.genosynth.watermark.WatermarkVerifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genosynth benchmark} end to end on the real mouse cohort: 2 inferred populations x 150 synthetic mice, an
 * exact case/control phenotype, 10 SynGen6 watermark SNPs, SynGen6's relatives design (20 couples per population).
 * The five CSV files are checked against the VCF (bcftools), the PLINK files (plink2), a re-run of the logistic GWAS,
 * {@code genosynth kinship} and plink2's KING table; the watermark verifies; two runs give the same bytes.
 */
class BenchmarkTest {
    @TempDir
    static Path dir;

    static Path out;

    static Recipe recipe;

    static Path recipe(Path at, String body) throws IOException {
        Files.writeString(at, body, StandardCharsets.UTF_8);
        return at;
    }

    static String body() {
        return "name: mm\nseed: 5\n"
                + "input: {genotypes: " + SharedData.mouse(".bed.gz") + "}\n"
                + "populations: {infer: 2, counts: {P1: 150, P2: 150}}\n"
                + "synth: {method: mosaic, segment_cm: 160}\n"
                + "phenotype: {h2: 0.5, h2_causal: 0.3, causal: 10, cases: 120, controls: 150}\n"
                + "watermark: {mode: syngen6, count: 10}\n"
                + "relatives: {pedigree: {syngen6: 20}}\n"
                + "outputs: {formats: [vcf, bed, csv]}\n";
    }

    @BeforeAll
    static void build() throws IOException {
        recipe = Recipe.read(recipe(dir.resolve("r.yaml"), body()));
        out = dir.resolve("run1");
        BenchmarkJob.run(recipe, out, 2);
    }

    static List<String[]> csv(String name) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve(name))) {
            rows.add(l.split(",", -1));
        }
        return rows;
    }

    @Test
    void countsPhenotypeAndVariantMap() throws IOException {
        List<String[]> snp = csv("mm_snp.csv");
        assertThat(snp.get(0)[0]).isEqualTo("SampleID");
        assertThat(snp.get(0)[1]).isEqualTo("Ancestry");
        Map<String, Integer> perPop = new TreeMap<>();
        snp.subList(1, snp.size()).forEach(r -> perPop.merge(r[1], 1, Integer::sum));
        assertThat(perPop).containsExactlyEntriesOf(new TreeMap<>(Map.of("P1", 150, "P2", 150)));

        List<String[]> pheno = csv("mm_phenotype.csv");
        assertThat(pheno.get(0)).containsExactly("SampleID", "Phenotype");
        Map<String, Long> values = new TreeMap<>();
        pheno.subList(1, pheno.size()).forEach(r -> values.merge(r[1], 1L, Long::sum));
        assertThat(values).containsExactlyEntriesOf(new TreeMap<>(Map.of("1", 120L, "0", 150L, "NA", 30L)));
        // the PLINK-coded table says the same thing about every sample
        Map<String, String> plink = new HashMap<>();
        for (String l : Files.readAllLines(out.resolve("mm.pheno.tsv"))) {
            if (!l.startsWith("#")) {
                String[] f = l.split("\t");
                plink.put(f[1], f[2]);
            }
        }
        for (String[] r : pheno.subList(1, pheno.size())) {
            assertThat(plink.get(r[0])).isEqualTo(r[1].equals("1") ? "2" : r[1].equals("0") ? "1" : "NA");
        }

        // the variant map is the .bim (written by us, read here as plain text) in order, REF = A2 and ALT = A1
        List<String[]> map = csv("mm_variant_map.csv");
        assertThat(map.get(0)).containsExactly("CHROM", "POS", "ID", "REF", "ALT", "cM");
        List<String> bim = Files.readAllLines(out.resolve("mm.bim"));
        assertThat(map).hasSize(bim.size() + 1);
        for (int i = 0; i < bim.size(); i++) {
            String[] b = bim.get(i).split("\t");
            String[] m = map.get(i + 1);
            assertThat(m[0]).isEqualTo(b[0]);
            assertThat(m[2]).isEqualTo(b[1]);
            assertThat(m[1]).isEqualTo(Long.parseLong(b[3]) > 0 ? b[3] : "NA");
            assertThat(m[3]).isEqualTo(b[5]);
            assertThat(m[4]).isEqualTo(b[4]);
        }
        // SNP columns of the cohort file + watermark columns = the variant map's IDs
        List<String> watermarkIds = Stream.of(csv("mm_watermarksnp.csv").get(0)).skip(1).toList();
        assertThat(watermarkIds).hasSize(10);
        List<String> snpIds = Stream.of(snp.get(0)).skip(2).toList();
        List<String> mapIds = map.subList(1, map.size()).stream().map(r -> r[2]).toList();
        assertThat(mapIds.stream().filter(id -> !watermarkIds.contains(id)).toList()).isEqualTo(snpIds);
        assertThat(mapIds).containsAll(watermarkIds);
        assertThat(snpIds).hasSize(12226);
    }

    @Test
    void snpCsvAgreesWithVcfAndPlink() throws IOException {
        List<String[]> snp = csv("mm_snp.csv");
        String[] header = snp.get(0);
        // bcftools on the VCF: a handful of SNPs (by column) x all samples
        int[] cols = {2, 3, 500, 4000, 9000};
        Map<String, Integer> row = new HashMap<>();
        for (int i = 1; i < snp.size(); i++) {
            row.put(snp.get(i)[0], i);
        }
        String samples = PeerTool.run(out, "bcftools", "query", "-l", "mm.vcf.gz");
        List<String> sampleIds = List.of(samples.strip().split("\n"));
        int checked = 0;
        for (int c : cols) {
            String q = PeerTool.run(out, "bcftools", "query", "-i", "ID=\"" + header[c] + "\"", "-f", "[%GT\\t]\\n",
                    "mm.vcf.gz");
            String[] gts = q.strip().split("\t");
            assertThat(gts).hasSize(sampleIds.size());
            for (int s = 0; s < gts.length; s++) {
                String expected = switch (gts[s]) {
                    case "0/0", "0|0" -> "0";
                    case "0/1", "1/0", "0|1", "1|0" -> "1";
                    case "1/1", "1|1" -> "2";
                    default -> "NA";
                };
                assertThat(snp.get(row.get(sampleIds.get(s)))[c]).as(header[c] + " " + sampleIds.get(s))
                        .isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(5 * 300);
        // plink2 --export A on the PLINK fileset: the allele it counts is named in its header (ID_ALLELE)
        Map<String, String> alt = new HashMap<>();
        csv("mm_variant_map.csv").forEach(r -> alt.put(r[2], r[4]));
        PeerTool.run(out, "plink2", "--bfile", "mm", "--snps", header[2] + "," + header[9000], "--export", "A",
                "--out", "raw");
        List<String> raw = Files.readAllLines(out.resolve("raw.raw"));
        String[] rh = raw.get(0).split("\t");
        for (String line : raw.subList(1, raw.size())) {
            String[] f = line.split("\t");
            String[] s = snp.get(row.get(f[1]));
            for (int k = 6; k < f.length; k++) {
                String id = rh[k].substring(0, rh[k].lastIndexOf('_'));
                boolean countsAlt = rh[k].substring(rh[k].lastIndexOf('_') + 1).equals(alt.get(id));
                int c = List.of(header).indexOf(id);
                assertThat(s[c]).isEqualTo(f[k].equals("NA") ? "NA"
                        : countsAlt ? f[k] : Integer.toString(2 - Integer.parseInt(f[k])));
            }
        }
        assertThat(raw).hasSize(301);
    }

    @Test
    void watermarkPValuesMatchALogisticGwasAndVerify() throws IOException {
        List<String[]> wm = csv("mm_watermarksnp.csv");
        String[] last = wm.get(wm.size() - 1);
        assertThat(last[0]).isEqualTo("p-value");
        assertThat(wm).hasSize(1 + 300 + 1);
        Path gwasPrefix = out.resolve("regwas");
        GlmGwas.run(new GwasRequest(out.resolve("mm"), ReadOptions.defaults(), out.resolve("mm.pheno.tsv"), "TRAIT1",
                null, null, Model.LOGISTIC, gwasPrefix.toString(), 1));
        PeerTool.Table t = PeerTool.readTable(Path.of(gwasPrefix + ".gwas.tsv"));
        Map<String, String> p = new HashMap<>();
        t.rows().forEach(r -> p.put(r[t.column("ID")], r[t.column("P")]));
        for (int c = 1; c < last.length; c++) {
            double printed = Double.parseDouble(last[c]);
            double regwas = Double.parseDouble(p.get(wm.get(0)[c]));
            assertThat(printed).isLessThan(1e-6);
            assertThat(regwas).isCloseTo(printed, within(PeerTool.printedTolerance(printed, 0)));
        }
        // watermark genotypes in the CSV are those of the genotype files (plink2 reading the .bed)
        PeerTool.run(out, "plink2", "--bfile", "mm", "--snps", wm.get(0)[1], "--export", "A", "--out", "wmraw");
        List<String> raw = Files.readAllLines(out.resolve("wmraw.raw"));
        String col = raw.get(0).split("\t")[6];
        String wmAlt = csv("mm_variant_map.csv").stream().filter(r -> r[2].equals(wm.get(0)[1])).findFirst()
                .orElseThrow()[4];
        boolean wmCountsAlt = col.substring(col.lastIndexOf('_') + 1).equals(wmAlt);
        for (int i = 1; i < raw.size(); i++) {
            String[] f = raw.get(i).split("\t");
            assertThat(wm.get(i)[0]).isEqualTo(f[1]);
            assertThat(wm.get(i)[1]).isEqualTo(wmCountsAlt ? f[6] : Integer.toString(2 - Integer.parseInt(f[6])));
        }
        WatermarkVerifier.Report report = WatermarkVerifier.verify(out.resolve("steps/watermark.watermark.tsv"),
                Path.of(gwasPrefix + ".gwas.tsv"), 1e-4);
        assertThat(report.verified()).as(report.render()).isTrue();
        assertThat(report.checks()).hasSize(10);
    }

    @Test
    void kinshipCsvHasTheKingValuesOfGenosynthKinshipAndPlink2() throws IOException {
        List<String[]> kin = csv("mm_kinship_relatedness.csv");
        assertThat(kin.get(0)).containsExactly("SampleID", "AncestorID", "Relatedness", "KinshipCoefficient");
        // per population: 20 children x 2 parents, 10 grandchildren x 4 grandparents, 5 great-grandchildren x 8
        Map<String, Integer> byRel = new TreeMap<>();
        kin.subList(1, kin.size()).forEach(r -> byRel.merge(r[2], 1, Integer::sum));
        assertThat(byRel).containsExactlyEntriesOf(new TreeMap<>(Map.of("parent-offspring", 80, "grandparent", 80,
                "great-grandparent", 80)));
        // every ancestor is a sample of mm_snp.csv; every relative a row of mm_relative_snps.csv
        List<String> cohort = csv("mm_snp.csv").stream().skip(1).map(r -> r[0]).toList();
        List<String> relatives = csv("mm_relative_snps.csv").stream().skip(1).map(r -> r[0]).toList();
        assertThat(relatives).hasSize(2 * (20 + 10 + 5)).doesNotContainAnyElementsOf(cohort);
        for (String[] r : kin.subList(1, kin.size())) {
            assertThat(cohort).contains(r[1]);
            assertThat(relatives).contains(r[0]);
        }
        // genosynth kinship on the relatives' fileset (founders under their cohort IDs)
        Kinship.run(new Kinship.Request(StructureInput.of(out.resolve("mm.relatives")), out.resolve("king")
                .toString(), Double.NaN, false));
        Map<String, String> ours = kingTable(out.resolve("king.kin0"));
        PeerTool.run(out, "plink2", "--bfile", "mm.relatives", "--make-king-table", "--out", "plinkking");
        Map<String, String> plink = kingTable(out.resolve("plinkking.kin0"));
        int inBand = 0;
        for (String[] r : kin.subList(1, kin.size())) {
            String key = pair(r[0], r[1]);
            assertThat(ours).containsKey(key);
            assertThat(r[3]).isEqualTo(ours.get(key));
            double pl = Double.parseDouble(plink.get(key));
            assertThat(Double.parseDouble(r[3])).isCloseTo(pl, within(PeerTool.printedTolerance(pl, 1e-5)));
            if (r[2].equals("parent-offspring") && Double.parseDouble(r[3]) >= 0.177
                    && Double.parseDouble(r[3]) < 0.354) {
                inBand++;
            }
        }
        assertThat(inBand).as("parent-offspring pairs in KING's first-degree band").isGreaterThanOrEqualTo(76);
    }

    @Test
    void relativeSnpsAgreeWithTheRelativesVcf() throws IOException {
        List<String[]> rel = csv("mm_relative_snps.csv");
        List<String[]> map = csv("mm_variant_map.csv");
        java.util.Set<String> placed = new java.util.HashSet<>();
        map.stream().filter(r -> !r[1].equals("NA")).forEach(r -> placed.add(r[2]));
        int c0 = 1000;
        while (!placed.contains(rel.get(0)[c0])) {
            c0++;
        }
        int col = c0;
        String id = rel.get(0)[col];
        String q = PeerTool.run(out, "bcftools", "query", "-i", "ID=\"" + id + "\"", "-f", "[%SAMPLE=%GT\\n]",
                "mm.relatives.vcf.gz");
        Map<String, String> gt = new HashMap<>();
        for (String l : q.strip().split("\n")) {
            String[] f = l.split("=");
            gt.put(f[0], f[1]);
        }
        for (String[] r : rel.subList(1, rel.size())) {
            String g = gt.get(r[0]);
            int alt = g.chars().map(ch -> ch == '1' ? 1 : 0).sum();
            assertThat(r[col]).isEqualTo(g.contains(".") ? "NA" : Integer.toString(alt));
        }
    }

    @Test
    void sameRecipeSameBytes() throws IOException {
        Path again = dir.resolve("run2");
        BenchmarkJob.run(Recipe.read(dir.resolve("r.yaml")), again, 1);
        List<Path> first = files(out);
        List<Path> second = files(again);
        assertThat(second).isEqualTo(first.stream().filter(p -> Files.exists(again.resolve(p))).toList());
        assertThat(second.size()).isGreaterThanOrEqualTo(30);
        for (Path p : second) {
            assertThat(Files.mismatch(out.resolve(p), again.resolve(p))).as(p.toString()).isEqualTo(-1L);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).filter(p -> !p.toString().startsWith(".peer")
                    && !p.getFileName().toString().startsWith("raw") && !p.getFileName().toString().startsWith("wmraw")
                    && !p.getFileName().toString().startsWith("regwas")
                    && !p.getFileName().toString().startsWith("king")
                    && !p.getFileName().toString().startsWith("plinkking")).sorted().toList();
        }
    }

    private static Map<String, String> kingTable(Path file) {
        PeerTool.Table t = PeerTool.readTable(file);
        Map<String, String> m = new HashMap<>();
        for (String[] r : t.rows()) {
            m.put(pair(r[t.column("IID1")], r[t.column("IID2")]), r[t.column("KINSHIP")]);
        }
        return m;
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }
}
