package io.mdfe.core.train.optim;

import java.util.HashSet;
import java.util.Set;

/**
 * Counts optimizer steps from the stream of per-parameter updates DJL delivers: DJL has no
 * "step begins" call, it just updates each trainable parameter once per {@code trainer.step()}.
 * So a step is over when a parameter already updated in it comes again. This needs each step to
 * update every parameter at most once (true for DJL's {@code ParameterStore} on one device).
 */
final class GlobalStep {

    private long index;
    private final Set<String> updatedInStep = new HashSet<>();

    /**
     * Registers an update of {@code key}.
     *
     * @return the 0-based index of the step this update belongs to
     */
    long enter(String key) {
        if (!updatedInStep.add(key)) {
            index++;
            updatedInStep.clear();
            updatedInStep.add(key);
        }
        return index;
    }

    /** {@return steps completed: the current one counts once any parameter has been updated in it} */
    long completed() {
        return updatedInStep.isEmpty() ? index : index + 1;
    }

    /** Resets to a boundary after {@code completed} steps. */
    void restore(long completed) {
        index = completed;
        updatedInStep.clear();
    }
}
