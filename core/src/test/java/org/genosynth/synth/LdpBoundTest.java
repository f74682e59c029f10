package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.genosynth.io.InputException;
import org.junit.jupiter.api.Test;

class LdpBoundTest {

    @Test
    void theBoundIsWhereOneExactCopyIsExpected() {
        // the mouse training split: 1,358 genomes x 12,226 variants
        double max = LdpBound.maxEpsilon(12_226, 1_358);
        assertThat(max).isCloseTo(8.128, within(0.001));
        assertThat(LdpBound.expectedCopies(max, 12_226, 1_358)).isCloseTo(1.0, within(1e-9));
        // the default epsilon 6 changes 0.5 % of genotypes: no genome of 12,226 variants survives unchanged
        assertThat(LdpBound.expectedCopies(6, 12_226, 1_358)).isLessThan(1e-20);
        // a small cohort copies much sooner: 40 genomes x 30 variants
        assertThat(LdpBound.maxEpsilon(30, 40)).isCloseTo(2.726, within(0.001));
    }

    @Test
    void aLargeFiniteEpsilonIsRefusedWithTheLimit() {
        assertThatThrownBy(() -> LdpBound.check(1000, 12_226, 1_358)).isInstanceOf(InputException.class)
                .hasMessageContaining("--epsilon 1000 is too large").hasMessageContaining("about 1358 of them")
                .hasMessageContaining("below 8.13");
        assertThatThrownBy(() -> LdpBound.check(1e308, 12_226, 1_358)).hasMessageContaining("--epsilon 1e308");
        LdpBound.check(8.0, 12_226, 1_358); // below the bound: accepted
    }
}
