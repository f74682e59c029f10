package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.genosynth.assoc.kinship.KingKinship;
import org.genosynth.assoc.kinship.SamplePlanes;
import org.genosynth.exec.LocalBackend;
import org.genosynth.io.GenotypeFiles;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.WriteOptions;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.VariantBlock;
import org.genosynth.testing.MouseData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Haplotype-level mosaics: the real mouse_hs1940 genotypes with every het phased at random (seed 11), written as a
 * phased VCF by the project's writer, synthesized without noise (so every output haplotype is made of donor
 * haplotype segments) with a 10 cM mean segment and the kinship check on. The output VCF is parsed as text.
 */
class HaplotypeSynthTest {
    private static final double SEGMENT_CM = 10;
    /** Synthetic samples whose haplotypes are checked against the donor haplotypes. */
    private static final int CHECKED = 60;

    @TempDir
    static Path dir;
    static Path phasedVcf;
    static GenotypeMatrix real;
    /** Real haplotypes, [2 s + h][v]: 0, 1, or -1 when missing. */
    static byte[][] realHaps;
    static SynthResult vcfResult;
    static byte[][] synthHaps;

    @BeforeAll
    static void phaseAndSynthesize() throws IOException {
        GenotypeMatrix mouse = GenotypeLoader.load(MouseData.plainFileset(dir, "mouse"), ReadOptions.defaults(),
                null);
        int n = mouse.sampleCount();
        int wpv = mouse.wordsPerVariant();
        // the VCF must be sorted: chromosomes in order of first appearance, then position
        List<String> chroms = new ArrayList<>();
        mouse.variants().forEach(x -> {
            if (!chroms.contains(x.chrom())) {
                chroms.add(x.chrom());
            }
        });
        // variants without a known position are left out
        Integer[] order = java.util.stream.IntStream.range(0, mouse.variantCount())
                .filter(i -> mouse.variants().get(i).hasPosition()).boxed().toArray(Integer[]::new);
        int m = order.length;
        Arrays.sort(order, java.util.Comparator.comparingInt((Integer i) -> chroms.indexOf(mouse.variants().get(i).chrom()))
                .thenComparingLong(i -> mouse.variants().get(i).position()));
        realHaps = new byte[2 * n][m];
        SplittableRandom r = new SplittableRandom(11);
        phasedVcf = dir.resolve("phased.vcf.gz");
        try (GenotypeWriter w = GenotypeFiles.create(phasedVcf, GenotypeFormat.VCF, mouse.samples(),
                WriteOptions.defaults())) {
            for (int v0 = 0; v0 < m; v0 += 1024) {
                int v1 = Math.min(m, v0 + 1024);
                long[][] phase = new long[v1 - v0][(n + 63) >>> 6];
                long[] words = new long[(v1 - v0) * wpv];
                List<org.genosynth.model.Variant> variants = new ArrayList<>();
                for (int v = v0; v < v1; v++) {
                    int src = order[v];
                    variants.add(mouse.variants().get(src));
                    System.arraycopy(mouse.words(), src * wpv, words, (v - v0) * wpv, wpv);
                    for (int s = 0; s < n; s++) {
                        int c = mouse.code(src, s);
                        boolean altFirst = c == GenotypeCodes.HET && r.nextBoolean();
                        if (altFirst) {
                            phase[v - v0][s >>> 6] |= 1L << (s & 63);
                        }
                        byte a = (byte) (c == 3 ? -1 : c == 2 || altFirst ? 1 : 0);
                        byte b = (byte) (c == 3 ? -1 : c == 2 || c == 1 && !altFirst ? 1 : 0);
                        realHaps[2 * s][v] = a;
                        realHaps[2 * s + 1][v] = b;
                    }
                }
                w.write(new VariantBlock(v0, n, variants, words, null, phase));
            }
            w.commit();
        }
        real = GenotypeLoader.load(phasedVcf, ReadOptions.defaults(), null);
        vcfResult = Synthesizer.run(request("hap2", GenotypeFormat.VCF, 2));
        assertThat(real.variantCount()).isEqualTo(m);
        synthHaps = parseHaplotypes(dir.resolve("hap2.vcf.gz"), m);
    }

    static SynthRequest request(String out, GenotypeFormat format, int threads) {
        return new SynthRequest(phasedVcf, null, null, null, null, 0, 0, null, SynthRequest.Method.MOSAIC, 5,
                dir.resolve(out).toString(), format, new SynthRequest.Mosaic(SEGMENT_CM, 100, 10, 0.0, 0.0884, false, 1.0,
                1e-3), null, 0, threads);
    }

