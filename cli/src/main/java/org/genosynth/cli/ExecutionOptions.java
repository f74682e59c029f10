package org.genosynth.cli;

import java.util.Locale;
import java.util.ServiceLoader;
import org.genosynth.exec.Backend;
import org.genosynth.exec.BackendProvider;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.exec.ProgressListener;
import org.genosynth.io.InputException;
import picocli.CommandLine.Option;

/**
 * Where a command's block kernels run ({@code --backend}, {@code --spark-master}), and the one factory of the
 * {@link ExecutionContext} a command passes to its jobs: the local thread pool, or a backend registered by another
 * module (the {@code spark} module's). Outputs are the same bytes on every backend.
 */
final class ExecutionOptions {
    /** Spark's master when neither --spark-master nor spark-submit's {@code spark.master} names one. */
    static final String DEFAULT_SPARK_MASTER = "local[*]";

    @Option(names = "--backend", paramLabel = "local|spark", defaultValue = "local",
            description = "Where the block computations run: local (this process's threads, the default) or spark "
                    + "(Apache Spark; needs the spark module, see docs/scale.md). Outputs are identical.")
    String backend;

    @Option(names = "--spark-master", paramLabel = "URL",
            description = "Spark master for --backend spark, e.g. local[2], spark://host:7077, yarn, k8s://https://"
                    + "host:443 (default: spark-submit's, else local[*]).")
    String sparkMaster;

    /** The context for one command run; the caller closes it. */
    ExecutionContext open(int threads, ProgressListener progress) {
        String name = backend.toLowerCase(Locale.ROOT);
        if (name.equals("local")) {
            if (sparkMaster != null) {
                throw InputException.usage("--spark-master needs --backend spark");
            }
            return ExecutionContext.local(threads, progress);
        }
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
            if (provider.name().equals(name)) {
                Backend opened = provider.open(sparkMaster, threads);
                // the context's threads are this machine's (for the parts of a job that stay on the driver), not the
                // cluster's parallelism
                return new ExecutionContext(opened, threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
                        progress);
            }
        }
        if (name.equals("spark")) {
            throw InputException.usage("--backend spark needs the spark module and Spark's jars: build it with "
                    + "'mvn -pl spark -am package' and run ./genosynth, or spark-submit "
                    + "spark/target/genosynth-spark.jar (see docs/scale.md)");
        }
        throw InputException.usage("--backend must be local or spark, not '" + backend + "'");
    }
}
