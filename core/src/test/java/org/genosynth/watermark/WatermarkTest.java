package org.genosynth.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.genosynth.assoc.GwasRequest;
import org.genosynth.assoc.Model;
import org.genosynth.assoc.glm.GlmGwas;
import org.genosynth.io.GenotypeFiles;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.WriteOptions;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;
import org.genosynth.testing.PeerTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watermark SNPs on a 30,000-sample synthetic cohort (300 Hardy-Weinberg background SNPs, a balanced binary phenotype):
 * SynGen6's 20 SNPs (eps 0.3, z0 0.49) reach p &lt; 1e-30 in the logistic GWAS of genosynth and of plink2, verify
 * accepts both honest results and flags a file with a few p-values altered; keyed SNPs follow from the key alone.
 */
class WatermarkTest {
    private static final int N = 30_000;

    @TempDir
    static Path dir;
    private static Path cohort;
    private static Path pheno;

    @BeforeAll
    static void cohort() throws IOException {
        SplittableRandom rng = new SplittableRandom(5);
        List<Sample> samples = new ArrayList<>();
        StringBuilder ph = new StringBuilder("#FID\tIID\tY\n");
        for (int s = 0; s < N; s++) {
            samples.add(new Sample("S" + s, "S" + s, "0", "0", null, null));
            // balanced: the first half cases, in a random order of samples
        }
        int[] order = new int[N];
        for (int i = 0; i < N; i++) {
            order[i] = i;
        }
        for (int i = N - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] y = new int[N];
        for (int i = 0; i < N / 2; i++) {
            y[order[i]] = 1;
        }
        for (int s = 0; s < N; s++) {
            ph.append("S").append(s).append("\tS").append(s).append('\t').append(y[s] == 1 ? 2 : 1).append('\n');
        }
        pheno = dir.resolve("pheno.tsv");
        Files.writeString(pheno, ph.toString());
        List<Variant> variants = new ArrayList<>();
        for (int c = 1; c <= 3; c++) {
            for (int i = 0; i < 100; i++) {
                variants.add(new Variant(Integer.toString(c), 10_000L + 50_000L * i, "rs" + (c * 1000 + i), "A", "G",
                        Double.NaN));
            }
        }
        int wpv = GenotypeCodes.wordsPerVariant(N);
        long[] words = new long[variants.size() * wpv];
        for (int v = 0; v < variants.size(); v++) {
            double p = 0.05 + 0.45 * rng.nextDouble();
            for (int s = 0; s < N; s++) {
                GenotypeCodes.set(words, v * wpv, s, (rng.nextDouble() < p ? 1 : 0) + (rng.nextDouble() < p ? 1 : 0));
            }
        }
        try (GenotypeWriter w = GenotypeFiles.create(dir.resolve("cohort"), GenotypeFormat.BED,
                SampleSheet.of(samples), WriteOptions.defaults())) {
            w.write(new VariantBlock(0, N, variants, words, null, null));
            w.commit();
        }
        cohort = dir.resolve("cohort");
    }

    private static WatermarkJob.Outcome add(WatermarkJob.Mode mode, byte[] key, String out) {
        return WatermarkJob.add(new WatermarkJob.Request(cohort, null, pheno, "Y", mode, 20, 0.3, 0.49, 1e-12, key, 11,
                null, dir.resolve(out).toString()));
    }

    private static Path gwas(String out) {
        GlmGwas.run(new GwasRequest(dir.resolve(out), null, pheno, "Y", null, List.of(), Model.LOGISTIC,
                dir.resolve(out + ".glm").toString(), 2));
        return dir.resolve(out + ".glm.gwas.tsv");
    }

