package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;

/**
 * {@link IdenticalRuns} against a variant-by-variant count: runs of equal called genotypes, broken by a missing call
 * and by a new chromosome, on genomes that copy each other over long stretches so that runs cross many words.
 */
class IdenticalRunsTest {

    @Test
    void equalsTheVariantByVariantCount() {
        int n = 12;
        int m = 1_000;
        SplittableRandom random = new SplittableRandom(7);
        int[][] g = new int[n][m];
        for (int s = 0; s < n; s++) {
            for (int v = 0; v < m; v++) {
                // genome s copies genome s - 1 over stretches, else draws; a few missing calls (code 3)
                g[s][v] = s > 0 && (v / 150 + s) % 3 != 0 ? g[s - 1][v] : random.nextInt(3);
                if (random.nextDouble() < 0.003) {
                    g[s][v] = 3;
                }
            }
        }
        List<Variant> variants = new ArrayList<>();
        for (int v = 0; v < m; v++) {
            // chromosomes of 300, 333 and 367 variants: boundaries inside words
            String chrom = v < 300 ? "1" : v < 633 ? "2" : "3";
            variants.add(new Variant(chrom, v + 1L, "v" + v, "A", "G", Double.NaN));
        }
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            samples.add(Sample.of("s" + s));
        }
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[m * wpv];
        for (int v = 0; v < m; v++) {
            for (int s = 0; s < n; s++) {
                // GenotypeCodes: ALT copies, 3 missing
                words[v * wpv + (s >>> 5)] |= (long) g[s][v] << ((s & 31) << 1);
            }
        }
        GenotypeMatrix matrix = new GenotypeMatrix(SampleSheet.of(samples), variants, words, null);
        DonorPanel panel = DonorPanel.of(matrix);
        IdenticalRuns runs = new IdenticalRuns(panel, variants);
        int longestOverall = 0;
        for (int a = 0; a < n; a++) {
            int expected = 0;
            for (int b = 0; b < n; b++) {
                if (b != a) {
                    expected = Math.max(expected, bruteForce(panel, variants, a, b));
                }
            }
            assertThat(runs.longestWithOthers(a)).as("genome %d", a).isEqualTo(expected);
            longestOverall = Math.max(longestOverall, expected);
        }
        // the copies make runs of hundreds of variants (whole chromosomes' stretches), not only chance runs
        assertThat(longestOverall).isGreaterThan(100);
    }

    private static int bruteForce(DonorPanel panel, List<Variant> variants, int a, int b) {
        int best = 0;
        int current = 0;
        for (int v = 0; v < panel.variantCount(); v++) {
            if (v > 0 && !variants.get(v).chrom().equals(variants.get(v - 1).chrom())) {
                current = 0;
            }
            int x = panel.code(a, v);
            int y = panel.code(b, v);
            current = x == y && x != 3 ? current + 1 : 0;
            best = Math.max(best, current);
        }
        return best;
    }
}
