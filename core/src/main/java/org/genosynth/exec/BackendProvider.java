package org.genosynth.exec;

/**
 * A backend other than the local thread pool, found with {@link java.util.ServiceLoader} (the {@code spark} module
 * registers {@code SparkBackendProvider} under {@code META-INF/services/org.genosynth.exec.BackendProvider}), so that
 * {@code core} and {@code cli} build and run without it.
 */
public interface BackendProvider {
    /** The name users give to {@code --backend}, e.g. {@code spark}. */
    String name();

    /**
     * Opens a backend.
     *
     * @param master  where to run, in the provider's terms (Spark: a master URL such as {@code local[2]} or
     *                {@code yarn}); null for the provider's default
     * @param threads worker threads the user asked for ({@code <= 0}: the provider's default)
     */
    Backend open(String master, int threads);
}
