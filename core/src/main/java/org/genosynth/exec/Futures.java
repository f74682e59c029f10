package org.genosynth.exec;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for a backend's work: a failure is rethrown as it came from the kernel (one message, no wrapper). */
public final class Futures {
    private Futures() {
    }

    /**
     * The result of {@code future}; the kernel's runtime exception or error rethrown unchanged, any other cause
     * wrapped once; an interrupt restores the thread's flag and stops with {@code "interrupted while " + waiting}.
     */
    public static <T> T await(Future<T> future, String waiting) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + waiting, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