    @Test
    void syngen6WatermarkSnpsAreHighlySignificantAndVerified() throws IOException {
        WatermarkJob.Outcome o = add(WatermarkJob.Mode.SYNGEN6, null, "sg6");
        assertThat(o.ids()).hasSize(20).doesNotHaveDuplicates();
        GenotypeMatrix g = GenotypeLoader.load(dir.resolve("sg6"), null, null);
        assertThat(g.variantCount()).isEqualTo(320);
        Path table = gwas("sg6");
        Map<String, Double> log10p = log10p(table);
        for (String id : o.ids()) {
            assertThat(log10p.get(id)).as(id).isLessThan(-30);
        }
        System.out.printf("SynGen6 watermark: 20 SNPs, log10 p from %.1f to %.1f%n",
                o.ids().stream().mapToDouble(log10p::get).min().orElseThrow(),
                o.ids().stream().mapToDouble(log10p::get).max().orElseThrow());
        Path truth = dir.resolve("sg6.watermark.tsv");
        WatermarkVerifier.Report honest = WatermarkVerifier.verify(truth, table, 1e-4);
        assertThat(honest.verified()).as(honest.render()).isTrue();

        // tampered: three watermark SNPs' p-values changed by a factor 10
        List<String> lines = Files.readAllLines(table);
        List<String> tampered = new ArrayList<>();
        int altered = 0;
        for (String line : lines) {
            String[] f = line.split("\t");
            if (altered < 3 && o.ids().contains(f[2])) {
                String p = f[10];
                int e = p.indexOf('e');
                f[10] = p.substring(0, e) + "e" + (Integer.parseInt(p.substring(e + 1)) + 1);
                altered++;
                line = String.join("\t", f);
            }
            tampered.add(line);
        }
        Path bad = dir.resolve("tampered.gwas.tsv");
        Files.write(bad, tampered);
        WatermarkVerifier.Report report = WatermarkVerifier.verify(truth, bad, 1e-4);
        System.out.print(report.render());
        assertThat(report.verified()).isFalse();
        assertThat(report.failures()).isEqualTo(3);

        // a result without the watermark SNPs (e.g. computed on the original cohort) fails too
        Path without = dir.resolve("without.gwas.tsv");
        Files.write(without, lines.stream().filter(l -> o.ids().stream().noneMatch(id -> l.contains("\t" + id + "\t")))
                .toList());
        assertThat(WatermarkVerifier.verify(truth, without, 1e-4).failures()).isEqualTo(20);

        // plink2's logistic regression on the same file is verified as well
        PeerTool.run(dir, "plink2", "--bfile", "sg6", "--pheno", "pheno.tsv", "--glm", "allow-no-covars",
                "--out", "sg6.plink2", "--threads", "2");
        Path plink = dir.resolve("sg6.plink2.Y.glm.logistic.hybrid");
        WatermarkVerifier.Report peer = WatermarkVerifier.verify(truth, plink, 1e-4);
        System.out.printf("plink2: log10 p of the watermark SNPs within %.4f of genosynth's%n", peer.checks()
                .stream().mapToDouble(ch -> Math.abs(ch.reportedLog10p() - ch.expectedLog10p())).max().orElseThrow());
        assertThat(peer.verified()).as(peer.render()).isTrue();
        Map<String, Double> plinkP = log10p(plink);
        for (String id : o.ids()) {
            assertThat(plinkP.get(id)).as(id).isLessThan(-30);
        }
    }

    @Test
    void keyedWatermarkFollowsFromTheKey() throws IOException {
        byte[] key = "correct horse battery staple 42".getBytes(StandardCharsets.UTF_8);
        WatermarkJob.Outcome a = add(WatermarkJob.Mode.KEYED, key, "keyed");
        WatermarkJob.Outcome b = add(WatermarkJob.Mode.KEYED, key, "keyed2");
        WatermarkJob.Outcome c = add(WatermarkJob.Mode.KEYED,
                "another secret key of 32 bytes!!".getBytes(StandardCharsets.UTF_8), "keyed3");
        assertThat(b.ids()).isEqualTo(a.ids());
        assertThat(Files.readAllBytes(dir.resolve("keyed2.bed"))).isEqualTo(Files.readAllBytes(dir.resolve("keyed.bed")));
        assertThat(c.ids()).doesNotContainAnyElementsOf(a.ids());
        // the IDs look like the cohort's (rs numbers) and the SNPs sit between the cohort's positions
        assertThat(a.ids()).allSatisfy(id -> assertThat(id).matches("rs\\d+"));
        Path table = gwas("keyed");
        Map<String, Double> log10p = log10p(table);
        for (String id : a.ids()) {
            // tuned to p = 1e-12 by the trend test; the logistic Wald p is close to it
            assertThat(log10p.get(id)).as(id).isBetween(-13.5, -10.5);
        }
        WatermarkVerifier.Report report = WatermarkVerifier.verify(dir.resolve("keyed.watermark.tsv"), table, 1e-4);
        assertThat(report.verified()).as(report.render()).isTrue();
        // Hardy-Weinberg genotype counts: heterozygote share within 0.01 of 2p(1-p)
        GenotypeMatrix g = GenotypeLoader.load(dir.resolve("keyed"), null, null);
        for (int v = 0; v < g.variantCount(); v++) {
            if (a.ids().contains(g.variants().get(v).id())) {
                int[] counts = GenotypeCodes.counts(g.words(), g.offset(v), g.sampleCount());
                double p = (counts[1] + 2.0 * counts[2]) / (2.0 * N);
                assertThat(counts[1] / (double) N).isCloseTo(2 * p * (1 - p), org.assertj.core.data.Offset.offset(0.01));
            }
        }
    }

    /** log10 P by ID from a genosynth or plink2 table (exponent parsed as text: values below 1e-308 survive). */
    private static Map<String, Double> log10p(Path table) {
        PeerTool.Table t = PeerTool.readTable(table);
        int id = t.column("ID");
        int p = t.column("P");
        Map<String, Double> out = new HashMap<>();
        for (String[] r : t.rows()) {
            out.put(r[id], GwasTable.log10(r[p]));
        }
        return out;
    }
}
