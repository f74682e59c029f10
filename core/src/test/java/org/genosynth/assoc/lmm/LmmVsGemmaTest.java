package org.genosynth.assoc.lmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.genosynth.assoc.GwasRequest;
import org.genosynth.assoc.Model;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.SharedData;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Variant;
import org.genosynth.testing.PeerTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-check against GEMMA 0.98.5 on mouse_hs1940 (BIMBAM dosages): {@code -gk 1}, then {@code -lmm 4 -n 1}. Every
 * SNP GEMMA tests must agree on -log10 p (Wald, LRT, score) within 1e-4, the genome-wide hits at 5e-8 must be the same
 * set, the null model's lambda and PVE within 1e-4 relative, and our relatedness matrix within 1e-6 of GEMMA's file.
 */
class LmmVsGemmaTest {
    @TempDir
    Path dir;

    @Test
    void matchesGemmaOnMouse() throws IOException {
        Path geno = SharedData.mouse(".geno.txt.gz").toAbsolutePath();
        Path pheno = SharedData.mouse(".pheno.txt.gz").toAbsolutePath();
        Path anno = SharedData.mouseAnnotation(dir);
        PeerTool.run(dir, "gemma", "-g", geno.toString(), "-p", pheno.toString(), "-a", "anno.txt", "-gk", "1",
                "-o", "kin");
        PeerTool.run(dir, "gemma", "-g", geno.toString(), "-p", pheno.toString(), "-a", "anno.txt", "-k",
                "output/kin.cXX.txt", "-lmm", "4", "-n", "1", "-o", "lmm");

        ReadOptions read = new ReadOptions(null, null, anno, null);
        LmmGwas.Outcome outcome = LmmGwas.fit(new GwasRequest(geno, read, pheno, "1", null, null, Model.LMM,
                dir.resolve("ours").toString(), 2));
        LmmResult ours = outcome.result();
        GenotypeMatrix g = org.genosynth.io.GenotypeLoader.load(geno, read, null);

        compareNullModel(ours.nullModel(), Files.readAllLines(dir.resolve("output/lmm.log.txt")));
        compareSnps(ours, g.variants(), dir.resolve("output/lmm.assoc.txt"));
        compareRelatedness(g, dir.resolve("output/kin.cXX.txt"));
        assertThat(outcome.gwas().table()).isEqualTo(dir.resolve("ours.gwas.tsv"));
        List<String> table = Files.readAllLines(outcome.gwas().table());
        assertThat(table).hasSize(12_226 + 1)
                .first().asString().startsWith("#CHROM\tPOS\tID\tREF\tALT\tA1\tA1_FREQ\tOBS_CT\tBETA\tSE\tP\t");
        assertThat(table.stream().skip(1).filter(l -> !l.split("\t")[10].equals("NA")).count())
                .as("lines with a P: the variants GEMMA tests").isEqualTo(ours.snps().size());
        assertThat(Files.readAllLines(dir.resolve("ours.lmm.log.tsv")).stream()
                .filter(l -> l.startsWith("untested\t")).count()).isEqualTo(12_226 - ours.snps().size());
        assertThat(dir.resolve("ours.lmm.log.tsv")).exists();
        assertThat(dir.resolve("ours.manhattan.svg")).exists();
    }

    private static void compareNullModel(NullModel m, List<String> log) {
        Map<String, Double> v = new HashMap<>();
        for (String line : log) {
            int eq = line.indexOf('=');
            if (line.startsWith("## ") && eq > 0) {
                try {
                    v.put(line.substring(3, eq).strip(), Double.parseDouble(line.substring(eq + 1).strip()));
                } catch (NumberFormatException ignored) {
                    // not a number (dates, versions)
                }
            }
        }
        double gemmaLambda = v.get("vg estimate in the null model") / v.get("ve estimate in the null model");
        assertThat(relative(m.lambdaReml(), gemmaLambda)).as("lambda").isLessThan(1e-4);
        assertThat(relative(m.pve(), v.get("pve estimate in the null model"))).as("pve").isLessThan(1e-4);
        assertThat(relative(m.pveSe(), v.get("se(pve) in the null model"))).as("se(pve)").isLessThan(1e-4);
        assertThat(relative(m.logLReml(), v.get("REMLE log-likelihood in the null model"))).isLessThan(1e-5);
        assertThat(relative(m.logLMle(), v.get("MLE log-likelihood in the null model"))).isLessThan(1e-5);
        assertThat(m.sampleCount()).isEqualTo(v.get("number of analyzed individuals").intValue());
    }

    private static void compareSnps(LmmResult ours, List<Variant> variants, Path assoc) throws IOException {
        PeerTool.Table t = PeerTool.readTable(assoc);
        int rs = t.column("rs");
        int[] cols = {t.column("p_wald"), t.column("p_lrt"), t.column("p_score")};
        Map<String, LmmResult.SnpResult> byId = new HashMap<>();
        for (LmmResult.SnpResult s : ours.snps()) {
            byId.put(variants.get(s.variant()).id(), s);
        }
        assertThat(byId).hasSize(t.rows().size());
        double[] worst = new double[3];
        List<Set<String>> gemmaHits = List.of(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        List<Set<String>> ourHits = List.of(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        for (String[] row : t.rows()) {
            LmmResult.SnpResult s = byId.get(row[rs]);
            assertThat(s).as(row[rs]).isNotNull();
            double[] mine = {s.pWald(), s.pLrt(), s.pScore()};
            for (int k = 0; k < 3; k++) {
                double theirs = Double.parseDouble(row[cols[k]]);
                worst[k] = Math.max(worst[k], Math.abs(Math.log10(theirs) - Math.log10(mine[k])));
                if (theirs < 5e-8) {
                    gemmaHits.get(k).add(row[rs]);
                }
                if (mine[k] < 5e-8) {
                    ourHits.get(k).add(row[rs]);
                }
            }
        }
        System.out.printf("max |d -log10 p| vs GEMMA: wald %.3g, lrt %.3g, score %.3g%n", worst[0], worst[1],
                worst[2]);
        for (int k = 0; k < 3; k++) {
            assertThat(worst[k]).as("max -log10 p difference, statistic " + k).isLessThan(1e-4);
            assertThat(ourHits.get(k)).isEqualTo(gemmaHits.get(k)).isNotEmpty();
        }
    }

    private static void compareRelatedness(GenotypeMatrix g, Path kin) throws IOException {
        double[] y = new double[g.sampleCount()];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SharedData.mouse(".pheno.txt.gz")))) {
            String[] lines = new String(in.readAllBytes()).split("\n");
            for (int i = 0; i < y.length; i++) {
                String f = lines[i].split("\\s+")[0];
                y[i] = f.equals("NA") ? Double.NaN : Double.parseDouble(f);
            }
        }
        double[] k = LmmEngine.gemmaRelatedness(g, y, null, LmmOptions.defaults());
        int n = g.sampleCount();
        List<String> lines = Files.readAllLines(kin);
        assertThat(lines).hasSize(n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i).split("\t");
            for (int j = 0; j < n; j++) {
                worst = Math.max(worst, Math.abs(Double.parseDouble(f[j]) - k[i + j * n]));
            }
        }
        System.out.printf("max |K - GEMMA K| = %.3g%n", worst);
        assertThat(worst).isLessThan(1e-6);
    }

    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.abs(b);
    }
}
