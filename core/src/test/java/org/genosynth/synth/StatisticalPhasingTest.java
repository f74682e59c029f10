package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.genosynth.exec.LocalBackend;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.SharedData;
import org.genosynth.model.GenotypeMatrix;
import org.junit.jupiter.api.Test;

/**
 * {@code synth --statistical-phasing}: {@link ClusterFit#phaseAll} on the 300 phased 1000 Genomes people of
 * human_1kg_chr20, their phase hidden, against the phase the file holds (statistically phased by the 1000 Genomes
 * project with family and population data), on the region's first 2,500 variants. Measured: switch error rate 0.077
 * on the whole region (736,633 pairs of consecutive heterozygous calls), where a random phase gives 0.5.
 */
class StatisticalPhasingTest {

    @Test
    void thePhaseDrawnFromTheDiploidModelAgreesWithTheFilesAndIsTheSameAtAnyThreadCount() {
        List<long[]> all = new ArrayList<>();
        GenotypeMatrix whole = GenotypeLoader.load(SharedData.path("human_1kg_chr20/phased300.vcf.gz"),
                ReadOptions.defaults(), null, all);
        // the first 2,500 variants (about 0.3 Mb), to keep the test short
        int m = 2_500;
        GenotypeMatrix g = new GenotypeMatrix(whole.samples(), whole.variants().subList(0, m),
                java.util.Arrays.copyOf(whole.words(), whole.offset(m)), null);
        List<long[]> truth = all.subList(0, m);
        DonorPanel panel = DonorPanel.of(g);
        GeneticMap map = GeneticMap.of(g.variants(), 1.0);
        boolean[] free = new boolean[g.variantCount()];
        List<long[]> one = ClusterFit.phaseAll(panel, map, free, ClusterFit.DIPLOID_CLUSTERS, 10, 1,
                new LocalBackend(1));
        List<long[]> two = ClusterFit.phaseAll(panel, map, free, ClusterFit.DIPLOID_CLUSTERS, 10, 1,
                new LocalBackend(2));
        for (int v = 0; v < one.size(); v++) {
            assertThat(one.get(v)).as("variant %d", v).isEqualTo(two.get(v));
        }
        // switch error rate: between consecutive heterozygous calls of a genome, how often the drawn phase relative
        // to the file's flips; a random phase flips half the time
        long pairs = 0;
        long switches = 0;
        for (int s = 0; s < g.sampleCount(); s++) {
            int previous = -1;
            for (int v = 0; v < g.variantCount(); v++) {
                if (panel.code(s, v) != 1) {
                    continue;
                }
                int agree = bit(truth.get(v), s) == bit(one.get(v), s) ? 1 : 0;
                if (previous >= 0) {
                    pairs++;
                    switches += agree != previous ? 1 : 0;
                }
                previous = agree;
            }
        }
        double rate = (double) switches / pairs;
        System.out.printf("statistical phasing of phased300: %d heterozygous pairs, switch error rate %.4f%n", pairs,
                rate);
        assertThat(pairs).isGreaterThan(10_000);
        assertThat(rate).as("switch error rate").isLessThan(0.1);
    }

    private static int bit(long[] bits, int s) {
        return (int) (bits[s >>> 6] >>> (s & 63) & 1L);
    }
}
