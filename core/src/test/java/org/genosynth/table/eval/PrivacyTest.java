package org.genosynth.table.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrivacyTest {
    @Test
    void aucCountsTiesHalf() {
        // pairs (member, non-member): (0,1) (0,3) (1,3) (2,3) member closer, (1,1) tie, (2,1) non-member closer
        assertThat(Privacy.membershipAuc(new double[] {0, 1, 2}, new double[] {1, 3})).isEqualTo(4.5 / 6);
        assertThat(Privacy.membershipAuc(new double[] {5, 5}, new double[] {5, 5})).isEqualTo(0.5);
    }

    @Test
    void shareCloserToTrainCountsTiesHalf() {
        assertThat(Privacy.shareCloserToTrain(new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0.2, 0.2, 0.1, 0.5}))
                .isEqualTo(2.5 / 4);
    }
}