    /** Haplotypes of every output sample, [2 s + h][v], from the VCF text; asserts every called GT is phased. */
    static byte[][] parseHaplotypes(Path vcf, int m) throws IOException {
        List<byte[]> haps = null;
        int v = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new htsjdk.samtools.util.BlockCompressedInputStream(vcf.toFile()), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                assertThat(f[8]).startsWith("GT");
                if (haps == null) {
                    haps = new ArrayList<>();
                    for (int i = 0; i < 2 * (f.length - 9); i++) {
                        haps.add(new byte[m]);
                    }
                }
                for (int s = 0; s < f.length - 9; s++) {
                    String gt = f[9 + s].split(":")[0];
                    if (gt.charAt(0) == '.') {
                        haps.get(2 * s)[v] = -1;
                        haps.get(2 * s + 1)[v] = -1;
                        continue;
                    }
                    assertThat(gt).as("variant %d sample %d", v, s).matches("[01]\\|[01]");
                    haps.get(2 * s)[v] = (byte) (gt.charAt(0) - '0');
                    haps.get(2 * s + 1)[v] = (byte) (gt.charAt(2) - '0');
                }
                v++;
            }
        }
        assertThat(v).isEqualTo(m);
        return haps.toArray(new byte[0][]);
    }

    @Test
    void manifestSaysHaplotypeLevelAndTheKinshipCheckHolds() {
        @SuppressWarnings("unchecked")
        Map<String, Object> mosaic = (Map<String, Object>) vcfResult.manifest().get("mosaic");
        assertThat(mosaic.get("level")).isEqualTo("haplotype (phased input)");
        assertThat(mosaic.get("output_phase")).isEqualTo("kept (GT a|b)");
        assertThat(vcfResult.samples()).isEqualTo(real.sampleCount());
        assertThat(vcfResult.maxKinship()).isLessThan(0.0884);
        // the project's KING engine on the output genotypes agrees with the generator's check
        GenotypeMatrix syn = GenotypeLoader.load(dir.resolve("hap2.vcf.gz"), ReadOptions.defaults(), null);
        int k = 200;
        GenotypeMatrix both = concat(syn, k, real);
        KingKinship king = new KingKinship(SamplePlanes.of(both, new LocalBackend(2)));
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < real.sampleCount(); j++) {
                max = Math.max(max, king.pair(i, k + j).kinship());
            }
        }
        assertThat(max).isLessThanOrEqualTo(vcfResult.maxKinship() + 1e-9).isLessThan(0.0884);
    }

    @Test
    void genotypesAreTheSumOfTheHaplotypesAndMatchTheBedOutputOfTheSameSeed() {
        SynthResult bedResult = Synthesizer.run(request("hapbed", GenotypeFormat.BED, 2));
        assertThat(((Map<?, ?>) bedResult.manifest().get("mosaic")).get("output_phase").toString())
                .startsWith("dropped: the bed output cannot hold phase");
        GenotypeMatrix bed = GenotypeLoader.load(dir.resolve("hapbed"), ReadOptions.defaults(), null);
        assertThat(bed.sampleCount() * 2).isEqualTo(synthHaps.length);
        long hets = 0;
        for (int s = 0; s < bed.sampleCount(); s++) {
            for (int v = 0; v < bed.variantCount(); v++) {
                int a = synthHaps[2 * s][v];
                int b = synthHaps[2 * s + 1][v];
                int expected = a < 0 ? GenotypeCodes.MISSING : a + b;
                assertThat(bed.code(v, s)).isEqualTo(expected);
                hets += expected == 1 ? 1 : 0;
            }
        }
        assertThat(hets).isPositive();
    }

    @Test
    void bcftoolsReadsThePhasedGenotypes() {
        String out = org.genosynth.testing.PeerTool.run(dir, "bcftools", "query", "-s",
                "SYN000001,SYN000002,SYN000003,SYN000004,SYN000005", "-f", "[%GT\\t]\\n", "hap2.vcf.gz");
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(real.variantCount());
        for (int v = 0; v < lines.size(); v++) {
            String[] gt = lines.get(v).split("\t");
            for (int s = 0; s < 5; s++) {
                assertThat(gt[s]).isEqualTo(synthHaps[2 * s][v] + "|" + synthHaps[2 * s + 1][v]);
            }
        }
    }

    @Test
    void sameBytesAtOneAndTwoThreads() throws IOException {
        Synthesizer.run(request("hap1", GenotypeFormat.VCF, 1));
        assertThat(Files.mismatch(dir.resolve("hap1.vcf.gz"), dir.resolve("hap2.vcf.gz"))).isEqualTo(-1L);
    }

    @Test
    void alleleFrequenciesArePreserved() {
        GenotypeMatrix syn = GenotypeLoader.load(dir.resolve("hap2.vcf.gz"), ReadOptions.defaults(), null);
        assertThat(MouseSynthTest.correlation(MouseSynthTest.altFreq(real, null), MouseSynthTest.altFreq(syn, null)))
                .isGreaterThanOrEqualTo(0.99);
    }

    /**
     * Each output haplotype is a mosaic of donor haplotypes: the fewest runs that each equal some real haplotype
     * (greedy cover, optimal for intervals) is at most the number of segments the generator draws (expected: one per
     * 10 cM plus one per chromosome); randomly re-phasing the same genotypes needs many more runs.
     */
    @Test
    void eachHaplotypeIsMadeOfDonorHaplotypeSegments() {
        GeneticMap map = GeneticMap.of(real.variants(), 1.0);
        double expected = map.totalLength() / SEGMENT_CM + map.chromosomeCount();
        long[][][] carriers = carriers();
        long runs = 0;
        long scrambledRuns = 0;
        SplittableRandom r = new SplittableRandom(3);
        for (int s = 0; s < CHECKED; s++) {
            byte[] a = synthHaps[2 * s];
            byte[] b = synthHaps[2 * s + 1];
            runs += greedyRuns(a, carriers) + greedyRuns(b, carriers);
            byte[] ra = a.clone();
            byte[] rb = b.clone();
            for (int v = 0; v < a.length; v++) {
                if (a[v] >= 0 && a[v] != b[v] && r.nextBoolean()) {
                    ra[v] = b[v];
                    rb[v] = a[v];
                }
            }
            scrambledRuns += greedyRuns(ra, carriers) + greedyRuns(rb, carriers);
        }
        double perHaplotype = (double) runs / (2 * CHECKED);
        double scrambledPerHaplotype = (double) scrambledRuns / (2 * CHECKED);
        System.out.printf("haplotype runs: %.1f per haplotype (expected segments %.1f), re-phased at random %.1f%n",
                perHaplotype, expected, scrambledPerHaplotype);
        assertThat(perHaplotype).isLessThanOrEqualTo(1.15 * expected);
        assertThat(scrambledPerHaplotype).isGreaterThan(2 * perHaplotype);
    }

    @Test
    void theTwoHaplotypesNeverCopyTheSameDonorAtTheSameVariant() {
        GeneticMap map = GeneticMap.of(real.variants(), 1.0);
        PathSampler sampler = new PathSampler(map, 2, 100, 10);
        int[] pool = Synthesizer.haplotypePools(new int[][] {{3, 8, 15, 16, 23}})[0];
        long checked = 0;
        for (int t = 0; t < 200; t++) {
            GenomePath p = sampler.drawPair(pool, new SplittableRandom(t));
            assertThat(p.haplotypes()).isTrue();
            GenomePath q = p.second();
            for (int v = 0; v < map.variantCount(); v++) {
                int a = p.donors()[p.segmentOf(v)];
                int b = q.donors()[q.segmentOf(v)];
                assertThat(Arrays.binarySearch(pool, a)).isNotNegative();
                assertThat(a >>> 1).as("draw %d variant %d", t, v).isNotEqualTo(b >>> 1);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(200L * map.variantCount());
    }

    /** [v][allele] -> bit set of real haplotypes compatible with that allele (missing is compatible with both). */
    private static long[][][] carriers() {
        int h = realHaps.length;
        int m = real.variantCount();
        int words = (h + 63) >>> 6;
        long[][][] out = new long[m][2][words];
        for (int v = 0; v < m; v++) {
            for (int i = 0; i < h; i++) {
                int allele = realHaps[i][v];
                for (int x = 0; x < 2; x++) {
                    if (allele < 0 || allele == x) {
                        out[v][x][i >>> 6] |= 1L << (i & 63);
                    }
                }
            }
        }
        return out;
    }

    /** Fewest runs of consecutive variants each equal to one real haplotype (missing calls skipped). */
    private static int greedyRuns(byte[] hap, long[][][] carriers) {
        int words = carriers[0][0].length;
        long[] alive = new long[words];
        int runs = 0;
        boolean open = false;
        for (int v = 0; v < hap.length; v++) {
            if (hap[v] < 0) {
                continue;
            }
            long[] c = carriers[v][hap[v]];
            long any = 0;
            for (int w = 0; w < words; w++) {
                any |= alive[w] & c[w];
            }
            if (!open || any == 0) {
                System.arraycopy(c, 0, alive, 0, words);
                runs++;
                open = true;
            } else {
                for (int w = 0; w < words; w++) {
                    alive[w] &= c[w];
                }
            }
        }
        return runs;
    }

    private static GenotypeMatrix concat(GenotypeMatrix a, int k, GenotypeMatrix b) {
        int n = k + b.sampleCount();
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[a.variantCount() * wpv];
        for (int v = 0; v < a.variantCount(); v++) {
            for (int s = 0; s < k; s++) {
                GenotypeCodes.set(words, v * wpv, s, a.code(v, s));
            }
            for (int s = 0; s < b.sampleCount(); s++) {
                GenotypeCodes.set(words, v * wpv, k + s, b.code(v, s));
            }
        }
        List<Sample> samples = new ArrayList<>(a.samples().samples().subList(0, k));
        samples.addAll(b.samples().samples());
        return new GenotypeMatrix(SampleSheet.of(samples), a.variants(), words, null);
    }
}
