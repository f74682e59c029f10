/**
 * Scheduling of per-block kernels: the {@link org.genosynth.exec.ExecutionContext} a job is given (backend, threads,
 * progress), the {@link org.genosynth.exec.Backend} interface, the thread-pool {@link org.genosynth.exec.LocalBackend},
 * the serializable kernel types {@link org.genosynth.exec.BlockKernel} and {@link org.genosynth.exec.WorkerKernel}
 * that the {@code spark} module's backend ships to executors, and progress reporting.
 */
package org.genosynth.exec;
