package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;

/** Mosaic paths whose donors come in successive shuffles of the pool ({@code --donor-pool population}). */
class DonorCyclesTest {
    /** 3 chromosomes of 2,000 variants, 10 kb apart at 1 cM/Mb: 20 cM each. */
    private static GeneticMap map() {
        List<Variant> vs = new ArrayList<>();
        for (int c = 1; c <= 3; c++) {
            for (int i = 0; i < 2000; i++) {
                long pos = 10_000L * (i + 1);
                vs.add(new Variant(Integer.toString(c), pos, c + ":" + pos, "A", "C", pos / 1e6));
            }
        }
        return GeneticMap.of(vs, 1.0);
    }

    @Test
    void everyDonorGivesASegmentBeforeAnyGivesASecond() {
        GeneticMap map = map();
        PathSampler sampler = new PathSampler(map, 0.2, 100, 10, null, true);
        int[] pool = {2, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41};
        for (int t = 0; t < 50; t++) {
            GenomePath p = sampler.draw(pool, new SplittableRandom(t));
            int[] donors = p.donors();
            // about 300 segments (60 cM / 0.2 cM): each full cycle of 12 donors uses every donor once
            assertThat(donors.length).isGreaterThan(200);
            for (int start = 0; start + pool.length <= donors.length; start += pool.length) {
                assertThat(java.util.Arrays.stream(donors, start, start + pool.length).sorted().toArray())
                        .as("draw %d, cycle at segment %d", t, start).containsExactly(pool);
            }
            for (int k = 1; k < donors.length; k++) {
                assertThat(donors[k]).isNotEqualTo(donors[k - 1]);
            }
        }
    }

    @Test
    void atAnyVariantTheDonorIsUniformOverThePool() {
        GeneticMap map = map();
        PathSampler sampler = new PathSampler(map, 0.2, 100, 10, null, true);
        int[] pool = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        int draws = 4000;
        int[] variants = {0, 777, 1999, 2000, 4321, 5999};
        for (int v : variants) {
            int[] counts = new int[pool.length];
            for (int t = 0; t < draws; t++) {
                GenomePath p = sampler.draw(pool, new SplittableRandom(1_000_000L * v + t));
                counts[p.donors()[p.segmentOf(v)]]++;
            }
            // chi-square with 9 degrees of freedom: 27.9 is its 0.999 quantile
            double expected = (double) draws / pool.length;
            double chi2 = 0;
            for (int c : counts) {
                chi2 += (c - expected) * (c - expected) / expected;
            }
            assertThat(chi2).as("variant %d, counts %s", v, java.util.Arrays.toString(counts)).isLessThan(27.9);
        }
    }

    @Test
    void theSecondHaplotypeStillAvoidsTheFirstOnesSample() {
        GeneticMap map = map();
        PathSampler sampler = new PathSampler(map, 0.2, 100, 10, null, true);
        int[] pool = Synthesizer.haplotypePools(new int[][] {{3, 8, 15, 16, 23, 42}})[0];
        for (int t = 0; t < 100; t++) {
            GenomePath p = sampler.drawPair(pool, new SplittableRandom(t));
            GenomePath q = p.second();
            for (int v = 0; v < map.variantCount(); v += 7) {
                assertThat(p.donors()[p.segmentOf(v)] >>> 1).as("draw %d variant %d", t, v)
                        .isNotEqualTo(q.donors()[q.segmentOf(v)] >>> 1);
            }
        }
    }
}
