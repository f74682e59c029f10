package org.genosynth.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The launcher's SLF4J binding for Spark: warnings and errors on one line each, nothing below, the expected ones quiet. */
class WarningsLogProviderTest {
    private static String logged(String name, java.util.function.Consumer<Logger> calls) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        calls.accept(new WarningsLogProvider.WarningsLogger(name, out));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void warningsAndErrorsArePrintedWithTheirArgumentsAndStack() {
        String text = logged("org.apache.spark.storage.BlockManager", log -> {
            log.info("starting {}", "x");
            log.debug("detail");
            log.warn("disk {} is {} full", "/tmp", "95%");
            log.error("lost executor", new IllegalStateException("gone"));
        });
        assertThat(text.lines().toList()).startsWith(
                "genosynth: spark: WARN BlockManager: disk /tmp is 95% full",
                "genosynth: spark: ERROR BlockManager: lost executor",
                "java.lang.IllegalStateException: gone");
        assertThat(text).doesNotContain("starting").doesNotContain("detail");
    }

    @Test
    void theWarningsExpectedOnOneMachineAreQuietButTheirErrorsAreNot() {
        String text = logged("org.apache.spark.scheduler.TaskSetManager", log -> {
            log.warn("Stage 0 contains a task of very large size (2000 KiB)");
            log.error("Task 3 failed {} times; aborting job", 4);
        });
        assertThat(text).isEqualTo("genosynth: spark: ERROR TaskSetManager: Task 3 failed 4 times; aborting job"
                + System.lineSeparator());
    }

    @Test
    void theQuietLoggersAreTheOnesTheLog4j2ConfigurationSetsToError() {
        assertThat(WarningsLogProvider.errorsOnly()).containsExactlyInAnyOrder(
                "org.apache.spark.scheduler.TaskSetManager", "org.apache.spark.util.Utils",
                "org.apache.hadoop.util.NativeCodeLoader");
    }

    @Test
    void activeOnlyWhenSlf4jIsBoundToIt() {
        String before = System.getProperty("slf4j.provider");
        try {
            System.clearProperty("slf4j.provider");
            assertThat(WarningsLogProvider.active()).isFalse();
            System.setProperty("slf4j.provider", WarningsLogProvider.class.getName());
            assertThat(WarningsLogProvider.active()).isTrue();
            assertThat(new WarningsLogProvider().getLoggerFactory().getLogger("a.b.C").isWarnEnabled()).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty("slf4j.provider");
            } else {
                System.setProperty("slf4j.provider", before);
            }
        }
    }
}
