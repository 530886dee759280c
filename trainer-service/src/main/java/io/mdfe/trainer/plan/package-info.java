/**
 * From a request to a run: the {@link io.mdfe.trainer.plan.RunPlanner} checks a
 * {@link io.mdfe.trainer.plan.TrainingRequest} (config, data, overrides) and creates the run folder; the
 * {@link io.mdfe.trainer.plan.Retrainer} does the same for each recipe whose dataset changed.
 */
package io.mdfe.trainer.plan;
