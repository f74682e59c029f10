package org.genosynth.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.genosynth.exec.BlockKernel;
import org.genosynth.exec.WorkerKernel;
import org.genosynth.io.InputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SparkBackend} on {@code local[2]}: block order across waves, per-partition states, the driver fallback for
 * kernels that cannot be shipped, user errors.
 */
class SparkBackendTest {
    private static JavaSparkContext spark;
    private static SparkBackend backend;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("genosynth-backend-test")
                .set("spark.ui.enabled", "false").set("spark.log.level", "WARN"));
        backend = new SparkBackend(spark, false, 2);
    }

    @AfterAll
    static void stopSpark() {
        backend.close();
        spark.stop();
    }

    @Test
    void resultsArriveInBlockOrderAcrossWaves() {
        int blocks = 2 * SparkBackend.BLOCKS_PER_PARTITION * backend.parallelism() + 3;
        List<Integer> seen = new ArrayList<>();
        int jobsBefore = spark.statusTracker().getJobIdsForGroup(null).length;
        backend.mapOrdered(IntStream.range(0, blocks).iterator(), (BlockKernel<Integer, Integer>) b -> b * b,
                seen::add);
        assertThat(seen).isEqualTo(IntStream.range(0, blocks).map(b -> b * b).boxed().toList());
        assertThat(spark.statusTracker().getJobIdsForGroup(null).length - jobsBefore).isEqualTo(3);
    }

    /** A kernel whose results it declares large: a synth block of many genomes. */
    private record Large(long bytes) implements BlockKernel<Integer, Integer> {
        @Override
        public Integer apply(Integer b) {
            return b;
        }

        @Override
        public long resultBytes() {
            return bytes;
        }
    }

    @Test
    void largeResultsComeBackInSmallerWavesUnderTheDriversResultLimit() {
        long mb = 1L << 20;
        // 1,000,000 genomes: 256 MB a block; 2 tasks within half of 1 GB: one block per task
        assertThat(SparkBackend.blocksPerPartition(256 * mb, 2, 1024 * mb)).isEqualTo(1);
        assertThat(SparkBackend.blocksPerPartition(64 * mb, 2, 1024 * mb)).isEqualTo(4);
        assertThat(SparkBackend.blocksPerPartition(0, 2, 1024 * mb)).isEqualTo(SparkBackend.BLOCKS_PER_PARTITION);
        assertThat(SparkBackend.blocksPerPartition(256 * mb, 2, 0)).isEqualTo(SparkBackend.BLOCKS_PER_PARTITION);
        assertThatThrownBy(() -> SparkBackend.blocksPerPartition(1024 * mb, 2, 1024 * mb))
                .isInstanceOf(InputException.class).hasMessageContaining("spark.driver.maxResultSize");
        // and the order still holds with one block per task: 2 tasks a wave
        List<Integer> seen = new ArrayList<>();
        int jobsBefore = spark.statusTracker().getJobIdsForGroup(null).length;
        backend.mapOrdered(IntStream.range(0, 9).iterator(), new Large(256 * mb), seen::add);
        assertThat(seen).isEqualTo(IntStream.range(0, 9).boxed().toList());
        assertThat(spark.statusTracker().getJobIdsForGroup(null).length - jobsBefore).isEqualTo(5);
    }

    @Test
    void aSharedValueIsShippedOnceNotWithEachKernel() throws java.io.IOException {
        long[] cohort = java.util.stream.LongStream.range(0, 1_000_000).toArray();
        org.genosynth.exec.Shared<long[]> shared = backend.share(cohort);
        for (int pass = 0; pass < 3; pass++) {
            long p = pass;
            BlockKernel<Integer, Long> kernel = b -> shared.get()[b * 1000] + p;
            // what travels with each pass's kernel: the broadcast's handle, not the 8 MB array
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(kernel);
            }
            assertThat(bytes.size()).isLessThan(10_000);
            List<Long> seen = new ArrayList<>();
            backend.mapOrdered(IntStream.range(0, 8).iterator(), kernel, seen::add);
            assertThat(seen).isEqualTo(IntStream.range(0, 8).mapToObj(b -> b * 1000L + p).toList());
        }
        // released after the job's last pass: the broadcast is gone
        shared.release();
        assertThatThrownBy(shared::get).hasMessageContaining("destroyed");
    }

    @Test
    void everyPartitionHasItsOwnStateAndTheStatesComeBack() {
        List<long[]> states = backend.mapOrdered(IntStream.range(0, 100).iterator(), new Summing(), r -> { });
        assertThat(states).hasSizeGreaterThanOrEqualTo(2);
        assertThat(states.stream().mapToLong(s -> s[0]).sum()).isEqualTo(99 * 100 / 2);
    }

    @Test
    void kernelsThatCannotBeShippedRunOnTheDriver() {
        Object notSerializable = new Object();
        List<Integer> seen = new ArrayList<>();
        backend.mapOrdered(IntStream.range(0, 10).iterator(), b -> notSerializable.hashCode() * 0 + b, seen::add);
        assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void aShippableKernelWithAnInputThatIsNotSerializableRunsOnTheDriver() {
        List<Integer> seen = new ArrayList<>();
        backend.mapOrdered(IntStream.range(0, 10).iterator(), new HoldsAThread(), seen::add);
        assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void aUserErrorInAKernelKeepsItsMessage() {
        BlockKernel<Integer, Integer> failing = b -> {
            if (b == 7) {
                throw InputException.usage("block 7 is bad");
            }
            return b;
        };
        assertThatThrownBy(() -> backend.mapOrdered(IntStream.range(0, 10).iterator(), failing, r -> { }))
                .hasRootCauseInstanceOf(InputException.class).rootCause().hasMessageContaining("block 7 is bad");
    }

    @Test
    void aTaskLetsGoOfEachBlockOnceTheKernelHasRunOnIt() {
        List<SparkBackend.Slot<Integer>> slots = IntStream.range(1, 4).mapToObj(SparkBackend.Slot::new).toList();
        WorkerKernel<long[], Integer, Integer> summing = new Summing();
        org.apache.spark.broadcast.Broadcast<WorkerKernel<long[], Integer, Integer>> shipped = spark.broadcast(summing);
        try {
            SparkBackend.PartitionResult<long[], Integer> part = new SparkBackend.RunPartition<>(shipped)
                    .apply(scala.jdk.javaapi.CollectionConverters.asScala(slots.iterator()));
            assertThat(part.results()).containsExactly(1, 2, 3);
            assertThat(part.state()).containsExactly(6);
        } finally {
            shipped.destroy(true);
        }
        // the partition's slots no longer hold their blocks (a block read on an executor holds its genotypes)
        for (SparkBackend.Slot<Integer> slot : slots) {
            assertThatThrownBy(slot::take).isInstanceOf(IllegalStateException.class);
        }
    }

    /** A kernel whose field cannot be serialized (as ClusterModel in an HMM's generator). */
    private static final class HoldsAThread implements BlockKernel<Integer, Integer> {
        private final Object input = Thread.currentThread();

        @Override
        public Integer apply(Integer block) {
            return input == null ? -1 : block;
        }
    }

    /** Adds each block to the partition's total. */
    private static final class Summing implements WorkerKernel<long[], Integer, Integer> {
        @Override
        public long[] newState() {
            return new long[1];
        }

        @Override
        public Integer apply(long[] total, Integer block) {
            total[0] += block;
            return block;
        }
    }
}
