package org.genosynth.exec;

import java.util.Objects;

/**
 * Where and how a job runs: the {@link Backend} that schedules its block kernels, the worker thread count (for the
 * parts of a job that size buffers or BLAS work by it) and the {@link ProgressListener} it reports to. The command
 * line makes one per command run and passes it to every job; jobs never create a backend. {@link #local} is the one
 * place a {@link LocalBackend} is made.
 *
 * <p>The context owns its backend: closing the context closes the backend. Jobs use the context and leave closing to
 * whoever made it.
 */
public final class ExecutionContext implements AutoCloseable {
    private final Backend backend;
    private final int threads;
    private final ProgressListener progress;

    /** A context over {@code backend}; {@code threads} is the backend's parallelism unless given ({@code > 0}). */
    public ExecutionContext(Backend backend, int threads, ProgressListener progress) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.threads = threads > 0 ? threads : backend.parallelism();
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** A thread-pool context with {@code threads} workers ({@code <= 0}: one per processor), no progress. */
    public static ExecutionContext local(int threads) {
        return local(threads, ProgressListener.NONE);
    }

    /** A thread-pool context with {@code threads} workers ({@code <= 0}: one per processor). */
    public static ExecutionContext local(int threads, ProgressListener progress) {
        LocalBackend backend = new LocalBackend(threads);
        return new ExecutionContext(backend, backend.parallelism(), progress);
    }

    /** The same backend and threads reporting to {@code listener} (the returned view does not own the backend). */
    public ExecutionContext withProgress(ProgressListener listener) {
        return new ExecutionContext(new Unowned(backend), threads, listener);
    }

    public Backend backend() {
        return backend;
    }

    /** Worker threads on this machine, for the parts of a job that run here (resolved: never {@code <= 0}). */
    public int threads() {
        return threads;
    }

    public ProgressListener progress() {
        return progress;
    }

    @Override
    public void close() {
        backend.close();
    }

    /** A view of a backend whose {@link #close} does nothing (the owner closes it). */
    private record Unowned(Backend delegate) implements Backend {
        @Override
        public int parallelism() {
            return delegate.parallelism();
        }

        @Override
        public <B, R> void mapOrdered(java.util.Iterator<B> blocks, java.util.function.Function<B, R> kernel,
                                      java.util.function.Consumer<R> sink) {
            delegate.mapOrdered(blocks, kernel, sink);
        }

        @Override
        public <B, S, R> java.util.List<S> mapOrdered(java.util.Iterator<B> blocks,
                java.util.function.Supplier<S> workerState, java.util.function.BiFunction<S, B, R> kernel,
                java.util.function.Consumer<R> sink) {
            return delegate.mapOrdered(blocks, workerState, kernel, sink);
        }

        @Override
        public void close() {
        }
    }
}
