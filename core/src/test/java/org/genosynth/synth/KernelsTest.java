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

/** The bit-level kernels against element-by-element references. */
class KernelsTest {
    @Test
    void tileTranspositionMovesElementKOfRowIToElementIOfRowK() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 50; trial++) {
            long[] a = new long[32];
            for (int i = 0; i < 32; i++) {
                a[i] = r.nextLong();
            }
            long[] t = a.clone();
            Transpose2Bit.transpose(t, 0);
            for (int i = 0; i < 32; i++) {
                for (int k = 0; k < 32; k++) {
                    assertThat((t[k] >>> (2 * i)) & 3).isEqualTo((a[i] >>> (2 * k)) & 3);
                }
            }
        }
    }

    @Test
    void copyBitsCopiesExactlyTheRangeAndNothingElse() {
        SplittableRandom r = new SplittableRandom(9);
        long[] src = new long[8];
        for (int i = 0; i < src.length; i++) {
            src[i] = r.nextLong();
        }
        for (int trial = 0; trial < 2000; trial++) {
            int a = r.nextInt(256);
            int b = a + 1 + r.nextInt(256 - a);
            long[] dst = new long[8];
            RowBuilder.copyBits(src, 0, dst, 0, a, b);
            for (int v = 0; v < 256; v++) {
                long want = v >= a && v < b ? (src[v >>> 5] >>> ((v & 31) << 1)) & 3 : 0;
                assertThat((dst[v >>> 5] >>> ((v & 31) << 1)) & 3).as("variant %d of [%d,%d)", v, a, b)
                        .isEqualTo(want);
            }
        }
    }

    @Test
    void donorRowsHoldTheSameCodesAsTheMatrixAndBlocksOfOneDonorCopyIt() {
        int n = 77;
        int m = 2100;
        GenotypeMatrix g = randomMatrix(n, m, 3);
        DonorPanel panel = DonorPanel.of(g);
        for (int s = 0; s < n; s++) {
            for (int v = 0; v < m; v++) {
                assertThat(panel.code(s, v)).isEqualTo(g.code(v, s));
            }
        }
        // synthetic sample i copies donor (i * 7) % n whole: the generated blocks must equal those columns
        GenomePath[] paths = new GenomePath[45];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = new GenomePath(new int[] {0}, new int[] {(i * 7) % n});
        }
        BlockGenerator gen = new BlockGenerator(new RowBuilder(panel, SiteNoise.NONE, 1), g.variants(), paths,
                new int[45], new int[45]);
        GenotypeMatrix out = Synthesizer.generateInMemory(gen, Synthesizer.anonymous(45), 2);
        for (int i = 0; i < 45; i++) {
            for (int v = 0; v < m; v++) {
                assertThat(out.code(v, i)).isEqualTo(g.code(v, (i * 7) % n));
            }
        }
        int lastWord = out.offset(m - 1) + out.wordsPerVariant() - 1;
        assertThat(out.words()[lastWord] & ~GenotypeCodes.lastWordMask(45)).as("padding").isZero();
    }

    static GenotypeMatrix randomMatrix(int n, int m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            samples.add(Sample.of("r" + s));
        }
        List<Variant> variants = new ArrayList<>();
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[m * wpv];
        for (int v = 0; v < m; v++) {
            variants.add(new Variant("1", 1000L * (v + 1), "v" + v, "A", "G", v * 0.01));
            for (int s = 0; s < n; s++) {
                GenotypeCodes.set(words, v * wpv, s, r.nextInt(20) == 0 ? 3 : r.nextInt(3));
            }
        }
        return new GenotypeMatrix(SampleSheet.of(samples), variants, words, null);
    }
}
