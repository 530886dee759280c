package io.mdfe.k8s.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * One status condition, in the shape of Kubernetes' {@code metav1.Condition}: a type, its status, a machine
 * reason (CamelCase, e.g. {@code OOMKilled}, {@code InvalidSpec}) and a human message.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {

    /** Condition status values. */
    public enum Status { True, False, Unknown }

    @Required
    private String type;
    @Required
    private Status status;
    private String reason;
    private String message;
    /** RFC 3339 time of the last change of {@link #status}. */
    private String lastTransitionTime;
    private Long observedGeneration;

    /** For Jackson. */
    public Condition() {
    }

    /**
     * @param type the condition type, e.g. Ready
     * @param status its status
     * @param reason a CamelCase reason
     * @param message a human-readable message
     * @param lastTransitionTime RFC 3339 time
     * @param observedGeneration the spec generation it describes
     */
    public Condition(String type, Status status, String reason, String message, String lastTransitionTime,
                     Long observedGeneration) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
        this.lastTransitionTime = lastTransitionTime;
        this.observedGeneration = observedGeneration;
    }

    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public Status getStatus() { return status; }
    public void setStatus(Status status) { this.status = status; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public String getLastTransitionTime() { return lastTransitionTime; }
    public void setLastTransitionTime(String lastTransitionTime) { this.lastTransitionTime = lastTransitionTime; }
    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }

    /** @return whether the two say the same thing, ignoring the transition time */
    public boolean sameAs(Condition other) {
        return other != null && Objects.equals(type, other.type) && status == other.status
                && Objects.equals(reason, other.reason) && Objects.equals(message, other.message)
                && Objects.equals(observedGeneration, other.observedGeneration);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c && sameAs(c) && Objects.equals(lastTransitionTime, c.lastTransitionTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, reason, message, observedGeneration);
    }
}
