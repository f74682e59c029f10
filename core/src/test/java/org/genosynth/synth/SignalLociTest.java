package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;

/** The real trait's loci copied whole by the mosaic: which runs of hits they are, and no switch inside. */
class SignalLociTest {
    /** 3 chromosomes of 2,000 variants, 10 kb apart at 1 cM/Mb: 20 cM each, 0.01 cM between neighbours. */
    private static List<Variant> variants() {
        List<Variant> vs = new ArrayList<>();
        for (int c = 1; c <= 3; c++) {
            for (int i = 0; i < 2000; i++) {
                long pos = 10_000L * (i + 1);
                vs.add(new Variant(Integer.toString(c), pos, c + ":" + pos, "A", "C", Double.NaN));
            }
        }
        return vs;
    }

    /** A fit whose signal SNPs are {@code snps[k] = {variant, |t|, tier}}. */
    private static PhenotypeSynthesis.Fit fit(double[]... snps) {
        int q = snps.length;
        int[] window = new int[q];
        int[] tier = new int[q];
        double[] t = new double[q];
        for (int j = 0; j < q; j++) {
            window[j] = (int) snps[j][0];
            t[j] = snps[j][1];
            tier[j] = (int) snps[j][2];
        }
        return new PhenotypeSynthesis.Fit("y", 0, 1, 0, Double.NaN, window, tier, new boolean[1][q], false,
                new double[q], t, 300, 0.5);
    }

    private static List<double[]> run(int from, int to, int step, double t, int tier) {
        List<double[]> out = new ArrayList<>();
        for (int v = from; v <= to; v += step) {
            out.add(new double[] {v, v == (from + to) / 2 / step * step ? t : t - 1, tier});
        }
        return out;
    }

    private static SignalLoci loci(GeneticMap map) {
        List<double[]> snps = new ArrayList<>();
        snps.addAll(run(100, 140, 5, 8, PhenotypeSynthesis.SIGNIFICANT)); // A: 0.4 cM
        snps.add(new double[] {400, 10, PhenotypeSynthesis.LEAD}); // B: one SNP, nothing to keep together
        snps.addAll(run(2500, 2700, 10, 12, PhenotypeSynthesis.SIGNIFICANT)); // C: 2 cM, strongest at 2600
        snps.add(new double[] {3000, 20, PhenotypeSynthesis.SUGGESTIVE}); // never a locus
        snps.add(new double[] {1990, 7, PhenotypeSynthesis.SIGNIFICANT}); // end of chr 1 ...
        snps.add(new double[] {1995, 6, PhenotypeSynthesis.SIGNIFICANT});
        snps.add(new double[] {2003, 7, PhenotypeSynthesis.SIGNIFICANT}); // ... and start of chr 2: two loci
        snps.add(new double[] {2008, 6, PhenotypeSynthesis.SIGNIFICANT});
        snps.addAll(run(4100, 4300, 20, 6, PhenotypeSynthesis.SIGNIFICANT)); // D: 2 cM, strongest at 4200
        snps.addAll(run(5000, 5100, 10, 5, PhenotypeSynthesis.SIGNIFICANT)); // E: 1 cM, past the 3 cM budget
        return SignalLoci.of(List.of(fit(snps.toArray(double[][]::new))), map);
    }

