package org.genosynth.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/** Runs block kernels on a fixed pool of daemon threads in this JVM. */
public final class LocalBackend implements Backend {
    private final int threads;
    private final ExecutorService pool;

    /** A backend with {@code threads} workers ({@code <= 0}: one per available processor). */
    public LocalBackend(int threads) {
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "genosynth-worker");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public <B, S, R> List<S> mapOrdered(Iterator<B> blocks, Supplier<S> workerState, BiFunction<S, B, R> kernel,
                                        Consumer<R> sink) {
        List<S> states = Collections.synchronizedList(new ArrayList<>());
        if (pool == null) {
            S state = workerState.get();
            states.add(state);
            while (blocks.hasNext()) {
                sink.accept(kernel.apply(state, blocks.next()));
            }
            return states;
        }
        ThreadLocal<S> perWorker = ThreadLocal.withInitial(() -> {
            S state = workerState.get();
            states.add(state);
            return state;
        });
        Deque<Future<R>> inFlight = new ArrayDeque<>();
        int maxInFlight = threads * 2;
        try {
            while (blocks.hasNext()) {
                B block = blocks.next();
                inFlight.addLast(pool.submit(() -> kernel.apply(perWorker.get(), block)));
                if (inFlight.size() >= maxInFlight) {
                    sink.accept(await(inFlight.removeFirst()));
                }
            }
            while (!inFlight.isEmpty()) {
                sink.accept(await(inFlight.removeFirst()));
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
        }
        return new ArrayList<>(states);
    }

    private static <R> R await(Future<R> future) {
        return Futures.await(future, "waiting for a worker");
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
