package org.genosynth.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The default parallelism known without starting Spark: Spark's rule for local masters, else unknown (-1). */
class SparkBackendProviderTest {
    private static int of(String master) {
        return SparkBackendProvider.localParallelism(new SparkConf(false).setMaster(master));
    }

    @Test
    void localMastersTellTheirCores() {
        assertEquals(2, of("local[2]"));
        assertEquals(1, of("local"));
        assertEquals(3, of("local[3, 4]"));
        assertEquals(Runtime.getRuntime().availableProcessors(), of("local[*]"));
    }

    @Test
    void otherMastersAndExplicitSettingsAskTheContext() {
        assertEquals(-1, of("spark://head:7077"));
        assertEquals(-1, of("local-cluster[2,1,1024]"));
        assertEquals(-1, of("yarn"));
        assertEquals(-1, SparkBackendProvider.localParallelism(
                new SparkConf(false).setMaster("local[2]").set("spark.default.parallelism", "8")));
    }
}
