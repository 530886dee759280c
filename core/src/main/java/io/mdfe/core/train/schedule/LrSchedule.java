package io.mdfe.core.train.schedule;

/**
 * A learning rate per optimizer step: {@code lr(t)} is the rate used by update {@code t}
 * (0-based). Implementations are pure functions of {@code t}, so resuming at step {@code t}
 * needs no schedule state.
 */
@FunctionalInterface
public interface LrSchedule {

    /**
     * @param step the 0-based optimizer step index
     * @return the learning rate for that step
     * @throws IllegalArgumentException when {@code step < 0}
     */
    double lr(long step);
}
