/**
 * The learning-rate schedule and training plan of upstream MDFE2 (upstream-mdfe2.md, "Training
 * semantics").
 *
 * <p>{@link io.mdfe.core.train.schedule.TrainingPlan} turns the config plus the dataset size into
 * step counts (batches per epoch, total iterations, warmup length, save points);
 * {@link io.mdfe.core.train.schedule.UpstreamSchedule} is the learning rate per optimizer step:
 * cosine annealing (PyTorch {@code CosineAnnealingLR}, per epoch or per iteration) times a
 * per-iteration warmup factor. {@link io.mdfe.core.train.schedule.ScheduleTracker} hands any
 * {@link io.mdfe.core.train.schedule.LrSchedule} to DJL code that expects a {@code Tracker}.
 *
 * <p>Step convention: a "step" is the 0-based index of an optimizer update; "completed steps" is
 * the number of updates done so far (step + 1 after an update).
 */
package io.mdfe.core.train.schedule;
