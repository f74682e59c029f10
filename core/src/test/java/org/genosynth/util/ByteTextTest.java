package org.genosynth.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteTextTest {

    @Test
    void integersAsLongToStringWritesThem() {
        Random rnd = new Random(3);
        ByteText text = new ByteText(8);
        StringBuilder expected = new StringBuilder();
        long[] edges = {0, 1, -1, 9, 10, 99, 100, 999_999_999_999_999_999L, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (long v : edges) {
            text.append(v).append('\t');
            expected.append(v).append('\t');
        }
        for (int i = 0; i < 10_000; i++) {
            long v = rnd.nextLong() >> rnd.nextInt(64);
            text.append(v).append('\t');
            expected.append(v).append('\t');
        }
        assertThat(new String(text.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
    }

    @Test
    void stringsInUtf8() {
        ByteText text = new ByteText(4);
        text.append("rs123").append('\t').append("Maus_\u00fc\u00df_\u6d4b").append('\t').append("").append("A");
        assertThat(text.toByteArray()).isEqualTo("rs123\tMaus_\u00fc\u00df_\u6d4b\tA".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void significantDigitsAsTheStringFormatter() {
        Random rnd = new Random(4);
        ByteText text = new ByteText(16);
        for (int i = 0; i < 50_000; i++) {
            double v = switch (i % 3) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong());
                case 1 -> Math.pow(10, -320 + rnd.nextDouble() * 630) * (rnd.nextBoolean() ? 1 : -1);
                default -> rnd.nextDouble();
            };
            int digits = 1 + rnd.nextInt(15);
            text.clear().appendSignificant(v, digits);
            assertThat(new String(text.toByteArray(), StandardCharsets.US_ASCII)).as("%s at %d digits", v, digits)
                    .isEqualTo(Numbers.appendSignificant(new StringBuilder(), v, digits).toString());
        }
    }
}
