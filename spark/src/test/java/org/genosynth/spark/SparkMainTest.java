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

    @Test
    void readsTheMasterToStartEarlyFromTheRawArguments() {
        assertThat(SparkMain.earlyStart(new String[] {"gwas", "--input", "x", "--threads", "2", "--backend", "spark",
                "--spark-master", "local[2]"})).isEqualTo(new SparkMain.EarlyStart("local[2]", 2));
        assertThat(SparkMain.earlyStart(new String[] {"qc", "-t", "3", "--backend=spark"}))
                .isEqualTo(new SparkMain.EarlyStart(null, 3));
        assertThat(SparkMain.earlyStart(new String[] {"qc", "--backend=spark", "--spark-master=yarn", "--threads=4"}))
                .isEqualTo(new SparkMain.EarlyStart("yarn", 4));
        // not Spark, help, or a thread count the command line will refuse: nothing started
        assertThat(SparkMain.earlyStart(new String[] {"qc", "--backend", "local"})).isNull();
        assertThat(SparkMain.earlyStart(new String[] {"qc", "--backend", "spark", "--help"})).isNull();
        assertThat(SparkMain.earlyStart(new String[] {"qc", "--backend", "spark", "-t", "two"})).isNull();
        assertThat(SparkMain.earlyStart(new String[] {"split", "--input", "x"})).isNull();
    }

    @Test
    void theMasterOfAnEarlyStartIsTheOneTheBackendWillAskFor() {
        assertThat(SparkBackendProvider.masterFor("local[2]", 7)).isEqualTo("local[2]");
        assertThat(SparkBackendProvider.masterFor(null, 3)).isEqualTo(System.getProperty("spark.master", "local[3]"));
        assertThat(SparkBackendProvider.masterFor(null, 0)).isEqualTo(System.getProperty("spark.master", "local[*]"));
    }
}
