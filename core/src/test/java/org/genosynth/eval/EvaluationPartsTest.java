package org.genosynth.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.genosynth.eval.fidelity.LdDecay;
import org.genosynth.eval.fidelity.LdScore;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.SharedData;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.report.html.Json;
import org.genosynth.report.html.Threshold;
import org.genosynth.report.html.Verdict;
import org.genosynth.assoc.kinship.KingKinship;
import org.genosynth.assoc.kinship.SamplePlanes;
import org.genosynth.eval.fidelity.FidelitySection;
import org.genosynth.eval.privacy.HoldoutMaximum;
import org.genosynth.eval.privacy.PairMatrix;
import org.genosynth.exec.LocalBackend;
import org.genosynth.report.html.HtmlReport;
import org.junit.jupiter.api.Test;

/** The building blocks of the evaluation, each against an independent computation. */
class EvaluationPartsTest {

    @Test
    void ldDecayEqualsANaiveRecomputationOnChromosome19() {
        GenotypeMatrix chr19 = mouseChromosome19();
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

    @Test
    void ldScoreEqualsANaiveSumOnChromosome19AndVanishesWithoutLd() {
        GenotypeMatrix chr19 = mouseChromosome19();
        int m = chr19.variantCount();
        LdScore.Design design = LdScore.design(chr19.variants(), true, 1);
        // few enough variants that every positioned one is an index variant and every partner in the window is paired
        int[] positioned = java.util.stream.IntStream.range(0, m).filter(v -> chr19.variants().get(v).hasPosition())
                .toArray();
        assertThat(design.index()).containsExactly(positioned);
        assertThat(positioned.length).isGreaterThan(200);
        double fast = LdScore.mean(chr19, design, new LocalBackend(2));
        // naive: every pair within 1 cM, r² over the samples called at both, minus (1 - r²) / (n - 2)
        double sum = 0;
        for (int a : positioned) {
            for (int b : positioned) {
                double d = Math.abs(chr19.variants().get(a).centimorgan() - chr19.variants().get(b).centimorgan());
                if (a == b || d >= LdScore.WINDOW_CM) {
                    continue;
                }
                double r2 = naiveR2(chr19, a, b);
                if (Double.isNaN(r2)) {
                    continue;
                }
                int n = 0;
                for (int s = 0; s < chr19.sampleCount(); s++) {
                    n += chr19.code(a, s) != GenotypeCodes.MISSING && chr19.code(b, s) != GenotypeCodes.MISSING ? 1 : 0;
                }
                sum += r2 - (1 - r2) / (n - 2);
            }
        }
        double naive = sum / positioned.length;
        assertThat(fast).isCloseTo(naive, within(1e-9 * Math.abs(naive)));
        assertThat(fast).isGreaterThan(2); // 3.04: heterogeneous-stock LD within 1 cM
        assertThat(LdScore.mean(chr19, design, new LocalBackend(1))).isEqualTo(fast);
        // each variant's genotypes shuffled over the samples: no LD, so the corrected score is about 0
        assertThat(LdScore.mean(shuffledPerVariant(chr19, 7), design, new LocalBackend(2))).isCloseTo(0, within(0.3));
    }

    /** The cohort with each variant's genotypes permuted over the samples, independently per variant. */
    private static GenotypeMatrix shuffledPerVariant(GenotypeMatrix g, long seed) {
        int n = g.sampleCount();
        int wpv = g.wordsPerVariant();
        long[] words = new long[g.variantCount() * wpv];
        SplittableRandom r = new SplittableRandom(seed);
        int[] codes = new int[n];
        for (int v = 0; v < g.variantCount(); v++) {
            for (int s = 0; s < n; s++) {
                codes[s] = g.code(v, s);
            }
            for (int s = n - 1; s > 0; s--) {
                int j = r.nextInt(s + 1);
                int t = codes[s];
                codes[s] = codes[j];
                codes[j] = t;
            }
            for (int s = 0; s < n; s++) {
                GenotypeCodes.set(words, v * wpv, s, codes[s]);
            }
        }
        return new GenotypeMatrix(g.samples(), g.variants(), words, null);
    }

    /** The mouse demo cohort's chromosome 19. */
    private static GenotypeMatrix mouseChromosome19() {
        GenotypeMatrix all = GenotypeLoader.load(SharedData.mouse(".bed.gz"), null, null);
        List<Integer> idx = new ArrayList<>();
        for (int v = 0; v < all.variantCount(); v++) {
            if (all.variants().get(v).chrom().equals("19")) {
                idx.add(v);
            }
        }
        return subset(all, idx);
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

    @Test
    void codingOfTheRealMouseCohortAndOfItsInbredAndStrainRecodings() {
        GenotypeMatrix mouse = GenotypeLoader.load(SharedData.mouse(".bed.gz"), null, null);
        long het = 0;
        long called = 0;
        for (int v = 0; v < mouse.variantCount(); v++) {
            for (int s = 0; s < mouse.sampleCount(); s++) {
                int g = mouse.code(v, s);
                het += g == 1 ? 1 : 0;
                called += g == GenotypeCodes.MISSING ? 0 : 1;
            }
        }
        Coding c = Coding.of(mouse);
        assertThat(c.label()).isEqualTo(Coding.DIPLOID);
        assertThat(c.heterozygosity()).isCloseTo((double) het / called, within(1e-12));
        // heterozygous mice: about 30% of the calls (measured 0.307 on all 1,940)
        assertThat(c.heterozygosity()).isBetween(0.25, 0.35);
        GenotypeMatrix inbred = Recoded.recode(mouse, Recoded.Kind.INBRED);
        Coding ci = Coding.of(inbred);
        assertThat(ci.label()).isEqualTo(Coding.INBRED);
        assertThat(ci.heterozygosity()).isZero();
        assertThat(ci.inbredOrHaploid()).isTrue();
        Coding cs = Coding.of(Recoded.recode(mouse, Recoded.Kind.STRAIN01));
        assertThat(cs.label()).isEqualTo(Coding.HAPLOID_LIKE);
        assertThat(cs.bothHomozygotes()).isZero();
        assertThat(cs.note()).contains("ambiguous");
    }

    @Test
    void ibsShareInThePairMatrixEqualsANaiveCountOnInbredMice() {
        GenotypeMatrix inbred = Recoded.recode(GenotypeLoader.load(SharedData.mouse(".bed.gz"), null, null),
                Recoded.Kind.INBRED);
        int[] rows = Cohorts.range(0, 24);
        int[] cols = Cohorts.range(100, 40);
        try (LocalBackend backend = new LocalBackend(2)) {
            KingKinship king = new KingKinship(SamplePlanes.of(inbred, backend));
            PairMatrix pm = PairMatrix.compute(king, rows, cols, false, true, backend);
            PairMatrix kin = PairMatrix.compute(king, rows, cols, false, false, backend);
            double lo = 1;
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < cols.length; c++) {
                    int same = 0;
                    int both = 0;
                    for (int v = 0; v < inbred.variantCount(); v++) {
                        int a = inbred.code(v, rows[r]);
                        int b = inbred.code(v, cols[c]);
                        if (a != GenotypeCodes.MISSING && b != GenotypeCodes.MISSING) {
                            both++;
                            same += a == b ? 1 : 0;
                        }
                    }
                    assertThat(pm.kinship(r, c)).isCloseTo((double) same / both, within(1e-6));
                    // distance on homozygotes only: the share of differing calls
                    assertThat(pm.distance(r, c)).isCloseTo(1 - (double) same / both, within(1e-6));
                    lo = Math.min(lo, (double) same / both);
                    // KING-robust kinship is not even finite without heterozygotes: why IBS replaces it
                    assertThat(Double.isFinite(kin.kinship(r, c))).isFalse();
                }
            }
            // heterogeneous-stock mice made homozygous still share most genotypes by descent and by state
            assertThat(lo).isGreaterThan(0.5);
        }
    }

