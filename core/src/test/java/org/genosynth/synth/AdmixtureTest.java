package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.SharedData;
import org.hipparchus.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admixed genomes (--admixed) on two populations with real LD and very different allele frequencies: the 300 phased
 * 1000 Genomes people (every third variant of the region), the second 150 of them with the alleles of their
 * haplotypes exchanged at every other variant (population B). Checked against the local-ancestry truth the run writes:
 * it covers every variant of every admixed haplotype; the ancestry shares and switch rate are those of the pulse
 * model; the alleles inside each ancestry's tracts follow that population's frequencies, as closely as the
 * non-admixed genomes drawn from the same model follow them; the same bytes at 1 and 2 threads.
 */
class AdmixtureTest {
    @TempDir
    static Path dir;
    static Path cohort;
    static Path labels;
    /** Per variant of the cohort: position, ALT frequency in A and in B. */
    static long[] positions;
    static double[] freqA;
    static double[] freqB;
    static final int HALF = 150;

    @BeforeAll
    static void twoPopulations() throws IOException {
        cohort = dir.resolve("two.vcf.gz");
        labels = dir.resolve("pops.tsv");
        List<Long> pos = new ArrayList<>();
        List<double[]> freqs = new ArrayList<>();
        List<String> ids = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
                SharedData.path("human_1kg_chr20/phased300.vcf.gz"))), StandardCharsets.UTF_8));
             Writer out = new java.io.OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(cohort)),
                     StandardCharsets.UTF_8)) {
            int v = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("##")) {
                    out.write(line + "\n");
                    continue;
                }
                String[] f = line.split("\t");
                if (line.startsWith("#")) {
                    ids = List.of(f).subList(9, f.length);
                    out.write(line + "\n");
                    continue;
                }
                if (v++ % 3 != 0) {
                    continue;
                }
                boolean flip = pos.size() % 2 == 1;
                double[] alt = new double[2];
                for (int i = 9; i < f.length; i++) {
                    boolean b = i - 9 >= HALF;
                    if (b && flip) {
                        f[i] = f[i].replace('0', 'x').replace('1', '0').replace('x', '1');
                    }
                    alt[b ? 1 : 0] += (f[i].charAt(0) - '0') + (f[i].charAt(2) - '0');
                }
                pos.add(Long.parseLong(f[1]));
                freqs.add(new double[] {alt[0] / (2.0 * HALF), alt[1] / (2.0 * HALF)});
                out.write(String.join("\t", f) + "\n");
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            sb.append(ids.get(i)).append('\t').append(i < HALF ? "A" : "B").append('\n');
        }
        Files.writeString(labels, sb.toString());
        positions = pos.stream().mapToLong(Long::longValue).toArray();
        freqA = freqs.stream().mapToDouble(x -> x[0]).toArray();
        freqB = freqs.stream().mapToDouble(x -> x[1]).toArray();
    }

    private static SynthRequest request(String out, int threads, double generations) {
        return request(out, threads, generations, Double.NaN);
    }

    private static SynthRequest request(String out, int threads, double generations, double alpha) {
        return request(out, threads, generations, alpha, SynthRequest.Method.HMM);
    }

    private static SynthRequest request(String out, int threads, double generations, double alpha,
            SynthRequest.Method method) {
        LinkedHashMap<String, Double> weights = new LinkedHashMap<>();
        weights.put("A", 7.0);
        weights.put("B", 3.0);
        SynthRequest.Admixed admixed = new SynthRequest.Admixed(List.of(new SynthRequest.Admixed.Group("MIX", 150,
                weights)), generations, alpha);
        return new SynthRequest(cohort, null, null, List.of(), labels, 0, 100, null, method, 5,
                dir.resolve(out).toString(), GenotypeFormat.VCF, method == SynthRequest.Method.MOSAIC
                        ? new SynthRequest.Mosaic(0.5, 100, 10, 0.0, Double.NaN, false, 1.0, Double.NaN,
                                SynthRequest.DonorPool.POPULATION) : null, null, 0, threads, false,
                new SynthRequest.Hmm(8, 4, false), true, admixed);
    }

    @Test
    void admixedGenomesFollowTheirLocalAncestryTruthAndThePulseModel() throws IOException {
        double generations = 30;
        SynthResult r = Synthesizer.run(request("t1", 1, generations));
        Synthesizer.run(request("t2", 2, generations));
        for (String ext : List.of(".vcf.gz", ".populations.tsv", ".ancestry.tsv")) {
            assertThat(Files.mismatch(dir.resolve("t1" + ext), dir.resolve("t2" + ext))).as(ext).isEqualTo(-1L);
        }
        assertThat(r.counts()).containsEntry("A", 50).containsEntry("B", 50).containsEntry("MIX", 150);
        double[] error = checkAgainstTruth("t1");
        // the model's own shrinkage towards the pooled frequencies is in both admixed and pure genomes
        assertThat(error[0]).isLessThan(error[2] + 0.02);
        assertThat(error[1]).isLessThan(error[3] + 0.02);
        assertThat(Files.readString(dir.resolve("t1.manifest.json"))).contains("haplotype-cluster HMM (nothing copied)");
    }

    @Test
    void withPhasedInputAndTheMosaicTheAdmixedGenomesAreHaplotypeMosaicsOfTheirSources() throws IOException {
        // the mosaic at a given segment length (no inner privacy measurement), phased output; the admixed genomes
        // copy real haplotypes of the tract's population, so their alleles follow its frequencies closely
        Synthesizer.run(request("m1", 2, 30, Double.NaN, SynthRequest.Method.MOSAIC));
        double[] error = checkAgainstTruth("m1");
        assertThat(error[0]).isLessThan(0.05);
        assertThat(error[1]).isLessThan(0.05);
        assertThat(Files.readString(dir.resolve("m1.manifest.json"))).contains("a haplotype mosaic of the source "
                + "population's real haplotypes").doesNotContain("admixture_hmm");
    }

    /**
     * Checks a run's outputs against its truth (coverage, pulse model, alleles by tract ancestry) and returns the mean
     * absolute differences from the real frequencies at informative variants: A tracts, B tracts, pure A genomes,
     * pure B genomes.
     */
    private static double[] checkAgainstTruth(String name) throws IOException {
        // the synthetic haplotypes (phased output), by sample ID
        Map<String, byte[][]> haplotypes = readHaplotypes(dir.resolve(name + ".vcf.gz"));
        Map<String, String> population = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve(name + ".populations.tsv"))) {
            if (!line.startsWith("#")) {
                String[] f = line.split("\t");
                population.put(f[1], f[2]);
            }
        }
        int m = positions.length;
        // the truth: every admixed haplotype covered once, tract by tract
        Map<String, int[]> covered = new HashMap<>();
        double[][] tractAlt = new double[2][m];
        double[][] tractCount = new double[2][m];
        double cmA = 0;
        double cmAll = 0;
        int tracts = 0;
        List<String> lines = Files.readAllLines(dir.resolve(name + ".ancestry.tsv"));
        assertThat(lines.get(0)).isEqualTo("#IID\tHAPLOTYPE\tCHROM\tSTART_POS\tEND_POS\tSTART_CM\tEND_CM\tANCESTRY"
                + "\tVARIANTS");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            assertThat(population.get(f[0])).isEqualTo("MIX");
            int h = Integer.parseInt(f[1]) - 1;
            int a = java.util.Arrays.binarySearch(positions, Long.parseLong(f[3]));
            int b = java.util.Arrays.binarySearch(positions, Long.parseLong(f[4]));
            assertThat(b - a + 1).isEqualTo(Integer.parseInt(f[8]));
            int[] next = covered.computeIfAbsent(f[0] + "/" + h, k -> new int[1]);
            assertThat(a).as("tracts follow each other").isEqualTo(next[0]);
            next[0] = b + 1;
            int anc = f[7].equals("A") ? 0 : 1;
            byte[] hap = haplotypes.get(f[0])[h];
            for (int v = a; v <= b; v++) {
                tractAlt[anc][v] += hap[v];
                tractCount[anc][v]++;
            }
            double cm = Double.parseDouble(f[6]) - Double.parseDouble(f[5]);
            cmAll += cm;
            cmA += anc == 0 ? cm : 0;
            tracts++;
        }
        assertThat(covered).hasSize(300);
        assertThat(covered.values()).allSatisfy(end -> assertThat(end[0]).isEqualTo(m));
        // ancestry shares: 0.7 in expectation; 300 haplotypes of about 6.6 cM, tracts of mean 100 / (30 x 0.3) cM
        // for A: the share's sampling SD is about 0.025
        assertThat(cmA / cmAll).isCloseTo(0.7, within(0.08));
        // visible switches: 30 x (1 - 0.7^2 - 0.3^2) = 12.6 per Morgan, about 250 over 300 haplotypes (Poisson SD 16)
        double switchesPerMorgan = (tracts - 300) / (cmAll / 100);
        assertThat(switchesPerMorgan).isCloseTo(12.6, within(12.6 * 0.25));

        // the alleles inside each ancestry's tracts follow that population's frequencies, at the informative
        // variants (|fA - fB| > 0.3), as closely as the non-admixed synthetic A and B genomes do
        double[][] pure = pureFrequencies(haplotypes, population, m);
        List<double[]> rows = new ArrayList<>();
        for (int v = 0; v < m; v++) {
            if (Math.abs(freqA[v] - freqB[v]) > 0.3 && tractCount[0][v] >= 30 && tractCount[1][v] >= 30) {
                rows.add(new double[] {tractAlt[0][v] / tractCount[0][v], tractAlt[1][v] / tractCount[1][v],
                        freqA[v], freqB[v], pure[0][v], pure[1][v]});
            }
        }
        assertThat(rows.size()).isGreaterThan(1000);
        double[][] cols = new double[6][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < 6; c++) {
                cols[c][i] = rows.get(i)[c];
            }
        }
        PearsonsCorrelation pc = new PearsonsCorrelation();
        assertThat(pc.correlation(cols[0], cols[2])).isGreaterThan(0.9);
        assertThat(pc.correlation(cols[1], cols[3])).isGreaterThan(0.9);
        assertThat(pc.correlation(cols[0], cols[3])).isLessThan(0);
        String manifest = Files.readString(dir.resolve(name + ".manifest.json"));
        assertThat(manifest).contains("\"admixture\"").contains("\"expected_switches_per_morgan\": 12.6")
                .contains(name + ".ancestry.tsv");
        return new double[] {meanAbsDiff(cols[0], cols[2]), meanAbsDiff(cols[1], cols[3]),
            meanAbsDiff(cols[4], cols[2]), meanAbsDiff(cols[5], cols[3])};
    }

    @Test
    void withAlphaEveryGenomeHasItsOwnWeights() throws IOException {
        // 200 generations: about 8 switches per haplotype over the 6.6 cM, so a genome's share of A is measured with
        // an SD of about 0.1 from its tracts alone; Dirichlet(2 x (0.7, 0.3)) adds sqrt(0.21 / 3) = 0.26 between
        // genomes
        Synthesizer.run(request("fixed", 2, 200, Double.NaN));
        Synthesizer.run(request("own", 2, 200, 2));
        double[] fixed = genomeShares(dir.resolve("fixed.ancestry.tsv"));
        double[] own = genomeShares(dir.resolve("own.ancestry.tsv"));
        assertThat(fixed[0]).isCloseTo(0.7, within(0.05));
        assertThat(own[0]).isCloseTo(0.7, within(0.06));
        assertThat(fixed[1]).isLessThan(0.15);
        assertThat(own[1]).isGreaterThan(2 * fixed[1]).isCloseTo(Math.hypot(0.26, fixed[1]), within(0.06));
        assertThat(Files.readString(dir.resolve("own.manifest.json"))).contains("\"measured_genome_share_sd\"")
                .contains("Dirichlet(2.0 x the group's weights) per genome");
    }

    /** The mean and SD over admixed genomes of each genome's share of ancestry A (by cM), from a truth file. */
    private static double[] genomeShares(Path truth) throws IOException {
        Map<String, double[]> cm = new LinkedHashMap<>();
        for (String line : Files.readAllLines(truth)) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            double length = Double.parseDouble(f[6]) - Double.parseDouble(f[5]);
            double[] acc = cm.computeIfAbsent(f[0], k -> new double[2]);
            acc[0] += f[7].equals("A") ? length : 0;
            acc[1] += length;
        }
        double[] share = cm.values().stream().mapToDouble(a -> a[0] / a[1]).toArray();
        double mean = java.util.Arrays.stream(share).average().orElseThrow();
        double var = java.util.Arrays.stream(share).map(x -> (x - mean) * (x - mean)).sum() / (share.length - 1);
        return new double[] {mean, Math.sqrt(var)};
    }

    @Test
    void unknownSourcesAndMissingPopulationsAreRefused() {
        LinkedHashMap<String, Double> weights = new LinkedHashMap<>();
        weights.put("A", 1.0);
        weights.put("C", 1.0);
        SynthRequest.Admixed admixed = new SynthRequest.Admixed(List.of(new SynthRequest.Admixed.Group("MIX", 10,
                weights)), 8);
        SynthRequest bad = new SynthRequest(cohort, null, null, List.of(), labels, 0, 10, null,
                SynthRequest.Method.HMM, 5, dir.resolve("bad").toString(), GenotypeFormat.VCF, null, null, 0, 1, false,
                null, true, admixed);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Synthesizer.run(bad))
                .isInstanceOf(org.genosynth.io.InputException.class).hasMessageContaining("no population 'C'");
        assertThat(Files.exists(dir.resolve("bad.vcf.gz"))).isFalse();
    }

    /** ALT frequency of the non-admixed synthetic A and B genomes' haplotypes, per variant. */
    private static double[][] pureFrequencies(Map<String, byte[][]> haplotypes, Map<String, String> population,
            int m) {
        double[][] sum = new double[2][m];
        int[] n = new int[2];
        for (Map.Entry<String, byte[][]> e : haplotypes.entrySet()) {
            String p = population.get(e.getKey());
            if (p.equals("MIX")) {
                continue;
            }
            int k = p.equals("A") ? 0 : 1;
            n[k] += 2;
            for (byte[] hap : e.getValue()) {
                for (int v = 0; v < m; v++) {
                    sum[k][v] += hap[v];
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            for (int v = 0; v < m; v++) {
                sum[k][v] /= n[k];
            }
        }
        return sum;
    }

    private static double meanAbsDiff(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / a.length;
    }

    /** The two haplotypes of every sample of a phased VCF ("a|b" genotypes), alleles 0/1 per variant. */
    private static Map<String, byte[][]> readHaplotypes(Path vcf) throws IOException {
        Map<String, byte[][]> out = new LinkedHashMap<>();
        List<String> ids = null;
        int v = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
                vcf)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("##")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (line.startsWith("#")) {
                    ids = List.of(f).subList(9, f.length);
                    for (String id : ids) {
                        out.put(id, new byte[2][positions.length]);
                    }
                    continue;
                }
                assertThat(Long.parseLong(f[1])).isEqualTo(positions[v]);
                for (int i = 9; i < f.length; i++) {
                    assertThat(f[i].charAt(1)).as("phased output").isEqualTo('|');
                    byte[][] h = out.get(ids.get(i - 9));
                    h[0][v] = (byte) (f[i].charAt(0) - '0');
                    h[1][v] = (byte) (f[i].charAt(2) - '0');
                }
                v++;
            }
        }
        assertThat(v).isEqualTo(positions.length);
        return out;
    }
}
