package org.genosynth.exec;

import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Schedules per-block kernels. A computation is written once as a function of one block plus an associative combine
 * of its results; a backend only decides where the blocks run. {@link LocalBackend} runs them on a thread pool; a
 * Spark backend runs the same functions on partitions.
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
    <B, R> void mapOrdered(Iterator<B> blocks, Function<B, R> kernel, Consumer<R> sink);

    @Override
    void close();
}
