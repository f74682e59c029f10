package org.genosynth.exec;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A per-block function that any backend can run, including on other machines: it is serializable, and its fields are
 * its inputs, shipped once per job ({@code SparkBackend} broadcasts the kernel; {@link LocalBackend} shares it between
 * its threads). It must not capture files, readers or other non-serializable objects, and {@link #apply} must be safe
 * to call from several threads at once (keep per-call work buffers local).
 */
public interface BlockKernel<B, R> extends Function<B, R>, Serializable {
    /**
     * An upper estimate of one result's size in bytes, 0 when small or unknown. A backend that gathers results on a
     * driver (Spark) uses it to size what it gathers at once: a synth block of 1,000,000 genomes is 256 MB.
     */
    default long resultBytes() {
        return 0;
    }
}
