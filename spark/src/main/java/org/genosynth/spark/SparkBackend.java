package org.genosynth.spark;

import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.genosynth.exec.Backend;
import org.genosynth.exec.BlockKernel;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.exec.Shared;
import org.genosynth.exec.WorkerKernel;

/**
 * Runs {@link BlockKernel}s and {@link WorkerKernel}s on Spark partitions. The kernel is broadcast once per call (its
 * fields are its inputs); blocks are pulled from the caller's iterator on the driver in waves, each wave parallelized
 * as an RDD of contiguous block ranges (one partition per executor core) and started as an asynchronous job while the
 * driver reads the next wave, and the partitions' results are collected in partition order, so the sink sees them in block order and outputs are byte-identical to {@code LocalBackend}'s.
 * A {@link WorkerKernel} gets a fresh state per partition; the states come back to the caller to combine.
 *
 * <p>Other kernels (plain lambdas over in-memory matrices), and shippable kernels one of whose inputs turns out not to
 * be serializable (a note says which), run on the driver's threads.
 */
public final class SparkBackend implements Backend {
    /** Blocks per partition in one wave: enough to amortise a job's scheduling, few enough to bound driver memory. */
    static final int BLOCKS_PER_PARTITION = 4;

    private final java.util.concurrent.CompletableFuture<JavaSparkContext> starting;
    private final int knownParallelism;
    private final boolean ownsContext;
    private final ExecutionContext driverThreads;
    /** The broadcasts of {@link #share}, removed when the backend closes. */
    private final List<Broadcast<?>> shared = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * @param spark       the Spark context
     * @param ownsContext stop the context on {@link #close} (false when it was already running, e.g. in tests)
     * @param threads     driver threads for kernels that cannot be shipped ({@code <= 0}: one per processor)
     */
    public SparkBackend(JavaSparkContext spark, boolean ownsContext, int threads) {
        this(java.util.concurrent.CompletableFuture.completedFuture(spark), -1, ownsContext, threads);
    }

    private SparkBackend(java.util.concurrent.CompletableFuture<JavaSparkContext> starting, int knownParallelism,
                         boolean ownsContext, int threads) {
        this.starting = starting;
        this.knownParallelism = knownParallelism;
        this.ownsContext = ownsContext;
        this.driverThreads = ExecutionContext.local(threads);
    }

    /**
     * A backend on a Spark context that is starting on a background thread ({@link #startInBackground}), while the
     * command reads its inputs on the driver (Spark's start-up takes seconds); the first Spark job waits for it, and a
     * failed start is rethrown there.
     *
     * @param starting    the context being started
     * @param parallelism the context's default parallelism when known without it ({@code local[N]}), else -1
     */
    static SparkBackend starting(java.util.concurrent.CompletableFuture<JavaSparkContext> starting, int parallelism,
                                 int threads) {
        return new SparkBackend(starting, parallelism, true, threads);
    }

    /** Starts {@code start} (making a Spark context) on a daemon thread now; its result or failure in the future. */
    static java.util.concurrent.CompletableFuture<JavaSparkContext> startInBackground(
            java.util.function.Supplier<JavaSparkContext> start) {
        java.util.concurrent.CompletableFuture<JavaSparkContext> future = new java.util.concurrent.CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                trace("context: starting");
                future.complete(start.get());
                trace("context: started");
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "genosynth-spark-start");
        starter.setDaemon(true);
        starter.start();
        return future;
    }

    /** {@code -Dgenosynth.spark.trace=true}: a timeline of the Spark start and its jobs on stderr (docs/scale.md). */
    private static final boolean TRACE = Boolean.getBoolean("genosynth.spark.trace");

    /** One line of that timeline: milliseconds since the JVM started, and what happened. */
    static void trace(String what) {
        if (TRACE) {
            System.err.printf(java.util.Locale.ROOT, "genosynth: spark trace %6d ms %s%n",
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(), what);
        }
    }

    private JavaSparkContext spark() {
        return org.genosynth.exec.Futures.await(starting, "starting Spark");
    }

    /** Executor cores Spark schedules at once ({@code spark.default.parallelism}). */
    @Override
    public int parallelism() {
        return knownParallelism > 0 ? knownParallelism : spark().defaultParallelism();
    }

