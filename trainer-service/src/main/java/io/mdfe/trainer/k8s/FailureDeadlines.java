package io.mdfe.trainer.k8s;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pod failures that fail a run, and how long each may last first: zero for one no wait can mend (an image name
 * that cannot exist). An image pull error may be a registry outage; a pod no node fits may be waiting for a
 * cluster autoscaler to add a GPU node (minutes on GKE or EKS, where GPU pools often scale from zero). Neither
 * counts a Job restart, so without a deadline such a run would wait forever. A wait is timed from when the
 * failure was first seen, or from when Kubernetes says it began if that is earlier (an Unschedulable condition's
 * lastTransitionTime survives an operator restart; an image pull error's start is not recorded, so that wait
 * starts anew after a restart). It starts again when the reason changes (the pod was scheduled, then its image
 * failed).
 */
final class FailureDeadlines {

    /**
     * How one failure reason is waited out.
     *
     * @param field the spec field a user changes when the wait ends in failure
     * @param deadline how long the failure may last; zero fails at once
     */
    record Rule(String field, Duration deadline) {
    }

    /**
     * How a run's current failure stands against its deadline.
     *
     * @param expired whether the deadline passed (the run is then failed)
     * @param field the spec field to name when it did
     * @param note what the status adds to the failure's message: when the run will fail, or how long it waited
     */
    record Verdict(boolean expired, String field, String note) {
    }

    private record Since(String reason, Instant at) {
    }

    private final Map<String, Rule> rules;
    private final Clock clock;
    private final Map<String, Since> since = new ConcurrentHashMap<>();

    /**
     * @param rules by failure reason
     * @param clock when failures are first seen
     */
    FailureDeadlines(Map<String, Rule> rules, Clock clock) {
        this.rules = Map.copyOf(rules);
        this.clock = clock;
    }

    /**
     * @param reason a failure reason
     * @return whether failures of that reason are waited out here
     */
    boolean covers(String reason) {
        return rules.containsKey(reason);
    }

    /**
     * Records that a run's pod fails with {@code reason} now and says how that stands.
     *
     * @param runId the run
     * @param reason a reason this {@link #covers(String)}
     * @param reported when Kubernetes says the failure began, or null: an earlier time counts, so a restarted
     *        operator does not start the wait anew
     * @return waiting, or expired (the record is then dropped)
     */
    Verdict seen(String runId, String reason, Instant reported) {
        Rule rule = rules.get(reason);
        Instant now = clock.instant();
        Instant first = since.compute(runId, (id, s) -> s != null && s.reason().equals(reason) ? s : new Since(reason, now))
                .at();
        if (reported != null && reported.isBefore(first)) {
            first = reported;
        }
        long seconds = rule.deadline().toSeconds();
        if (now.isBefore(first.plus(rule.deadline()))) {
            return new Verdict(false, rule.field(), "; the run fails if this lasts " + seconds + " s");
        }
        since.remove(runId);
        return new Verdict(true, rule.field(), rule.deadline().isZero() ? "" : " (for " + seconds + " s)");
    }

    /**
     * Forgets a run's failure: its pod no longer fails, or the run ended.
     *
     * @param runId the run
     */
    void clear(String runId) {
        since.remove(runId);
    }
}
