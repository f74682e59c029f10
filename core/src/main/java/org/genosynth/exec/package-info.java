/**
 * Scheduling of per-block kernels: the {@link org.genosynth.exec.Backend} interface, the thread-pool {@link org.genosynth.exec.LocalBackend} and progress reporting. A Spark backend will implement the same interface.
 */
package org.genosynth.exec;
