/**
 * genosynth on Apache Spark: {@link org.genosynth.spark.SparkBackend} runs the serializable block kernels of
 * {@code org.genosynth.exec} on Spark partitions with byte-identical outputs, {@link
 * org.genosynth.spark.SparkBackendProvider} makes it the {@code --backend spark} of the command line, and {@link
 * org.genosynth.spark.SparkMain} is the entry point for {@code spark-submit}. See docs/scale.md.
 */
package org.genosynth.spark;
