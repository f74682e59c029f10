package org.genosynth.spike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFFileReader;
import org.genosynth.assoc.GwasRequest;
import org.genosynth.assoc.Model;
import org.genosynth.assoc.glm.GlmGwas;
import org.genosynth.io.InputException;
import org.genosynth.io.ReadOptions;
import org.genosynth.reads.TestCohorts;
import org.genosynth.seq.SyntheticReference;
import org.genosynth.testing.PeerTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case/control spike-in on a 1,000-sample cohort (500 cases, 500 controls, 200 background SNVs): the spiked VCF,
 * read back by htsjdk, has exactly the designed carrier counts in cases and controls, zygosity and phase as asked;
 * bcftools reads it and its index; and the logistic GWAS ({@code genosynth gwas --model logistic}) finds the designed
 * associations and not the null spike.
 */
class SpikeDesignTest {
    @TempDir
    Path dir;

    @Test
    void carrierCountsFollowTheDesignAndGwasFindsThem() throws IOException {
        SyntheticReference.Genome g = SyntheticReference.generate(1, 200_000, 0.41, 3);
        Path cohort = dir.resolve("cohort.vcf");
        TestCohorts.cohort(cohort, "chr1", g.sequences().get(0), 1000, 200, 4);
        StringBuilder pheno = new StringBuilder("FID\tIID\tcase\n");
        List<String> ids = TestCohorts.ids(1000);
        for (int i = 0; i < ids.size(); i++) {
            pheno.append(ids.get(i)).append('\t').append(ids.get(i)).append('\t').append(i % 2 == 0 ? 1 : 0)
                    .append('\n');
        }
        Files.writeString(dir.resolve("pheno.tsv"), pheno);
        Path spikes = dir.resolve("spikes.vcf");
        byte[] s = g.sequences().get(0);
        Files.writeString(spikes, "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
                + "1\t20001\tfreq\t" + (char) s[20000] + "\t" + alt(s[20000]) + "\t.\t.\t.\n"
                + "1\t40001\tor4\t" + (char) s[40000] + "\t" + alt(s[40000]) + "\t.\t.\t.\n"
                + "1\t60001\tnull\t" + (char) s[60000] + "\t" + alt(s[60000]) + "\t.\t.\t.\n"
                + "1\t80001\tsvdel\t" + (char) s[80000] + "\t<DEL>\t.\t.\tSVTYPE=DEL;END=80500\n"
                + "1\t100001\tlisted\t" + (char) s[100000] + "\t" + alt(s[100000]) + "\t.\t.\t.\n");
        Files.writeString(dir.resolve("design.yaml"), """
                seed: 9
                phenotype: {file: pheno.tsv, column: case}
                variants:
                  freq: {cases: 0.30, controls: 0.05}
                  or4: {odds_ratio: 4, controls: 0.10, zygosity: 0.2}
                  null: {cases: 40, controls: 40}
                  svdel: {cases: 0.2, controls: 0.02, zygosity: hom}
                  listed: {samples: [S0003, S0010, S0999], phase: 2}
                """);
        SpikeResult r = Spiker.run(new SpikeRequest(cohort, spikes, dir.resolve("design.yaml"),
                dir.resolve("sp").toString(), Map.of(), null));
        assertThat(r.notes()).anyMatch(n -> n.contains("spike contig 1 written as chr1"));
        // designed counts: round(f x 500); odds ratio 4 at 10% controls -> case frequency 0.4/1.3 = 0.3077 -> 154
        Map<String, int[]> expected = Map.of("freq", new int[] {150, 25}, "or4", new int[] {154, 50},
                "null", new int[] {40, 40}, "svdel", new int[] {100, 10});
        Map<String, int[]> counted = new HashMap<>();
        Map<String, int[]> zyg = new HashMap<>();
        try (VCFFileReader vr = new VCFFileReader(dir.resolve("sp.vcf.gz"), true)) {
            int records = 0;
            for (VariantContext vc : vr) {
                records++;
                if (!vc.hasAttribute("SPIKE")) {
                    continue;
                }
                int[] c = counted.computeIfAbsent(vc.getID(), k -> new int[2]);
                int[] z = zyg.computeIfAbsent(vc.getID(), k -> new int[3]);
                for (int i = 0; i < ids.size(); i++) {
                    Genotype gt = vc.getGenotype(ids.get(i));
                    if (gt.isHomRef()) {
                        continue;
                    }
                    c[i % 2 == 0 ? 0 : 1]++;
                    z[gt.isHomVar() ? 2 : gt.getAllele(0).isReference() ? 1 : 0]++;
                }
            }
            assertThat(records).isEqualTo(200 + 5);
            VariantContext del = vr.query("chr1", 80001, 80001).next();
            assertThat(del.getStructuralVariantType().name()).isEqualTo("DEL");
            assertThat(del.getEnd()).isEqualTo(80500);
        }
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            assertThat(counted.get(e.getKey())).as(e.getKey()).containsExactly(e.getValue());
        }
        assertThat(zyg.get("svdel")[2]).isEqualTo(110);
        assertThat(zyg.get("or4")[2]).isEqualTo(Math.round(0.2 * 204));
        assertThat(zyg.get("listed")).containsExactly(0, 3, 0); // all 0|1
        assertThat(Files.readAllLines(dir.resolve("sp.carriers.tsv"))).hasSize(1 + 175 + 204 + 80 + 110 + 3);
        // bcftools reads the output and its index
        String n = PeerTool.run(dir, "bash", "-c", "bcftools view -H -r chr1:1-200000 sp.vcf.gz | wc -l");
        assertThat(n.strip()).isEqualTo("205");

