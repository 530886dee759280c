/**
 * The embedded worker runtime: {@link io.mdfe.trainer.worker.LocalProcessLauncher} starts one child JVM
 * ({@link io.mdfe.trainer.worker.TrainingWorker}) per run attempt and reads its
 * {@link io.mdfe.trainer.worker.WorkerProtocol} reports; {@link io.mdfe.trainer.worker.WorkerCommand} builds
 * its command line. A crashing worker takes only its own JVM down; the service resumes the run.
 */
package io.mdfe.trainer.worker;
