package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A failed Spark job is a one-line error (exit 2), not an "internal error" with a stack trace. Spark's exception class
 * is matched by name (the cli does not depend on Spark), so a class of that name stands in for it here.
 */
class SparkFailureMessageTest {
    /** Stands in for org.apache.spark.SparkException. */
    static final class SparkException extends RuntimeException {
        SparkException(String message) {
            super(message);
        }
    }

    @Test
    void aFailedStageGivesSparksReasonOnOneLine() {
        // as the backend rethrows it (Futures.await wraps the job's failure)
        RuntimeException e = new IllegalStateException(new SparkException("Job aborted due to stage failure: Total size "
                + "of serialized results of 2 tasks (1963.0 MiB) is bigger than spark.driver.maxResultSize (1024.0 MiB)"
                + "\nDriver stacktrace:\n\tat org.apache.spark..."));
        assertThat(Main.sparkFailure(e)).isEqualTo("the Spark job failed: Total size of serialized results of 2 tasks "
                + "(1963.0 MiB) is bigger than spark.driver.maxResultSize (1024.0 MiB) (Spark's log above has the "
                + "executors' side)");
        assertThat(Main.sparkFailure(new IllegalStateException("something else"))).isNull();
    }
}
