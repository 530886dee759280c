package io.mdfe.k8s.api.v1alpha1;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one status rule both operators share: each resource carries a {@code Ready} condition whose
 * lastTransitionTime moves only when its status flips (as {@code meta.SetStatusCondition} does), so an
 * unchanged condition writes nothing.
 */
public final class Conditions {

    /** The condition type every TrainingRun and Evaluation carries. */
    public static final String READY = "Ready";

    private Conditions() {
    }

    /**
     * @param current the conditions now, may be null
     * @param ready whether the resource reached its goal
     * @param reason a CamelCase reason
     * @param message what happened, naming the field for bad input
     * @param generation the spec generation described
     * @param now the time of a transition
     * @return the conditions with Ready replaced, the others kept
     */
    public static List<Condition> withReady(List<Condition> current, boolean ready, String reason, String message,
                                            long generation, Instant now) {
        Condition.Status status = ready ? Condition.Status.True : Condition.Status.False;
        List<Condition> conditions = new ArrayList<>(current == null ? List.of() : current);
        Condition old = conditions.stream().filter(c -> READY.equals(c.getType())).findFirst().orElse(null);
        String since = old != null && old.getStatus() == status ? old.getLastTransitionTime() : now.toString();
        conditions.removeIf(c -> READY.equals(c.getType()));
        conditions.add(new Condition(READY, status, reason, message, since, generation));
        return conditions;
    }
}
