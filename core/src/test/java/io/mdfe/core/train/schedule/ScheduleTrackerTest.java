package io.mdfe.core.train.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** DJL counts updates from 1, the schedule steps from 0. */
class ScheduleTrackerTest {

    @Test
    void firstDjlUpdateReadsStepZero() {
        ScheduleTracker tracker = new ScheduleTracker(step -> 0.5 + step);
        assertEquals(0.5f, tracker.getNewValue(1));
        assertEquals(3.5f, tracker.getNewValue(4));
        assertEquals(3.5f, tracker.getNewValue("any-parameter", 4));
        assertThrows(IllegalArgumentException.class, () -> tracker.getNewValue(0));
    }

    @Test
    void warmupFactors() {
        assertEquals(0.25, Warmup.LINEAR.factor(0, 4));
        assertEquals(1.0, Warmup.LINEAR.factor(10, 4));
        assertEquals(1 - Math.exp(-0.5), Warmup.EXPONENTIAL.factor(1, 4), 1e-15);
        assertEquals(1.0, Warmup.NONE.factor(0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Warmup.of("cubic"));
        assertEquals("SCHEDULER.warmup: unknown value 'cubic'; allowed: linear, exponential, none", e.getMessage());
    }
}
