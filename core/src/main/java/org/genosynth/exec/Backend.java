package org.genosynth.exec;

import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Schedules per-block kernels. A computation is written once as a function of one block plus an associative combine
 * of its results; a backend only decides where the blocks run. {@link LocalBackend} runs them on a thread pool; the
 * {@code spark} module's {@code SparkBackend} runs {@link BlockKernel}s and {@link WorkerKernel}s on Spark partitions
 * (other kernels, plain lambdas over in-memory data, it runs on the driver's threads). Jobs obtain their backend from
 * the {@link ExecutionContext} they are given.
 */
public interface Backend extends AutoCloseable {
    /** Number of blocks processed at the same time. */
    int parallelism();

    /**
     * Applies {@code kernel} to every block of {@code blocks} and hands the results to {@code sink} in block order
     * (so outputs are byte-identical at any thread count). Blocks are pulled from the iterator on the calling thread;
     * at most a bounded number are in flight. Exceptions from the iterator, the kernel or the sink are rethrown
     * unchanged on the calling thread.
     */
    default <B, R> void mapOrdered(Iterator<B> blocks, Function<B, R> kernel, Consumer<R> sink) {
        mapOrdered(blocks, () -> null, (state, block) -> kernel.apply(block), sink);
    }

    /**
     * Like {@link #mapOrdered(Iterator, Function, Consumer)}, with a mutable state per worker (Spark: per partition)
     * that the kernel may add to, for accumulations whose combine is associative and commutative (integer counts):
     * which blocks a worker sees then does not change the combined result. Returns every state created; the caller
     * combines them.
     */
    <B, S, R> List<S> mapOrdered(Iterator<B> blocks, Supplier<S> workerState, BiFunction<S, B, R> kernel,
                                 Consumer<R> sink);

    /**
     * Runs a {@link WorkerKernel}: like {@link #mapOrdered(Iterator, Supplier, BiFunction, Consumer)} with the
     * kernel's own {@link WorkerKernel#newState} per worker.
     */
    default <B, S, R> List<S> mapOrdered(Iterator<B> blocks, WorkerKernel<S, B, R> kernel, Consumer<R> sink) {
        return mapOrdered(blocks, kernel::newState, kernel, sink);
    }

    /**
     * {@code value} as a {@link Shared} handle for the kernels of this backend's jobs: held as it is on one machine; a
     * distributed backend ships it once (Spark: a broadcast, removed when the backend closes).
     */
    default <T extends java.io.Serializable> Shared<T> share(T value) {
        return Shared.of(value);
    }

    @Override
    void close();
}
