package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ContextSampler}: what a synthetic haplotype follows and what it does not. */
class ContextSamplerTest {

    /** Alleles of {@code pool} (one string of 0/1 per haplotype) variant-major, as the sampler reads them. */
    private static byte[] variantMajor(String... pool) {
        int n = pool.length;
        int m = pool[0].length();
        byte[] a = new byte[m * n];
        for (int j = 0; j < n; j++) {
            for (int v = 0; v < m; v++) {
                a[v * n + j] = (byte) (pool[j].charAt(v) - '0');
            }
        }
        return a;
    }

    private static String string(byte[] h) {
        StringBuilder b = new StringBuilder();
        for (byte x : h) {
            b.append(x);
        }
        return b.toString();
    }

    @Test
    void aHaplotypeThatSupportManyShareIsFollowedWhole() {
        String a = "0110100111010010110100101101001011010010";
        String b = a.chars().mapToObj(c -> c == '0' ? "1" : "0").reduce("", String::concat);
        // four copies of each of two haplotypes: with support 4 a synthetic haplotype follows one of them throughout
        byte[] pool = variantMajor(a, a, a, a, b, b, b, b);
        for (int seed = 0; seed < 20; seed++) {
            String drawn = string(ContextSampler.haplotype(pool, 8, a.length(), new int[] {0, a.length()}, 4,
                    new SplittableRandom(seed)));
            assertThat(drawn).isIn(a, b);
        }
    }

    @Test
    void aHaplotypeThatFewerThanTheSupportShareIsNotFollowed() {
        String a = "0110100111010010110100101101001011010010";
        String b = a.chars().mapToObj(c -> c == '0' ? "1" : "0").reduce("", String::concat);
        // three copies of each: no context of 4 holds either, so every allele is drawn from all six (p = 1/2)
        byte[] pool = variantMajor(a, a, a, b, b, b);
        int equalToOne = 0;
        int alt = 0;
        int draws = 200;
        for (int seed = 0; seed < draws; seed++) {
            String drawn = string(ContextSampler.haplotype(pool, 6, a.length(), new int[] {0, a.length()}, 4,
                    new SplittableRandom(seed)));
            equalToOne += drawn.equals(a) || drawn.equals(b) ? 1 : 0;
            alt += (int) drawn.chars().filter(c -> c == '1').count();
        }
        assertThat(equalToOne).isZero();
        // ALT half the time: 8,000 draws, SD 0.0056
        assertThat(alt / (double) (draws * a.length())).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void aSiteEveryContextHaplotypeCarriesIsCarriedAndMissingCallsAreNotCounted() {
        // site 0: all ALT; site 1: all REF; site 2: ALT on the two called haplotypes, the others missing
        byte[] pool = {1, 1, 1, 1, 0, 0, 0, 0, 1, 3, 1, 3};
        for (int seed = 0; seed < 20; seed++) {
            byte[] h = ContextSampler.haplotype(pool, 4, 3, new int[] {0, 3}, 4, new SplittableRandom(seed));
            assertThat(h).containsExactly(1, 0, 1);
        }
    }

    @Test
    void eachChromosomeStartsAfreshAndTheSamePanelComesAtAnyThreadCount() {
        String a = "0110100111010010110100101101001011010010";
        String b = a.chars().mapToObj(c -> c == '0' ? "1" : "0").reduce("", String::concat);
        byte[][] haps = new byte[8][];
        for (int j = 0; j < 8; j++) {
            String s = j < 4 ? a : b;
            haps[j] = new byte[s.length()];
            for (int v = 0; v < s.length(); v++) {
                haps[j][v] = (byte) (s.charAt(v) - '0');
            }
        }
        DonorPanel real = DonorPanel.ofHaplotypeCodes(haps, a.length());
        java.util.List<org.genosynth.model.Variant> variants = new java.util.ArrayList<>();
        for (int v = 0; v < a.length(); v++) {
            variants.add(new org.genosynth.model.Variant(v < 20 ? "1" : "2", 1000L * (v + 1), "v" + v, "A", "C",
                    Double.NaN));
        }
        GeneticMap map = GeneticMap.of(variants, 1.0);
        int[][] pools = {{0, 1, 2, 3, 4, 5, 6, 7}};
        int[] slots = new int[30];
        DonorPanel one = ContextSampler.draw(real, pools, slots, map, 3, new org.genosynth.exec.LocalBackend(1));
        DonorPanel two = ContextSampler.draw(real, pools, slots, map, 3, new org.genosynth.exec.LocalBackend(2));
        boolean switched = false;
        for (int r = 0; r < 60; r++) {
            String h = string(one.codes(r));
            assertThat(h).isEqualTo(string(two.codes(r)));
            // each chromosome follows a or b on its own
            assertThat(h.substring(0, 20)).isIn(a.substring(0, 20), b.substring(0, 20));
            assertThat(h.substring(20)).isIn(a.substring(20), b.substring(20));
            switched |= !h.equals(a) && !h.equals(b);
        }
        assertThat(switched).as("some haplotype follows a on one chromosome and b on the other").isTrue();
    }
}
