package io.mdfe.core.config;

/**
 * Section {@code SCHEDULER}: learning-rate schedule and warmup (semantics: upstream-mdfe2.md,
 * "Training semantics").
 *
 * @param epochBased    SCHEDULER.epoch_based (step per epoch instead of per iteration)
 * @param name          SCHEDULER.name (cosine, none)
 * @param warmup        SCHEDULER.warmup (linear, exponential, none)
 * @param warmupSteps   SCHEDULER.warmup_steps (&lt; 10 = epochs)
 * @param seenImgWarmup SCHEDULER.seen_img_warmup (images)
 * @param minLr         SCHEDULER.min_lr
 */
public record SchedulerConfig(boolean epochBased, String name, String warmup, int warmupSteps, int seenImgWarmup,
                              double minLr) {
}
