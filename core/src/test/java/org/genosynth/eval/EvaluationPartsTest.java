package org.genosynth.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.genosynth.eval.fidelity.LdDecay;
import org.genosynth.io.SharedData;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.report.html.Json;
import org.genosynth.report.html.Threshold;
import org.genosynth.report.html.Verdict;
import org.junit.jupiter.api.Test;

/** The building blocks of the evaluation, each against an independent computation. */
class EvaluationPartsTest {

    @Test
    void ldDecayEqualsANaiveRecomputationOnChromosome19() {
        GenotypeMatrix all = GenotypeMatrix.load(SharedData.mouse(".bed.gz"), null, null);
        List<Integer> idx = new ArrayList<>();
        for (int v = 0; v < all.variantCount(); v++) {
            if (all.variants().get(v).chrom().equals("19")) {
                idx.add(v);
            }
        }
        GenotypeMatrix chr19 = subset(all, idx);
        LdDecay.Curve fast = LdDecay.compute(chr19, true, LdDecay.CM_EDGES, Integer.MAX_VALUE, 2);
        // naive: every pair within 20 cM, Pearson r² of allele counts over samples called at both
        double[] edges = LdDecay.CM_EDGES;
        double[] sum = new double[edges.length - 1];
        long[] n = new long[edges.length - 1];
        int m = chr19.variantCount();
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                Variant va = chr19.variants().get(a);
                Variant vb = chr19.variants().get(b);
                double d = Math.abs(vb.centimorgan() - va.centimorgan());
                if (!va.hasPosition() || !vb.hasPosition() || d >= edges[edges.length - 1]) {
                    continue;
                }
                double r2 = naiveR2(chr19, a, b);
                if (Double.isNaN(r2)) {
                    continue;
                }
                int bin = 0;
                while (d >= edges[bin + 1]) {
                    bin++;
                }
                sum[bin] += r2;
                n[bin]++;
            }
        }
        assertThat(fast.pairs()).containsExactly(n);
        for (int i = 0; i < sum.length; i++) {
            if (n[i] > 0) {
                assertThat(fast.meanR2()[i]).as("bin " + i).isCloseTo(sum[i] / n[i], within(1e-12));
            }
        }
        assertThat(n[0]).isGreaterThan(50);
        // the same at one thread, and the distance of a curve to itself is 0
        assertThat(LdDecay.compute(chr19, true, LdDecay.CM_EDGES, Integer.MAX_VALUE, 1).meanR2())
                .containsExactly(fast.meanR2());
        assertThat(LdDecay.distance(fast, fast)).isZero();
    }

    private static double naiveR2(GenotypeMatrix g, int a, int b) {
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        int k = 0;
        for (int s = 0; s < g.sampleCount(); s++) {
            int x = g.code(a, s);
            int y = g.code(b, s);
            if (x == GenotypeCodes.MISSING || y == GenotypeCodes.MISSING) {
                continue;
            }
            sa += x;
            sb += y;
            saa += x * x;
            sbb += y * y;
            sab += x * y;
            k++;
        }
        double cov = sab / k - sa / k * sb / k;
        double va = saa / k - sa / k * sa / k;
        double vb = sbb / k - sb / k * sb / k;
        return va <= 1e-12 || vb <= 1e-12 ? Double.NaN : cov * cov / (va * vb);
    }

    private static GenotypeMatrix subset(GenotypeMatrix m, List<Integer> idx) {
        int wpv = m.wordsPerVariant();
        long[] words = new long[idx.size() * wpv];
        List<Variant> vs = new ArrayList<>();
        for (int k = 0; k < idx.size(); k++) {
            System.arraycopy(m.words(), m.offset(idx.get(k)), words, k * wpv, wpv);
            vs.add(m.variants().get(idx.get(k)));
        }
        return new GenotypeMatrix(m.samples(), vs, words, null);
    }

    @Test
    void probabilityLessMatchesBruteForceWithTies() {
        SplittableRandom r = new SplittableRandom(3);
        double[] a = new double[137];
        double[] b = new double[91];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt(20);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextInt(25);
        }
        double brute = 0;
        for (double x : a) {
            for (double y : b) {
                brute += x < y ? 1 : x == y ? 0.5 : 0;
            }
        }
        assertThat(Ranks.probabilityLess(a, b)).isCloseTo(brute / (a.length * b.length), within(1e-12));
        assertThat(Ranks.quantile(new double[] {4, 1, 3, 2}, 0.5)).isEqualTo(2.5);
    }

    @Test
    void alignmentMatchesByPositionOrIdAndFlipsSwappedAlleles() {
        List<Variant> realVs = List.of(new Variant("1", 100, "a", "A", "G", 0), new Variant("1", 200, "b", "C", "T", 0),
                new Variant("1", -9, "c", "G", "T", 0), new Variant("2", 50, "d", "A", "C", 0));
        // synthetic: b with swapped alleles, c found by ID, d with other alleles (left out), a absent
        List<Variant> synVs = List.of(new Variant("1", 200, "b", "T", "C", 0), new Variant("1", -9, "c", "G", "T", 0),
                new Variant("2", 50, "d", "A", "G", 0));
        int[][] realCodes = {{0, 1, 2, 3}, {0, 1, 2, 2}, {2, 2, 1, 0}, {1, 1, 1, 1}};
        int[][] synCodes = {{2, 1, 0, 3, 0}, {0, 1, 2, 0, 0}, {1, 1, 1, 1, 1}};
        AlignedCohorts c = AlignedCohorts.of(matrix(realVs, realCodes), matrix(synVs, synCodes), null);
        assertThat(c.variantCount()).isEqualTo(2);
        assertThat(c.flipped()).isEqualTo(1);
        assertThat(c.synthetic().variants().get(0).id()).isEqualTo("b");
        int[] flippedBack = new int[5];
        for (int s = 0; s < 5; s++) {
            flippedBack[s] = c.synthetic().code(0, s);
        }
        assertThat(flippedBack).containsExactly(0, 1, 2, 3, 2);
        assertThat(c.synthetic().code(1, 2)).isEqualTo(2);
    }

    private static GenotypeMatrix matrix(List<Variant> vs, int[][] codes) {
        int n = codes[0].length;
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            samples.add(Sample.of("s" + s));
        }
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[vs.size() * wpv];
        for (int v = 0; v < vs.size(); v++) {
            for (int s = 0; s < n; s++) {
                GenotypeCodes.set(words, v * wpv, s, codes[v][s]);
            }
        }
        return new GenotypeMatrix(SampleSheet.of(samples), vs, words, null);
    }

    @Test
    void gwasTablePValuesBelowTheDoubleRangeAndLambda() {
        assertThat(org.genosynth.eval.utility.GwasTableAccess.log10("1.5e-400"))
                .isCloseTo(Math.log10(1.5) - 400, within(1e-12));
        assertThat(org.genosynth.eval.utility.GwasTableAccess.log10("0.01")).isCloseTo(-2, within(1e-12));
        assertThat(org.genosynth.eval.utility.GwasTableAccess.log10("NA")).isNaN();
    }

    @Test
    void thresholdsAndJson() {
        assertThat(Threshold.atLeast(0.99, 0.95).judge(0.97)).isEqualTo(Verdict.WARN);
        assertThat(Threshold.atMost(0.55, 0.6).judge(0.61)).isEqualTo(Verdict.FAIL);
        assertThat(Threshold.atMost(0, 0).judge(0)).isEqualTo(Verdict.PASS);
        assertThat(Threshold.atMost(0, 0).judge(Double.NaN)).isEqualTo(Verdict.INFO);
        String json = Json.write(Map.of("a\"b", List.of(1.5, Double.NaN, 2.0)));
        assertThat(json).isEqualTo("{\n  \"a\\\"b\": [1.5, null, 2]\n}\n");
    }
}
