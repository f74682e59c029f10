package org.genosynth.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** spark-submit's arguments: {@code --backend spark} is added only where a command takes it and none was given. */
class SparkMainTest {
    @Test
    void addsTheSparkBackendToCommandsThatTakeIt() {
        assertThat(SparkMain.withSparkBackend(new String[] {"qc", "--input", "x", "--out", "y"}))
                .containsExactly("qc", "--input", "x", "--out", "y", "--backend", "spark");
        assertThat(SparkMain.withSparkBackend(new String[] {"pheno", "simulate", "--input", "x"}))
                .containsExactly("pheno", "simulate", "--input", "x", "--backend", "spark");
        assertThat(SparkMain.withSparkBackend(new String[] {"pca", "--approx", "--input", "x"}))
                .containsExactly("pca", "--approx", "--input", "x", "--backend", "spark");
    }

    @Test
    void leavesOtherCommandsAndExplicitChoicesAlone() {
        assertThat(SparkMain.withSparkBackend(new String[] {"split", "--input", "x"})).containsExactly("split",
                "--input", "x");
        assertThat(SparkMain.withSparkBackend(new String[] {"table", "split", "--input", "x"}))
                .containsExactly("table", "split", "--input", "x");
        assertThat(SparkMain.withSparkBackend(new String[] {"gwas", "--backend=local"})).containsExactly("gwas",
                "--backend=local");
        assertThat(SparkMain.withSparkBackend(new String[] {})).isEmpty();
    }
}
