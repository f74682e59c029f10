package org.genosynth.assoc.loco;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.genosynth.assoc.GwasRequest;
import org.genosynth.assoc.GwasResult;
import org.genosynth.assoc.Model;
import org.genosynth.assoc.PValues;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.SharedData;
import org.genosynth.testing.MouseData;
import org.genosynth.testing.PeerTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --model lmm-loco} against BOLT-LMM 2.4.0 (Debian bolt-lmm, {@code --lmmInfOnly}) on mouse_hs1940, phenotype 1
 * (CD8, 1,410 mice, 19 chromosomes left out in turn), and against GEMMA's genome-wide hits there. BOLT's output is
 * committed ({@code mouse_cd8.bolt.stats.gz}: SNP, CHR, BP, P_BOLT_LMM_INF of every variant, and its log) because
 * BOLT takes minutes on this cohort; how it was made is in the {@code README.md} beside it. GEMMA's 24 hits at 5e-8
 * are in {@code mouse_cd8.gemma_hits.txt}.
 *
 * <p>Both tools multiply the same retrospective statistics by a calibration factor estimated on 30 random SNPs, and
 * both compute the same per-SNP ratio (prospective / retrospective statistic, which does not depend on the SNP's
 * association). BOLT prints three summaries of it: the ratio of the summed statistics, the ratio of their medians and
 * the median of the ratios; on this cohort the first has a jackknife s.e. above 0.01, so BOLT falls back to the ratio
 * of medians (1.862), a noisy choice: the median of its ratios is 1.682 and ours, the mean of the ratios on another
 * random draw of 30 SNPs, 1.67. So BOLT's statistics are compared twice: as written (our hits must be a subset of
 * its hits, the -log10 p correlation at least 0.9999) and rescaled to its own median-of-ratios calibration (then the
 * hits at 5e-8 must be the same set and lambda_GC within 0.05).
 */
class LocoVsBoltTest {
    private static final double HIT = -Math.log10(5e-8);

    @TempDir
    Path dir;

    @Test
    void agreesWithBoltOnMouseCd8() throws IOException {
        Path prefix = MouseData.plainFileset(dir, "m");
        GwasRequest request = new GwasRequest(prefix, ReadOptions.defaults(), SharedData.mouse(".pheno.txt.gz"), "1",
                null, null, Model.LMM_LOCO, dir.resolve("loco").toString(), 2);
        GwasResult result = LocoGwas.run(request);

        Map<String, Double> boltChi2 = new HashMap<>();
        try (InputStream in = new GZIPInputStream(resource("mouse_cd8.bolt.stats.gz"))) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            List<String> header = List.of(lines.get(0).split("\\s+"));
            int snp = header.indexOf("SNP");
            int p = header.indexOf("P_BOLT_LMM_INF");
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\\s+");
                boltChi2.put(f[snp], chiSquare(Double.parseDouble(f[p])));
            }
        }
        String log = new String(resource("mouse_cd8.bolt.log").readAllBytes(), StandardCharsets.UTF_8);
        double used = number(log, "Using ratio of medians instead: ");
        double medianOfRatios = number(log, "Median of ratios: ");
        double rescale = medianOfRatios / used;

        PeerTool.Table ours = PeerTool.readTable(result.table());
        assertThat(ours.rows()).hasSize(12_226);
        int id = ours.column("ID");
        int beta = ours.column("BETA");
        int se = ours.column("SE");
        Set<String> ourHits = new TreeSet<>();
        Set<String> boltHits = new TreeSet<>();
        Set<String> boltRescaledHits = new TreeSet<>();
        List<Double> ourChi2 = new ArrayList<>();
        List<Double> boltRescaledChi2 = new ArrayList<>();
        double[] s = new double[5];
        int n = 0;
        for (String[] row : ours.rows()) {
            Double theirs = boltChi2.get(row[id]);
            if (row[beta].equals("NA") || theirs == null) {
                continue;
            }
            double z = Double.parseDouble(row[beta]) / Double.parseDouble(row[se]);
            double mine = z * z;
            double x = log10p(mine);
            double y = log10p(theirs);
            s[0] += x;
            s[1] += y;
            s[2] += x * x;
            s[3] += y * y;
            s[4] += x * y;
            n++;
            ourChi2.add(mine);
            boltRescaledChi2.add(theirs * rescale);
            if (x > HIT) {
                ourHits.add(row[id]);
            }
            if (y > HIT) {
                boltHits.add(row[id]);
            }
            if (log10p(theirs * rescale) > HIT) {
                boltRescaledHits.add(row[id]);
            }
        }
        double r = (n * s[4] - s[0] * s[1]) / Math.sqrt((n * s[2] - s[0] * s[0]) * (n * s[3] - s[1] * s[1]));
        double ourLambda = median(ourChi2) / 0.45493642311957283;
        double boltLambda = median(boltRescaledChi2) / 0.45493642311957283;
        System.out.printf("lmm-loco vs BOLT-LMM-inf on mouse CD8: %d variants, r(-log10 p) %.6f, hits ours %d, BOLT %d "
                + "(%d rescaled by %.4f), lambda_GC ours %.4f, BOLT rescaled %.4f%n", n, r, ourHits.size(),
                boltHits.size(), boltRescaledHits.size(), rescale, ourLambda, boltLambda);
        assertThat(n).as("variants tested by both").isEqualTo(10_992);
        assertThat(r).as("correlation of -log10 p with BOLT-LMM-inf").isGreaterThanOrEqualTo(0.9999);
        assertThat(boltHits).as("BOLT's hits at 5e-8, its calibration").containsAll(ourHits);
        assertThat(ourHits).as("hits at 5e-8, BOLT at its median-of-ratios calibration").isEqualTo(boltRescaledHits);
        assertThat(Math.abs(ourLambda - boltLambda)).as("lambda_GC difference").isLessThan(0.05);

        List<String> gemmaHits = new String(resource("mouse_cd8.gemma_hits.txt").readAllBytes(),
                StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(gemmaHits).hasSize(24);
        assertThat(ourHits).as("GEMMA's 24 hits at 5e-8").containsAll(gemmaHits);
    }

    /** The chi-square (1 df) whose upper tail is {@code p}: bisection on the exact log10 tail. */
    private static double chiSquare(double p) {
        double target = Math.log10(p);
        double lo = 0;
        double hi = 60;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (PValues.log10TwoSidedZ(mid) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo * lo;
    }

    private static double log10p(double chi2) {
        return -PValues.log10TwoSidedZ(Math.sqrt(chi2));
    }

    private static double number(String text, String label) {
        int at = text.indexOf(label);
        assertThat(at).as(label).isGreaterThanOrEqualTo(0);
        return Double.parseDouble(text.substring(at + label.length()).split("\\s+")[0]);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }

    private static InputStream resource(String name) {
        InputStream in = LocoVsBoltTest.class.getResourceAsStream(name);
        assertThat(in).as(name).isNotNull();
        return in;
    }
}
