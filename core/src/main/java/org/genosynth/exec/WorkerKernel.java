package org.genosynth.exec;

import java.io.Serializable;
import java.util.function.BiFunction;

/**
 * A per-block function with a mutable state per worker (Spark: per partition) for accumulations whose combine is
 * associative and commutative (integer counts), so that which blocks a worker sees does not change the combined
 * result. Serializable like {@link BlockKernel}; the states travel back to the caller, which combines them.
 */
public interface WorkerKernel<S, B, R> extends BiFunction<S, B, R>, Serializable {
    /** A fresh, empty state for one worker or partition. */
    S newState();

    /** As {@link BlockKernel#resultBytes}. */
    default long resultBytes() {
        return 0;
    }
}
