package io.mdfe.trainer.k8s;

import io.mdfe.k8s.api.v1alpha1.Condition;
import io.mdfe.k8s.api.v1alpha1.Conditions;
import io.mdfe.k8s.api.v1alpha1.Phase;
import io.mdfe.k8s.api.v1alpha1.TrainingRunStatus;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Status transitions of a TrainingRun: phase with its Ready condition, kept free of needless writes. */
final class TrainingRunStatuses {

    private TrainingRunStatuses() {
    }

    static TrainingRunStatus failed(TrainingRunStatus status, long generation, String reason, String message, Clock clock) {
        status.setFailureReason(reason);
        status.setObservedGeneration(generation);
        return withPhase(status, Phase.Failed, false, reason, message, generation, clock);
    }

    /** Sets the phase and the Ready condition; the condition's transition time moves only when its status does. */
    static TrainingRunStatus withPhase(TrainingRunStatus status, Phase phase, boolean ready, String reason, String message,
                                       long generation, Clock clock) {
        status.setPhase(phase);
        long observed = Math.max(generation, status.getObservedGeneration() == null ? 0 : status.getObservedGeneration());
        status.setObservedGeneration(observed);
        List<Condition> conditions = Conditions.withReady(status.getConditions(), ready, reason, message, observed,
                clock.instant());
        status.setConditions(conditions);
        return status;
    }

    /** @return whether writing {@code after} would change nothing */
    static boolean same(TrainingRunStatus before, TrainingRunStatus after) {
        return Objects.equals(io.fabric8.kubernetes.client.utils.Serialization.asJson(before),
                io.fabric8.kubernetes.client.utils.Serialization.asJson(after));
    }
}
