package org.genosynth.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NumberTextTest {
    @Test
    void everyThreeDecimalDosageKeepsItsText() {
        for (int i = 0; i <= 2000; i++) {
            String text = new BigDecimal(i).movePointLeft(3).stripTrailingZeros().toPlainString();
            assertThat(NumberText.formatFloat(Float.parseFloat(text))).isEqualTo(text);
        }
    }

    @Test
    void plainShortestText() {
        assertThat(NumberText.formatFloat(1e-4f)).isEqualTo("0.0001");
        assertThat(NumberText.formatFloat(1.26f)).isEqualTo("1.26");
        assertThat(NumberText.formatDouble(2e-3)).isEqualTo("0.002");
        assertThat(NumberText.formatDouble(-9)).isEqualTo("-9");
        assertThat(NumberText.formatDouble(0.224991591484104)).isEqualTo("0.224991591484104");
        float third = 1f / 3;
        assertThat(Float.parseFloat(NumberText.formatFloat(third))).isEqualTo(third);
    }

    @Test
    void parsesOnlyPlainDecimals() {
        assertThat(NumberText.parseDecimal("-1.5e2")).isEqualTo(-150.0);
        assertThatThrownBy(() -> NumberText.parseDecimal("NaN")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> NumberText.parseDecimal("1d")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> NumberText.parseDecimal("0x1p3")).isInstanceOf(NumberFormatException.class);
    }
}