    @Test
    void countAboveTheHoldoutMaximumFollowsItsExchangeableDistribution() {
        assertThat(HoldoutMaximum.allowedAbove(582, 582, 0.05)).isEqualTo(4);
        assertThat(HoldoutMaximum.allowedAbove(1358, 582, 0.05)).isEqualTo(8);
        assertThat(HoldoutMaximum.allowedAbove(100, 1000, 0.05)).isEqualTo(1);
        assertThat(HoldoutMaximum.allowedAbove(20, 1000, 0.05)).isZero();
        assertThat(HoldoutMaximum.tail(582, 582, 5)).isCloseTo(Math.pow(0.5, 5), within(0.002));
        // simulation: synthetic and holdout values drawn from one distribution (the ideal generator)
        int ns = 40;
        int nh = 25;
        int reps = 20000;
        SplittableRandom rng = new SplittableRandom(7);
        long[] atLeast = new long[6];
        int fails = 0;
        for (int rep = 0; rep < reps; rep++) {
            double[] s = new double[ns];
            double[] h = new double[nh];
            for (int i = 0; i < ns; i++) {
                s[i] = rng.nextGaussian();
            }
            for (int i = 0; i < nh; i++) {
                h[i] = rng.nextGaussian();
            }
            HoldoutMaximum hm = HoldoutMaximum.of(s, h);
            for (int k = 0; k < atLeast.length; k++) {
                atLeast[k] += hm.above() >= k ? 1 : 0;
            }
            fails += hm.within() ? 0 : 1;
        }
        for (int k = 0; k < atLeast.length; k++) {
            // 3 binomial standard errors at 20,000 draws: <= 0.011
            assertThat((double) atLeast[k] / reps).as("P(X >= " + k + ")")
                    .isCloseTo(HoldoutMaximum.tail(ns, nh, k), within(0.011));
        }
        int allowed = HoldoutMaximum.allowedAbove(ns, nh, 0.05);
        double falseFail = (double) fails / reps;
        assertThat(falseFail).isCloseTo(HoldoutMaximum.tail(ns, nh, allowed + 1), within(0.005)).isLessThan(0.055);
        // the size-adjusted maximum is the synthetic value that must not exceed the holdout maximum
        HoldoutMaximum one = HoldoutMaximum.of(new double[] {0.1, 0.5, 0.2, 0.9}, new double[] {0.3});
        assertThat(one.above()).isEqualTo(2);
        assertThat(one.holdoutMax()).isEqualTo(0.3);
    }

