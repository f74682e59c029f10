package org.genosynth.assoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DesignChecksTest {
    private static final Path PHENO = Path.of("p.tsv");

    private static double[] random(long seed, int n) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    @Test
    void independentCovariatesPass() {
        assertThatCode(() -> DesignChecks.check(PHENO, "y", random(1, 200), new double[][] {random(2, 200),
            random(3, 200)}, List.of("a", "b"))).doesNotThrowAnyException();
    }

    @Test
    void constantPhenotypeIsRefused() {
        double[] y = new double[50];
        java.util.Arrays.fill(y, 1.5);
        assertThatThrownBy(() -> DesignChecks.check(PHENO, "y", y, new double[0][], List.of()))
                .hasMessage("p.tsv: phenotype 'y' is constant among the 50 samples used; there is nothing to test "
                        + "(plink2 refuses it too)");
    }

    @Test
    void aCovariateTwiceThePhenotypeIsRefusedWithItsRSquared() {
        double[] y = random(1, 100);
        double[] c = y.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] *= 2;
        }
        assertThatThrownBy(() -> DesignChecks.check(PHENO, "y", y, new double[][] {c}, List.of("y2")))
                .hasMessageContaining("R^2 = 1.000000");
    }

    @Test
    void correlationAboveMaxCorrAndVifAbove50AreRefused() {
        double[] a = random(2, 300);
        double[] b = a.clone();
        double[] noise = random(3, 300);
        for (int i = 0; i < b.length; i++) {
            b[i] += 0.01 * noise[i]; // r ~ 0.99995
        }
        assertThatThrownBy(() -> DesignChecks.check(PHENO, "y", random(1, 300), new double[][] {a, b},
                List.of("a", "b"))).hasMessageContaining("covariates 'a' and 'b' are correlated at r = 0.9999");
        // c = a + b + small noise: pairwise correlations ~0.7, VIF of c ~ 1 / (1 - R^2) > 50
        double[] a2 = random(4, 300);
        double[] b2 = random(5, 300);
        double[] c = new double[300];
        for (int i = 0; i < c.length; i++) {
            c[i] = a2[i] + b2[i] + 0.1 * noise[i];
        }
        double[][] inv = DesignChecks.invert(new double[][] {{1, 0.5}, {0.5, 1}});
        assertThat(inv[0][0]).isCloseTo(4.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThatThrownBy(() -> DesignChecks.check(PHENO, "y", random(1, 300), new double[][] {a2, b2, c},
                List.of("a", "b", "c"))).hasMessageContaining("variance inflation factor")
                .hasMessageContaining("above plink2's --vif 50");
    }
}
