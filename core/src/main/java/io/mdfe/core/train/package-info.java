/**
 * Training machinery around the model: {@code schedule} (the upstream learning-rate schedule and
 * the training plan: iterations, warmup, save points) and {@code optim} (PyTorch-exact optimizers
 * with serialisable state, driven by DJL's {@code Trainer}).
 */
package io.mdfe.core.train;