        // logistic GWAS on the spiked cohort
        GlmGwas.run(new GwasRequest(dir.resolve("sp.vcf.gz"), ReadOptions.defaults(), dir.resolve("pheno.tsv"),
                "case", null, null, Model.LOGISTIC, dir.resolve("gw").toString(), 2));
        Map<String, Double> p = new HashMap<>();
        PeerTool.Table t = PeerTool.readTable(dir.resolve("gw.gwas.tsv"));
        for (String[] row : t.rows()) {
            p.put(row[t.column("ID")], Double.parseDouble(row[t.column("P")]));
        }
        // carriers all heterozygous (freq) or all homozygous (svdel): the logistic Wald test is the 2x2 table's,
        // log OR = ln(ad/bc), SE = sqrt(1/a + 1/b + 1/c + 1/d)
        assertThat(p.get("freq")).isCloseTo(waldP(150, 350, 25, 475), org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(p.get("svdel")).isCloseTo(waldP(100, 400, 10, 490), org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(p.get("freq")).isLessThan(1e-19);
        assertThat(p.get("or4")).isLessThan(1e-12);
        assertThat(p.get("null")).isGreaterThan(0.99);
        long background = p.entrySet().stream().filter(e -> e.getKey().startsWith("bg") && e.getValue() < 1e-6)
                .count();
        assertThat(background).isZero();
    }

    /** Two-sided Wald p of a 2x2 table (carriers/non-carriers in cases a, b and controls c, d). */
    private static double waldP(int a, int b, int c, int d) {
        double z = Math.log((double) a * d / ((double) b * c)) / Math.sqrt(1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d);
        return 2 * new org.hipparchus.distribution.continuous.NormalDistribution(0, 1).cumulativeProbability(-z);
    }

    private static char alt(byte ref) {
        return ref == 'A' ? 'G' : 'A';
    }

    @Test
    void badDesignsAreUserErrors() throws IOException {
        Path cohort = dir.resolve("c.vcf");
        TestCohorts.cohort(cohort, "chr1", SyntheticReference.generate(1, 20_000, 0.41, 1).sequences().get(0), 10, 5,
                1);
        Path spikes = dir.resolve("s.vcf");
        Files.writeString(spikes, "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr1\t5000\tv1\tA\tG\t.\t.\t.\n");
        Path design = dir.resolve("d.yaml");
        Files.writeString(design, "variants:\n  v1: {cases: 0.2}\n");
        assertThatThrownBy(() -> Spiker.run(new SpikeRequest(cohort, spikes, design, dir.resolve("o").toString(),
                Map.of(), null))).isInstanceOf(InputException.class).hasMessageContaining("phenotype");
        Files.writeString(design, "variants:\n  v1: {samples: [NOPE]}\n");
        assertThatThrownBy(() -> Spiker.run(new SpikeRequest(cohort, spikes, design, dir.resolve("o").toString(),
                Map.of(), null))).isInstanceOf(InputException.class).hasMessageContaining("NOPE");
        Files.writeString(design, "variants:\n  v1: {carriers: 11}\n");
        assertThatThrownBy(() -> Spiker.run(new SpikeRequest(cohort, spikes, design, dir.resolve("o").toString(),
                Map.of(), null))).isInstanceOf(InputException.class).hasMessageContaining("only 10");
        Files.writeString(design, "variants:\n  v1: {carriers: 2, colour: red}\n");
        assertThatThrownBy(() -> Spiker.run(new SpikeRequest(cohort, spikes, design, dir.resolve("o").toString(),
                Map.of(), null))).isInstanceOf(InputException.class).hasMessageContaining("colour");
        Files.writeString(design, "variants: [\n");
        assertThatThrownBy(() -> Spiker.run(new SpikeRequest(cohort, spikes, design, dir.resolve("o").toString(),
                Map.of(), null))).isInstanceOf(InputException.class).hasMessageContaining("YAML");
        Files.writeString(spikes, "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr1\t5000\tv1\tA\t<BND>\t.\t.\t.\n");
        Files.writeString(design, "default: {carriers: 2}\n");
        assertThatThrownBy(() -> Spiker.run(new SpikeRequest(cohort, spikes, design, dir.resolve("o").toString(),
                Map.of(), null))).isInstanceOf(InputException.class).hasMessageContaining("s.vcf:2");
        assertThat(Files.list(dir).map(x -> x.getFileName().toString()).filter(x -> x.startsWith("o")).toList())
                .isEmpty();
    }
}
