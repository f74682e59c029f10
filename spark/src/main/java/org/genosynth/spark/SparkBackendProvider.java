package org.genosynth.spark;

import java.util.concurrent.CompletableFuture;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.genosynth.exec.Backend;
import org.genosynth.exec.BackendProvider;

/**
 * {@code --backend spark}: a {@link SparkBackend} on the context given to {@link #share} when there is one (a program
 * that embeds genosynth, or a test class sharing one context), else on a new context for {@code --spark-master},
 * spark-submit's {@code spark.master}, or {@code local[threads]} / {@code local[*]}, stopped when the command's
 * execution context closes. {@link SparkMain} starts that context before the command runs ({@link #startEarly}).
 */
public final class SparkBackendProvider implements BackendProvider {
    private static volatile JavaSparkContext shared;
    /** A context {@link #startEarly} began for a master (resolved), not yet claimed by {@link #open}. */
    private static Early early;
    /** Set by the first {@link #open}: a later {@link #startEarly} (its thread came late) does nothing. */
    private static boolean opened;

    private record Early(String master, CompletableFuture<JavaSparkContext> context) {
    }

    /** Runs later commands on {@code context} (null: each command starts and stops its own). */
    public static void share(JavaSparkContext context) {
        shared = context;
    }

    @Override
    public String name() {
        return "spark";
    }

    /**
     * Starts, on a background thread, the context that {@link #open}{@code (master, threads)} will ask for, so that
     * Spark's start-up (seconds: its classes, the Hadoop configuration, the scheduler) overlaps the command's own
     * start and input reading from the first millisecond. {@link SparkMain} calls it with the command line's options;
     * an {@code open} for another master stops it first; one nobody claimed ends with the JVM ({@link SparkMain}).
     */
    static synchronized void startEarly(String master, int threads) {
        if (shared != null || early != null || opened) {
            return;
        }
        String resolved = masterFor(master, threads);
        early = new Early(resolved, SparkBackend.startInBackground(() -> new JavaSparkContext(confFor(resolved))));
    }

    /** True when {@link #startEarly} began a context that no command has claimed (it is left to the JVM's exit). */
    static synchronized boolean unclaimedEarly() {
        return early != null;
    }

    private static void stopQuietly(CompletableFuture<JavaSparkContext> context) {
        try {
            context.join().stop();
        } catch (RuntimeException e) {
            // it failed to start: nothing to stop (the command that wanted it reports its own failure)
        }
    }

    @Override
    public Backend open(String master, int threads) {
        SparkBackend.trace("backend opened by the command");
        JavaSparkContext running = shared;
        if (running != null) {
            return new SparkBackend(running, false, threads);
        }
        String resolved = masterFor(master, threads);
        Early started;
        synchronized (SparkBackendProvider.class) {
            started = early;
            early = null;
            opened = true;
        }
        CompletableFuture<JavaSparkContext> context;
        if (started != null && started.master().equals(resolved)) {
            context = started.context();
        } else {
            // one context per JVM: an early one for another master is stopped before this one starts
            context = SparkBackend.startInBackground(() -> {
                if (started != null) {
                    stopQuietly(started.context());
                }
                return new JavaSparkContext(confFor(resolved));
            });
        }
        return SparkBackend.starting(context, localParallelism(resolved,
                System.getProperty("spark.default.parallelism") != null), threads);
    }

    /**
     * The master a context for {@code --spark-master master} runs on: that one, else spark-submit's
     * {@code spark.master} (a system property, as {@link SparkConf} reads it), else {@code local[threads]} or
     * {@code local[*]}.
     */
    static String masterFor(String master, int threads) {
        if (master != null) {
            return master;
        }
        String submitted = System.getProperty("spark.master");
        if (submitted != null) {
            return submitted;
        }
        return threads > 0 ? "local[" + threads + "]" : "local[*]";
    }

    /** The context's settings: spark-submit's ({@code spark.*} system properties) with genosynth's defaults. */
    static SparkConf confFor(String master) {
        SparkConf conf = new SparkConf().setAppName("genosynth").setMaster(master);
        SparkBackend.trace("context: SparkConf made");
        if (!WarningsLogProvider.active()) {
            // Spark sets this level on log4j2 (starting it); the launcher's binding prints warnings and errors itself
            conf.setIfMissing("spark.log.level", "WARN");
        }
        // the launcher's choice of OpenBLAS kernels (AVX2 on AVX-512 processors, for the same bytes on every run)
        // holds for executors on other machines too; local executors share the driver's process and environment
        String coreType = System.getenv("OPENBLAS_CORETYPE");
        if (coreType != null && !coreType.isBlank()) {
            conf.setIfMissing("spark.executorEnv.OPENBLAS_CORETYPE", coreType);
        }
        if (master.startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.ui.showConsoleProgress", "false");
            // per-executor JVM metrics (memory pools, GC, process tree) for a UI there is not: their source's
            // set-up was a tenth of the context's start
            conf.setIfMissing("spark.metrics.executorMetricsSource.enabled", "false");
        }
        return conf;
    }

    /**
     * The default parallelism of a {@code local}, {@code local[N]} or {@code local[*]} master without a
     * {@code spark.default.parallelism} setting (Spark's own rule), else -1 (ask the started context).
     */
    static int localParallelism(SparkConf conf) {
        return localParallelism(conf.get("spark.master"), conf.contains("spark.default.parallelism"));
    }

    private static int localParallelism(String master, boolean parallelismSet) {
        if (parallelismSet) {
            return -1;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\s*\\d+)?\\])?")
                .matcher(master.strip());
        if (!m.matches()) {
            return -1;
        }
        if (m.group(1) == null) {
            return 1;
        }
        return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    }
}