    @Test
    void notApplicableIsCountedApartAndShownInGrey() {
        HtmlReport report = new HtmlReport("t");
        Metrics m = new Metrics(report);
        m.judge("a", "x", "x", 1, Threshold.atLeast(0.5, 0.4), "");
        m.notApplicable("a", "y", "y", Double.NaN, "undefined here");
        assertThat(m.verdict("y")).isEqualTo(Verdict.NA);
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) m.tree().get("verdict_counts");
        assertThat(counts).containsEntry("pass", 1L).containsEntry("n/a", 1L).containsEntry("info", 0L);
        String json = Json.write(m.tree());
        assertThat(json).contains("\"verdict\": \"n/a\"", "\"reason\": \"undefined here\"", "\"verdict\": \"pass\"");
        String html = report.render();
        assertThat(html).contains("<span class=\"v na\">n/a</span>", "<span class=\"v na\">1 n/a</span>",
                "<span class=\"v pass\">1 pass</span>", ".v.na{");
    }

    @Test
    void ldDecayNeedsTwoPositionedVariantsOnAChromosome() {
        GenotypeMatrix mouse = GenotypeLoader.load(SharedData.mouse(".bed.gz"), null, null);
        assertThat(FidelitySection.chromosomesWithPairs(mouse.variants())).isEqualTo(19);
        List<Variant> unplaced = new ArrayList<>();
        for (Variant v : mouse.variants()) {
            unplaced.add(new Variant(v.chrom(), -9, v.id(), v.ref(), v.alt(), 0));
        }
        assertThat(FidelitySection.chromosomesWithPairs(unplaced)).isZero();
        // one positioned variant per chromosome: still no pair
        List<Variant> one = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Variant v : mouse.variants()) {
            if (v.hasPosition() && seen.add(v.chrom())) {
                one.add(v);
            }
        }
        assertThat(FidelitySection.chromosomesWithPairs(one)).isZero();
    }
}
