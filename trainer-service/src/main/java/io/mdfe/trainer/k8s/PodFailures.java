package io.mdfe.trainer.k8s;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why a training pod cannot train, read from its status: the container was OOMKilled, its image cannot be
 * pulled, or no node fits it (Unschedulable, e.g. more GPUs than any node of the pool has).
 */
public final class PodFailures {

    /** Waiting reasons that mean the image will not arrive. */
    private static final Set<String> IMAGE_PULL = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName");

    private PodFailures() {
    }

    /**
     * A failure reason: a CamelCase reason and a message.
     *
     * @param reason OOMKilled, ImagePullBackOff, ErrImagePull, InvalidImageName or Unschedulable
     * @param message what Kubernetes said, naming the pod
     * @param since when Kubernetes says it began (an Unschedulable condition's lastTransitionTime), or null
     */
    public record Failure(String reason, String message, Instant since) {

        /** A failure whose start Kubernetes does not record. */
        public Failure(String reason, String message) {
            this(reason, message, null);
        }
    }

    /**
     * @param pods a Job's pods
     * @return the failure of the newest pod that has one
     */
    public static Optional<Failure> of(List<Pod> pods) {
        return pods.stream()
                .sorted((a, b) -> b.getMetadata().getCreationTimestamp() == null || a.getMetadata().getCreationTimestamp() == null ? 0
                        : b.getMetadata().getCreationTimestamp().compareTo(a.getMetadata().getCreationTimestamp()))
                .map(PodFailures::of).flatMap(Optional::stream).findFirst();
    }

    /**
     * @param pod a pod
     * @return its failure, if it has one
     */
    public static Optional<Failure> of(Pod pod) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        String name = pod.getMetadata().getName();
        for (ContainerStatus c : Optional.ofNullable(pod.getStatus().getContainerStatuses()).orElse(List.of())) {
            var terminated = c.getState() == null ? null : c.getState().getTerminated();
            if (terminated == null && c.getLastState() != null) {
                terminated = c.getLastState().getTerminated();
            }
            if (terminated != null && "OOMKilled".equals(terminated.getReason())) {
                return Optional.of(new Failure("OOMKilled", "pod " + name + ": container " + c.getName()
                        + " was killed for using more memory than its limit"));
            }
            var waiting = c.getState() == null ? null : c.getState().getWaiting();
            if (waiting != null && IMAGE_PULL.contains(waiting.getReason())) {
                return Optional.of(new Failure(waiting.getReason(), "pod " + name + ": image " + c.getImage()
                        + " cannot be pulled" + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage())));
            }
        }
        for (PodCondition condition : Optional.ofNullable(pod.getStatus().getConditions()).orElse(List.of())) {
            if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
                    && "Unschedulable".equals(condition.getReason())) {
                return Optional.of(new Failure("Unschedulable", "pod " + name + ": no node fits it"
                        + (condition.getMessage() == null ? "" : ": " + condition.getMessage()),
                        instant(condition.getLastTransitionTime())));
            }
        }
        return Optional.empty();
    }

    /** An RFC 3339 time as the API server writes it; null when absent or unreadable (the failure is then timed from when it is seen). */
    private static Instant instant(String time) {
        try {
            return time == null ? null : Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
