package org.genosynth.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.genosynth.exec.Backend;
import org.genosynth.exec.BackendProvider;

/**
 * {@code --backend spark}: a {@link SparkBackend} on the context given to {@link #share} when there is one (a program
 * that embeds genosynth, or a test class sharing one context), else on a new context for {@code --spark-master},
 * spark-submit's {@code spark.master}, or {@code local[threads]} / {@code local[*]}, stopped when the command's
 * execution context closes.
 */
public final class SparkBackendProvider implements BackendProvider {
    private static volatile JavaSparkContext shared;

    /** Runs later commands on {@code context} (null: each command starts and stops its own). */
    public static void share(JavaSparkContext context) {
        shared = context;
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Backend open(String master, int threads) {
        JavaSparkContext running = shared;
        if (running != null) {
            return new SparkBackend(running, false, threads);
        }
        SparkConf conf = new SparkConf().setAppName("genosynth");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(threads > 0 ? "local[" + threads + "]" : "local[*]");
        }
        conf.setIfMissing("spark.log.level", "WARN");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        }
        // Spark starts while the command reads its inputs on the driver
        return SparkBackend.starting(() -> new JavaSparkContext(conf), localParallelism(conf), threads);
    }

    /**
     * The default parallelism of a {@code local}, {@code local[N]} or {@code local[*]} master without a
     * {@code spark.default.parallelism} setting (Spark's own rule), else -1 (ask the started context).
     */
    static int localParallelism(SparkConf conf) {
        if (conf.contains("spark.default.parallelism")) {
            return -1;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\s*\\d+)?\\])?")
                .matcher(conf.get("spark.master").strip());
        if (!m.matches()) {
            return -1;
        }
        if (m.group(1) == null) {
            return 1;
        }
        return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    }
}
