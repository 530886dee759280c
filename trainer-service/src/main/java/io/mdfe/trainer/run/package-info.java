/**
 * Training runs without Quarkus: the run life cycle ({@link io.mdfe.trainer.run.RunState},
 * {@link io.mdfe.trainer.run.RunRecord}), the persisted {@link io.mdfe.trainer.run.RunRegistry}, and the
 * {@link io.mdfe.trainer.run.RunManager} that queues runs, starts their workers through a
 * {@link io.mdfe.trainer.run.RunLauncher} and resumes or fails a run whose worker died.
 */
package io.mdfe.trainer.run;
