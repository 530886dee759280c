package io.mdfe.core.train.schedule;

import ai.djl.training.tracker.Tracker;

/**
 * An {@link LrSchedule} as a DJL {@link Tracker}, for DJL optimizers and trainers. DJL counts
 * updates from 1 ({@code numUpdate = 1} for the first update), so
 * {@code getNewValue(n) = (float) schedule.lr(n - 1)}.
 *
 * <p>DJL's own optimizers pass a per-parameter update count; the MDFE optimizers in
 * {@code io.mdfe.core.train.optim} read the schedule at the global step instead and do not need
 * this adapter.
 */
public final class ScheduleTracker implements Tracker {

    private final LrSchedule schedule;

    /** @param schedule the schedule to expose */
    public ScheduleTracker(LrSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public float getNewValue(int numUpdate) {
        if (numUpdate < 1) {
            throw new IllegalArgumentException("DJL update counts start at 1, got " + numUpdate);
        }
        return (float) schedule.lr(numUpdate - 1L);
    }
}