    @Override
    public <B, R> void mapOrdered(Iterator<B> blocks, Function<B, R> kernel, Consumer<R> sink) {
        if (kernel instanceof BlockKernel<B, R> shippable) {
            onPartitions(blocks, new Stateless<>(shippable), sink);
        } else {
            driverThreads.backend().mapOrdered(blocks, kernel, sink);
        }
    }

    @Override
    public <B, S, R> List<S> mapOrdered(Iterator<B> blocks, Supplier<S> workerState, BiFunction<S, B, R> kernel,
                                        Consumer<R> sink) {
        if (kernel instanceof WorkerKernel<S, B, R> shippable) {
            return onPartitions(blocks, shippable, sink);
        }
        return driverThreads.backend().mapOrdered(blocks, workerState, kernel, sink);
    }

    private <B, S, R> List<S> onPartitions(Iterator<B> blocks, WorkerKernel<S, B, R> kernel, Consumer<R> sink) {
        trace("job: kernel to broadcast");
        Broadcast<WorkerKernel<S, B, R>> shipped = broadcast(kernel);
        trace("job: kernel broadcast");
        if (shipped == null) {
            return driverThreads.backend().mapOrdered(blocks, kernel::newState, kernel, sink);
        }
        List<S> states = new ArrayList<>();
        int slices = Math.max(1, parallelism());
        int perPartition = blocksPerPartition(kernel.resultBytes(), slices,
                spark().getConf().getSizeAsBytes("spark.driver.maxResultSize", "1g"));
        Wave<S, R> running = null;
        try {
            running = submit(nextWave(blocks, slices, perPartition), slices, shipped);
            while (running != null) {
                // the driver reads the next wave while the executors work on this one: two waves at most in memory
                List<B> wave = nextWave(blocks, slices, perPartition);
                Wave<S, R> next = submit(wave, slices, shipped);
                List<PartitionResult<S, R>> parts;
                try {
                    parts = running.await();
                } catch (RuntimeException | Error e) {
                    if (next != null) {
                        next.cancel();
                    }
                    throw e;
                }
                running = next;
                trace("job: wave done (" + parts.size() + " partitions)");
                for (PartitionResult<S, R> part : parts) {
                    part.results().forEach(sink);
                    states.add(part.state());
                }
            }
        } finally {
            if (running != null) {
                running.cancel();
            }
            // blocking: an asynchronous removal raced the context cleaner's own, which then logged an ERROR with a
            // stack trace ("Block broadcast_6_piece7 does not exist", pca --approx on 20,000 x 20,000, local[2])
            shipped.destroy(true);
            trace("job: done");
        }
        return states;
    }

    /**
     * Blocks per partition in a wave: {@link #BLOCKS_PER_PARTITION}, fewer when a wave's results would pass half of
     * Spark's limit on what one job may return to the driver ({@code spark.driver.maxResultSize}; 0 = none), and a
     * clear error when even one block per partition would.
     */
    static int blocksPerPartition(long resultBytes, int slices, long maxResultBytes) {
        if (resultBytes <= 0 || maxResultBytes <= 0) {
            return BLOCKS_PER_PARTITION;
        }
        long fit = maxResultBytes / 2 / ((long) slices * resultBytes);
        if (fit < 1) {
            if ((long) slices * resultBytes <= maxResultBytes) {
                return 1;
            }
            throw org.genosynth.io.InputException.usage(String.format(java.util.Locale.ROOT,
                    "one block per Spark task returns %,d MB to the driver per wave of %d tasks, more than "
                    + "spark.driver.maxResultSize (%,d MB): raise it (spark-submit --conf "
                    + "spark.driver.maxResultSize=...) or ask for fewer samples", resultBytes * slices >> 20, slices,
                    maxResultBytes >> 20));
        }
        return (int) Math.min(BLOCKS_PER_PARTITION, fit);
    }

    private static <B> List<B> nextWave(Iterator<B> blocks, int slices, int perPartition) {
        List<B> wave = new ArrayList<>();
        while (blocks.hasNext() && wave.size() < slices * perPartition) {
            wave.add(blocks.next());
        }
        return wave;
    }

