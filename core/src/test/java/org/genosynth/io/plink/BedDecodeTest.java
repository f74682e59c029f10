package org.genosynth.io.plink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.genosynth.model.GenotypeCodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BedReader#decode} against a per-sample reading of the .bed bytes, for sample counts whose rows are whole
 * 64-bit words (the bulk path: 29..32 and 64 samples give 8 or 16 bytes) and ones that are not, with random bytes
 * including set padding bits.
 */
class BedDecodeTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 5, 29, 30, 31, 32, 33, 61, 64, 100})
    void decodeMatchesPerSampleReading(int samples) {
        Random random = new Random(samples);
        int bytesPerVariant = (samples + 3) / 4;
        int variants = 7;
        byte[] raw = new byte[variants * bytesPerVariant];
        random.nextBytes(raw);
        long[] words = BedReader.decode(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN), variants, samples,
                bytesPerVariant);
        int wpv = GenotypeCodes.wordsPerVariant(samples);
        for (int v = 0; v < variants; v++) {
            for (int s = 0; s < samples; s++) {
                int bed = (raw[v * bytesPerVariant + s / 4] >>> (2 * (s % 4))) & 3;
                int expected = switch (bed) {
                    case 0 -> 2;
                    case 1 -> 3;
                    case 2 -> 1;
                    default -> 0;
                };
                assertThat(GenotypeCodes.get(words, v * wpv, s)).as("variant %d sample %d", v, s)
                        .isEqualTo(expected);
            }
            long last = words[v * wpv + wpv - 1];
            assertThat(last & ~GenotypeCodes.lastWordMask(samples)).as("padding of variant %d", v).isZero();
        }
    }
}
