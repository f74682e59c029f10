package org.genosynth.exec;

import java.io.Serializable;

/**
 * A large value several kernels of one job read (a cohort's genotypes, say): made once with {@link Backend#share}, so
 * a backend that ships kernels to other machines ships it once, not with every kernel that refers to it (Spark: one
 * broadcast for every pass of a randomized PCA, where the cohort went with each pass's kernel). A kernel keeps the
 * handle as a field and calls {@link #get} where it runs; the job {@link #release}s it when its last pass is done.
 */
public interface Shared<T> extends Serializable {
    /** The value (on a worker, its copy). */
    T get();

    /**
     * Frees the shipped copies once the job's kernels are done with it (Spark: the broadcast destroyed); the
     * backend frees what is left when it closes. Nothing to do for a value held on one machine.
     */
    default void release() {
    }

    /** A handle that holds the value itself: what {@link Backend#share} gives on one machine. */
    static <T extends Serializable> Shared<T> of(T value) {
        return new Held<>(value);
    }

    /** The value held in the handle (serialized with it when it is shipped). */
    record Held<T extends Serializable>(T value) implements Shared<T> {
        @Override
        public T get() {
            return value;
        }
    }
}
