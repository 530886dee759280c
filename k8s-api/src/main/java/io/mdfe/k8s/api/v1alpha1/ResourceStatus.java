package io.mdfe.k8s.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * What the status of every mdfe resource starts with: the phase, the conditions (a {@link Conditions#READY} one)
 * and the spec generation they describe. Each kind's status adds what its operator observed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class ResourceStatus {

    private Phase phase;
    private List<Condition> conditions = new ArrayList<>();
    private Long observedGeneration;

    public Phase getPhase() { return phase; }
    public void setPhase(Phase phase) { this.phase = phase; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
}
