package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.assoc.lmm.LmmResult;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;

/**
 * The signal set's clumps: at a given r^2 a SNP is a lead unless an earlier (smaller p) lead is in LD with it; the
 * last, loosest level also joins SNPs within {@link PhenotypeSynthesis#LOCUS_WINDOW_BP} of an earlier lead on the
 * same chromosome (one lead per locus), whatever their LD.
 */
class PhenotypeClumpTest {
    @Test
    void leadsByLdAndOnePerLocusAtTheLastLevel() {
        int n = 400;
        SplittableRandom r = new SplittableRandom(4);
        // v0 and v1: the same genotypes (r^2 1); v2: independent, 500 kb from v0; v3: independent, 3 Mb away;
        // v4: independent, on chromosome 2 at v0's position
        int[][] g = new int[5][n];
        for (int s = 0; s < n; s++) {
            g[0][s] = r.nextInt(3);
            g[1][s] = g[0][s];
            g[2][s] = r.nextInt(3);
            g[3][s] = r.nextInt(3);
            g[4][s] = r.nextInt(3);
        }
        long[] pos = {1_000_000, 1_000_100, 1_500_000, 4_000_000, 1_000_000};
        String[] chrom = {"1", "1", "1", "1", "2"};
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            samples.add(Sample.of("s" + s));
        }
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[5 * wpv];
        List<Variant> variants = new ArrayList<>();
        for (int v = 0; v < 5; v++) {
            variants.add(new Variant(chrom[v], pos[v], "v" + v, "A", "G", Double.NaN));
            for (int s = 0; s < n; s++) {
                GenotypeCodes.set(words, v * wpv, s, g[v][s]);
            }
        }
        GenotypeMatrix m = new GenotypeMatrix(SampleSheet.of(samples), variants, words, null);
        List<LmmResult.SnpResult> snps = new ArrayList<>();
        double[] p = {1e-20, 1e-19, 1e-15, 1e-12, 1e-10};
        for (int v = 0; v < 5; v++) {
            snps.add(new LmmResult.SnpResult(v, n, 0.5, 1, 0.1, 0, 1, 1, p[v], p[v], p[v]));
        }
        int[] rows = java.util.stream.IntStream.range(0, n).toArray();
        // by LD alone (r^2 0.05: independent SNPs of 400 samples reach about 0.01): v1 joins v0, the others lead
        assertThat(PhenotypeSynthesis.clump(m, snps, rows, 0.05, 0).stream().map(LmmResult.SnpResult::variant))
                .containsExactly(0, 2, 3, 4);
        // with the locus window: v2 (500 kb from v0) joins it too; v3 (3 Mb) and v4 (another chromosome) lead
        assertThat(PhenotypeSynthesis.clump(m, snps, rows, 0.05, PhenotypeSynthesis.LOCUS_WINDOW_BP).stream()
                .map(LmmResult.SnpResult::variant)).containsExactly(0, 3, 4);
    }
}
