package org.genosynth.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenotypeCodesTest {
    private static final int[] AWKWARD_SIZES = {1, 31, 32, 33, 63, 64, 65, 1000};

    @Test
    void bedWordConversionIsAnInverseOnRandomWords() {
        Random rnd = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            long bed = rnd.nextLong();
            long codes = rnd.nextLong();
            assertThat(GenotypeCodes.toBedWord(GenotypeCodes.fromBedWord(bed))).isEqualTo(bed);
            assertThat(GenotypeCodes.fromBedWord(GenotypeCodes.toBedWord(codes))).isEqualTo(codes);
        }
        assertThat(GenotypeCodes.fromBedWord(0L)).isEqualTo(0xAAAA_AAAA_AAAA_AAAAL);
        assertThat(GenotypeCodes.fromBedWord(-1L)).isZero();
    }

    @Test
    void bedWordConversionMapsEachSlotLikePlink() {
        // .bed: 00 hom A1 (= ALT), 01 missing, 10 het, 11 hom A2 (= REF)
        int[] bedToCode = {GenotypeCodes.HOM_ALT, GenotypeCodes.MISSING, GenotypeCodes.HET, GenotypeCodes.HOM_REF};
        Random rnd = new Random(2);
        for (int i = 0; i < 2_000; i++) {
            long bed = rnd.nextLong();
            long codes = GenotypeCodes.fromBedWord(bed);
            for (int s = 0; s < 32; s++) {
                int b = (int) (bed >>> (2 * s)) & 3;
                assertThat((int) (codes >>> (2 * s)) & 3).as("slot %d of %x", s, bed).isEqualTo(bedToCode[b]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 31, 32, 33, 63, 64, 65, 1000})
    void countsMatchANaiveLoopAndIgnoreTrailingBits(int samples) {
        Random rnd = new Random(samples);
        int wpv = GenotypeCodes.wordsPerVariant(samples);
        for (int rep = 0; rep < 200; rep++) {
            // a row in the middle of a larger array whose neighbours hold arbitrary bits
            long[] words = new long[3 * wpv];
            for (int w = 0; w < words.length; w++) {
                words[w] = rnd.nextLong();
            }
            int offset = wpv;
            java.util.Arrays.fill(words, offset, offset + wpv, 0L);
            int[] codes = randomCodes(rnd, samples, rep);
            for (int s = 0; s < samples; s++) {
                GenotypeCodes.set(words, offset, s, codes[s]);
            }
            int[] naive = new int[4];
            for (int s = 0; s < samples; s++) {
                naive[codes[s]]++;
                assertThat(GenotypeCodes.get(words, offset, s)).isEqualTo(codes[s]);
            }
            assertThat(GenotypeCodes.counts(words, offset, samples)).containsExactly(naive);
            assertThat(words[offset + wpv - 1] & ~GenotypeCodes.lastWordMask(samples)).as("trailing bits").isZero();
            long missing = 0;
            long het = 0;
            for (int w = offset; w < offset + wpv; w++) {
                missing += Long.bitCount(GenotypeCodes.missingMask(words[w]));
                het += Long.bitCount(GenotypeCodes.hetMask(words[w]));
            }
            assertThat(missing).isEqualTo(naive[GenotypeCodes.MISSING]);
            assertThat(het).isEqualTo(naive[GenotypeCodes.HET]);
        }
    }

    @Test
    void allHomRefRowCountsEverySampleAsHomRefAndNothingElse() {
        for (int n : AWKWARD_SIZES) {
            long[] words = new long[GenotypeCodes.wordsPerVariant(n)];
            assertThat(GenotypeCodes.counts(words, 0, n)).containsExactly(n, 0, 0, 0);
        }
    }

    @Test
    void lastWordMaskCoversExactlyTheUsedSlots() {
        assertThat(GenotypeCodes.lastWordMask(1)).isEqualTo(3L);
        assertThat(GenotypeCodes.lastWordMask(31)).isEqualTo(-1L >>> 2);
        assertThat(GenotypeCodes.lastWordMask(32)).isEqualTo(-1L);
        assertThat(GenotypeCodes.lastWordMask(33)).isEqualTo(3L);
        assertThat(GenotypeCodes.wordsPerVariant(32)).isEqualTo(1);
        assertThat(GenotypeCodes.wordsPerVariant(33)).isEqualTo(2);
    }

    @Test
    void selectCopiesCodesInTheGivenOrderIncludingRepeats() {
        Random rnd = new Random(3);
        for (int n : AWKWARD_SIZES) {
            long[] src = new long[2 * GenotypeCodes.wordsPerVariant(n)];
            int offset = GenotypeCodes.wordsPerVariant(n);
            int[] codes = randomCodes(rnd, n, 0);
            for (int s = 0; s < n; s++) {
                GenotypeCodes.set(src, offset, s, codes[s]);
            }
            for (int rep = 0; rep < 20; rep++) {
                int k = 1 + rnd.nextInt(2 * n);
                int[] keep = new int[k];
                for (int j = 0; j < k; j++) {
                    keep[j] = rnd.nextInt(n);
                }
                int dstOffset = 1;
                long[] dst = new long[dstOffset + GenotypeCodes.wordsPerVariant(k)];
                GenotypeCodes.select(src, offset, keep, dst, dstOffset);
                for (int j = 0; j < k; j++) {
                    assertThat(GenotypeCodes.get(dst, dstOffset, j)).isEqualTo(codes[keep[j]]);
                }
                assertThat(dst[0]).isZero();
                assertThat(dst[dst.length - 1] & ~GenotypeCodes.lastWordMask(k)).isZero();
            }
        }
    }

    @Test
    void selectSamplesKeepsCodesDosagesAndPhase() {
        Random rnd = new Random(4);
        for (int n : AWKWARD_SIZES) {
            Fixture f = Fixture.random(rnd, n, 5);
            int[] keep = new int[1 + rnd.nextInt(n + 40)];
            for (int j = 0; j < keep.length; j++) {
                keep[j] = rnd.nextInt(n);
            }
            VariantBlock out = f.block.selectSamples(keep);
            assertThat(out.sampleCount()).isEqualTo(keep.length);
            assertThat(out.variantCount()).isEqualTo(f.block.variantCount());
            assertThat(out.firstIndex()).isEqualTo(f.block.firstIndex());
            assertThat(out.variants()).isEqualTo(f.block.variants());
            for (int i = 0; i < out.variantCount(); i++) {
                int[] naive = new int[4];
                for (int j = 0; j < keep.length; j++) {
                    assertThat(out.code(i, j)).isEqualTo(f.codes[i][keep[j]]);
                    naive[f.codes[i][keep[j]]]++;
                }
                assertThat(GenotypeCodes.counts(out.genotypeWords(), out.offset(i), keep.length))
                        .containsExactly(naive);
                if (f.dosages[i] == null) {
                    assertThat(out.dosages(i)).isNull();
                } else {
                    for (int j = 0; j < keep.length; j++) {
                        assertThat(Float.floatToIntBits(out.dosages(i)[j]))
                                .isEqualTo(Float.floatToIntBits(f.dosages[i][keep[j]]));
                    }
                }
                assertThat(out.isPhased(i)).isEqualTo(f.block.isPhased(i));
                if (f.phase[i] != null) {
                    for (int j = 0; j < keep.length; j++) {
                        assertThat(bit(out.phase(i), j)).isEqualTo(bit(f.phase[i], keep[j]));
                    }
                    assertThat(out.phase(i)).hasSize((keep.length + 63) / 64);
                }
            }
        }
    }

    @Test
    void selectVariantsKeepsCodesDosagesAndPhase() {
        Random rnd = new Random(5);
        for (int n : AWKWARD_SIZES) {
            Fixture f = Fixture.random(rnd, n, 9);
            boolean[] keep = new boolean[9];
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < keep.length; i++) {
                keep[i] = rnd.nextBoolean();
                if (keep[i]) {
                    kept.add(i);
                }
            }
            VariantBlock out = f.block.selectVariants(keep, 42);
            assertThat(out.firstIndex()).isEqualTo(42);
            assertThat(out.sampleCount()).isEqualTo(n);
            assertThat(out.variantCount()).isEqualTo(kept.size());
            for (int j = 0; j < kept.size(); j++) {
                int i = kept.get(j);
                assertThat(out.variant(j)).isEqualTo(f.block.variant(i));
                for (int s = 0; s < n; s++) {
                    assertThat(out.code(j, s)).isEqualTo(f.codes[i][s]);
                }
                assertThat(out.dosages(j)).isEqualTo(f.dosages[i]);
                assertThat(out.phase(j)).isEqualTo(f.phase[i]);
            }
        }
    }

    @Test
    void selectionsOnABlockWithoutDosagesOrPhaseStayWithout() {
        Fixture f = Fixture.random(new Random(6), 40, 3);
        VariantBlock bare = new VariantBlock(0, 40, f.block.variants(), f.block.genotypeWords(), null, null);
        VariantBlock s = bare.selectSamples(new int[] {39, 0, 7});
        VariantBlock v = bare.selectVariants(new boolean[] {true, false, true}, 0);
        for (VariantBlock b : List.of(s, v)) {
            assertThat(b.hasDosages()).isFalse();
            for (int i = 0; i < b.variantCount(); i++) {
                assertThat(b.dosages(i)).isNull();
                assertThat(b.isPhased(i)).isFalse();
            }
        }
        assertThat(s.code(1, 0)).isEqualTo(f.codes[1][39]);
        assertThat(v.code(1, 7)).isEqualTo(f.codes[2][7]);
    }

    private static boolean bit(long[] bits, int i) {
        return (bits[i >>> 6] >>> (i & 63) & 1L) != 0;
    }

    /** Random codes; some rows are dense in one code so that whole words are uniform. */
    private static int[] randomCodes(Random rnd, int n, int rep) {
        int[] c = new int[n];
        int bias = rep % 5;
        for (int s = 0; s < n; s++) {
            c[s] = bias < 4 && rnd.nextInt(4) != 0 ? bias : rnd.nextInt(4);
        }
        return c;
    }

    /** A random block with dosages and phase on some variants. */
    private record Fixture(VariantBlock block, int[][] codes, float[][] dosages, long[][] phase) {
        static Fixture random(Random rnd, int n, int variants) {
            int wpv = GenotypeCodes.wordsPerVariant(n);
            long[] words = new long[variants * wpv];
            int[][] codes = new int[variants][n];
            float[][] dosages = new float[variants][];
            long[][] phase = new long[variants][];
            List<Variant> vs = new ArrayList<>();
            for (int i = 0; i < variants; i++) {
                vs.add(new Variant("1", 100 + i, "rs" + i, "A", "G", Double.NaN));
                codes[i] = randomCodes(rnd, n, i);
                for (int s = 0; s < n; s++) {
                    GenotypeCodes.set(words, i * wpv, s, codes[i][s]);
                }
                if (i % 3 != 1) {
                    dosages[i] = new float[n];
                    for (int s = 0; s < n; s++) {
                        dosages[i][s] = codes[i][s] == 3 ? Float.NaN : codes[i][s] + (rnd.nextFloat() - 0.5f) / 4;
                    }
                }
                if (i % 2 == 0) {
                    phase[i] = new long[(n + 63) >>> 6];
                    for (int s = 0; s < n; s++) {
                        if (codes[i][s] == 1 && rnd.nextBoolean()) {
                            phase[i][s >>> 6] |= 1L << (s & 63);
                        }
                    }
                }
            }
            return new Fixture(new VariantBlock(7, n, vs, words, dosages, phase), codes, dosages, phase);
        }
    }
}