    /**
     * Starts one wave as a Spark job (null for an empty wave): its blocks parallelized, the task a plain serializable
     * function object rather than a Scala closure. Spark's closure cleaner, which it runs on every closure of every job
     * ({@code mapPartitionsWithIndex}, {@code collectAsync}), parses the whole class that declared the closure with ASM
     * (RDD, JavaRDDLike: thousands of methods); on two cores that parsing, and the JIT compiling the parser, cost
     * seconds of CPU per run. An object of a named class is not a closure: the cleaner passes it by.
     */
    private <B, S, R> Wave<S, R> submit(List<B> wave, int slices, Broadcast<WorkerKernel<S, B, R>> shipped) {
        if (wave.isEmpty()) {
            return null;
        }
        int partitions = Math.min(slices, wave.size());
        JavaSparkContext spark = spark();
        // no RDD operation scope (a label for Spark's UI, written as JSON by Jackson, whose start-up on the first
        // job took a tenth of a second); the thread's setting restored for a context shared with other code
        String noScope = "spark.rdd.scope.noOverride";
        String before = spark.getLocalProperty(noScope);
        spark.setLocalProperty(noScope, "true");
        org.apache.spark.rdd.RDD<Slot<B>> rdd;
        List<Slot<B>> slots = new ArrayList<>(wave.size());
        for (B block : wave) {
            slots.add(new Slot<>(block));
        }
        try {
            rdd = spark.parallelize(slots, partitions).rdd();
        } finally {
            spark.setLocalProperty(noScope, before);
        }
        Wave<S, R> running = new Wave<>(partitions);
        List<Object> indices = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            indices.add(i);
        }
        running.action = spark.sc().submitJob(rdd, new RunPartition<>(shipped),
                scala.jdk.javaapi.CollectionConverters.asScala(indices).toSeq(), running.handler(),
                running.result());
        return running;
    }

    /** One running wave: its partitions' results as they arrive (in partition order), and its job. */
    private static final class Wave<S, R> {
        private final PartitionResult<S, R>[] parts;
        private org.apache.spark.SimpleFutureAction<List<PartitionResult<S, R>>> action;

        @SuppressWarnings("unchecked")
        Wave(int partitions) {
            parts = new PartitionResult[partitions];
        }

        /** Spark's result handler (called on the driver as each task's result arrives). */
        scala.Function2<Object, PartitionResult<S, R>, scala.runtime.BoxedUnit> handler() {
            return new scala.runtime.AbstractFunction2<>() {
                @Override
                public scala.runtime.BoxedUnit apply(Object partition, PartitionResult<S, R> result) {
                    parts[(Integer) partition] = result;
                    return scala.runtime.BoxedUnit.UNIT;
                }
            };
        }

        /** The job's result once every task's has arrived. */
        scala.Function0<List<PartitionResult<S, R>>> result() {
            return new scala.runtime.AbstractFunction0<>() {
                @Override
                public List<PartitionResult<S, R>> apply() {
                    return java.util.Arrays.asList(parts);
                }
            };
        }

        /**
         * The partitions' results; a failed job's exception rethrown as {@code JavaFutureAction.get} and
         * {@link org.genosynth.exec.Futures#await} did (a runtime exception or error as it came, any other wrapped
         * once), so that a kernel's own error keeps its message.
         */
        List<PartitionResult<S, R>> await() {
            try {
                action.ready(scala.concurrent.duration.Duration.Inf(), null);
            } catch (Exception e) {   // Scala's checked InterruptedException (no timeout: never TimeoutException)
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Spark", e);
                }
                throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
            }
            scala.util.Try<List<PartitionResult<S, R>>> done = action.value().get();
            if (done.isSuccess()) {
                return done.get();
            }
            Throwable failure = done.failed().get();
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            if (failure instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(failure);
        }

        void cancel() {
            action.cancel();
        }
    }

    /**
     * The kernel broadcast to the executors, or null when one of its inputs is not serializable (a model class that
     * has not been made shippable yet): that kernel then runs on the driver's threads, with a note on stderr.
     */
    private <K> Broadcast<K> broadcast(K kernel) {
        try {
            return spark().broadcast(kernel);
        } catch (Exception e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof NotSerializableException)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw e;
            }
            System.err.println("genosynth: note: " + describe(kernel) + " cannot be sent to Spark executors ("
                    + cause.getMessage().lines().findFirst().orElse("") + " is not serializable): it runs on the "
                    + "driver's threads");
            return null;
        }
    }

    private static String describe(Object kernel) {
        return kernel instanceof Stateless<?, ?> s ? s.kernel().getClass().getSimpleName()
                : kernel.getClass().getSimpleName();
    }

    /**
     * {@code value} broadcast once for every kernel of the job that refers to it (the kernels then carry only the
     * broadcast's handle); held as it is, on the driver, when it cannot be serialized.
     */
    @Override
    public <T extends Serializable> Shared<T> share(T value) {
        Broadcast<T> b = broadcast(value);
        if (b == null) {
            return Shared.of(value);
        }
        shared.add(b);
        return new BroadcastValue<>(b, this);
    }

    /** Destroys one of {@link #share}'s broadcasts (blocking, as for the kernels'). */
    private void release(Broadcast<?> b) {
        if (shared.remove(b)) {
            b.destroy(true);
        }
    }

    /** A {@link Shared} value on Spark: its broadcast, read where the kernel runs. */
    private static final class BroadcastValue<T> implements Shared<T> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<T> broadcast;
        /** The driver's backend, which releases the broadcast (not shipped). */
        private final transient SparkBackend owner;

        BroadcastValue(Broadcast<T> broadcast, SparkBackend owner) {
            this.broadcast = broadcast;
            this.owner = owner;
        }

        @Override
        public T get() {
            return broadcast.value();
        }

        @Override
        public void release() {
            if (owner != null) {
                owner.release(broadcast);
            }
        }
    }

    /** What one partition returns: its blocks' results in order, and its worker state. */
    record PartitionResult<S, R>(List<R> results, S state) implements Serializable {
    }

    /**
     * The task: one state per partition, the broadcast kernel applied to each block in order. A named class, not a
     * closure, so that Spark's closure cleaner leaves it alone ({@link #submit}).
     */
    static final class RunPartition<B, S, R>
            extends scala.runtime.AbstractFunction1<scala.collection.Iterator<Slot<B>>, PartitionResult<S, R>>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Broadcast<WorkerKernel<S, B, R>> kernel;

        RunPartition(Broadcast<WorkerKernel<S, B, R>> kernel) {
            this.kernel = kernel;
        }

        @Override
        public PartitionResult<S, R> apply(scala.collection.Iterator<Slot<B>> blocks) {
            WorkerKernel<S, B, R> k = kernel.value();
            S state = k.newState();
            List<R> results = new ArrayList<>();
            while (blocks.hasNext()) {
                results.add(k.apply(state, blocks.next().take()));
            }
            return new PartitionResult<>(results, state);
        }
    }

    /**
     * A block in a wave's partition, which its task lets go of once the kernel has run on it. A task's partition (its
     * own deserialized copy) is held until the task ends, and a block read on the executor keeps its genotypes (4 MB
     * of words for a default block): held by the partition, a task's blocks stayed reachable until its last one was
     * done, and every young collection copied them (20,000 x 100,000 glm on {@code local[2]} with the launcher's heap:
     * 29-34 MB left after each young collection instead of 38-55 MB, pauses 102-106 ms instead of 139-180 ms;
     * docs/scale.md).
     */
    static final class Slot<B> implements Serializable {
        private static final long serialVersionUID = 1L;
        private B block;

        Slot(B block) {
            this.block = block;
        }

        /** The block, once: the slot no longer holds it. */
        B take() {
            if (block == null) {
                throw new IllegalStateException("block already taken from its slot");
            }
            B b = block;
            block = null;
            return b;
        }
    }

    /** A {@link BlockKernel} as a {@link WorkerKernel} without state. */
    private record Stateless<B, R>(BlockKernel<B, R> kernel) implements WorkerKernel<Object, B, R> {
        @Override
        public Object newState() {
            return null;
        }

        @Override
        public R apply(Object state, B block) {
            return kernel.apply(block);
        }

        @Override
        public long resultBytes() {
            return kernel.resultBytes();
        }
    }

    @Override
    public void close() {
        trace("backend closing");
        driverThreads.close();
        synchronized (shared) {
            // blocking, as for the kernels' broadcasts (the context cleaner races an asynchronous removal)
            shared.forEach(b -> b.destroy(true));
            shared.clear();
        }
        if (ownsContext) {
            JavaSparkContext started;
            try {
                started = spark();
            } catch (RuntimeException | Error e) {
                return; // it never started: nothing to stop (the failure was reported where Spark was first used)
            }
            started.stop();
            trace("context stopped");
        }
    }
}
