/**
 * Optimizers with exact PyTorch update rules and serialisable state, driven by DJL's
 * {@code Trainer}/{@code ParameterStore} like any DJL {@code Optimizer}.
 *
 * <p>Why not DJL's own: their moment buffers are private, so a checkpoint cannot capture them and
 * a resumed run would not continue exactly; their rate comes from DJL's per-parameter update
 * count rather than the run's global step; and their formulas differ from PyTorch's in details
 * (first momentum step, decoupled decay). Here every optimizer is a
 * {@link io.mdfe.core.train.optim.TrainingOptimizer}: {@code saveState}/{@code loadState} write and
 * read all of it (the step counters and every buffer, bit-exact).
 *
 * <p>{@link io.mdfe.core.train.optim.OptimizerRegistry} builds them by OPTIMIZER.name: SGD, Adam,
 * AdamW, SAM_Adam, SAM_AdamW. The SAM variants need the two-pass protocol described on
 * {@link io.mdfe.core.train.optim.SamOptimizer}.
 */
package io.mdfe.core.train.optim;