    @Test
    void lociAreRunsOfSignificantSnpsOnOneChromosomeStrongestFirstWithinTheShare() {
        GeneticMap map = GeneticMap.of(variants(), 1.0);
        SignalLoci loci = loci(map);
        // A, B, C, the two chromosome edges, D, E; B has one SNP, E does not fit in 5 % of 60 cM after the others
        assertThat(loci.loci()).isEqualTo(7);
        assertThat(loci.windows()).containsExactly(new int[] {100, 141}, new int[] {1990, 1996},
                new int[] {2003, 2009}, new int[] {2550, 2651}, new int[] {4160, 4241});
        assertThat(loci.totalCm()).isCloseTo(0.4 + 0.05 + 0.05 + 1.0 + 0.8, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void noSegmentEndsInsideALocusAndElsewhereSegmentsKeepTheirLength() {
        GeneticMap base = GeneticMap.of(variants(), 1.0);
        SignalLoci loci = loci(base);
        GeneticMap map = loci.apply(base);
        assertThat(map.totalLength()).isCloseTo(base.totalLength() - loci.totalCm(),
                org.assertj.core.data.Offset.offset(1e-9));
        int[] pool = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        int segments = 0;
        for (boolean cycles : new boolean[] {false, true}) {
            PathSampler sampler = new PathSampler(map, 0.05, 100, 4, null, cycles);
            for (int t = 0; t < 100; t++) {
                GenomePath pair = sampler.drawPair(Synthesizer.haplotypePools(new int[][] {pool})[0],
                        new SplittableRandom(t));
                for (GenomePath p : List.of(pair, pair.second(), sampler.draw(pool, new SplittableRandom(-t)))) {
                    segments += p.segmentCount();
                    for (int s : p.starts()) {
                        for (int[] w : loci.windows()) {
                            assertThat(s > w[0] && s < w[1]).as("switch at %d inside [%d, %d)", s, w[0], w[1])
                                    .isFalse();
                        }
                    }
                }
            }
        }
        // elsewhere the same lengths: segments in proportion to the map left (57.7 of 60 cM, 0.962)
        int unlocked = 0;
        for (int t = 0; t < 600; t++) {
            unlocked += new PathSampler(base, 0.05, 100, 4, null, true).draw(pool, new SplittableRandom(t))
                    .segmentCount();
        }
        assertThat((double) segments / unlocked).isBetween(0.945, 0.98);
    }

    @Test
    void aSignificantSnpInsideALocusCopiedWholeFollowsItsLeads() {
        PhenotypeSynthesis.Fit fit = fit(new double[] {100, 9, PhenotypeSynthesis.LEAD},
                new double[] {105, 8, PhenotypeSynthesis.SIGNIFICANT},
                new double[] {300, 8, PhenotypeSynthesis.SIGNIFICANT},
                new double[] {110, 4, PhenotypeSynthesis.SUGGESTIVE});
        assertThat(fit.followingWithin(List.of(new int[] {100, 111})).tier()).containsExactly(
                PhenotypeSynthesis.LEAD, PhenotypeSynthesis.FOLLOWS, PhenotypeSynthesis.SIGNIFICANT,
                PhenotypeSynthesis.SUGGESTIVE);
    }

    @Test
    void theSignalScaleMayLoseHitsButNotALocus() {
        List<Variant> vs = variants();
        // loci: {100, 150, 170} on chr 1 (500 kb apart at most), {900} on chr 1 (7.3 Mb on), {2100, 2110} on chr 2
        java.util.Set<Integer> kept = java.util.Set.of(100, 150, 170, 900, 2100, 2110);
        assertThat(PhenotypeCalibration.everyLocusKept(vs, kept, java.util.Set.of(170, 900, 2100))).isTrue();
        assertThat(PhenotypeCalibration.everyLocusKept(vs, kept, java.util.Set.of(100, 150, 170, 900))).isFalse();
        assertThat(PhenotypeCalibration.everyLocusKept(vs, kept, java.util.Set.of(100, 2100, 2110))).isFalse();
        assertThat(PhenotypeCalibration.everyLocusKept(vs, kept, java.util.Set.of(150, 900, 2110))).isTrue();
        // the first locus's last hit does not count for the next one
        assertThat(PhenotypeCalibration.everyLocusKept(vs, java.util.Set.of(170, 900), java.util.Set.of(170)))
                .isFalse();
        assertThat(PhenotypeCalibration.everyLocusKept(vs, java.util.Set.of(), java.util.Set.of())).isTrue();
    }
}
