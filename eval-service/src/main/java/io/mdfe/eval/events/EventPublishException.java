package io.mdfe.eval.events;

/** Kafka did not acknowledge an EvaluationEvent in time. */
public final class EventPublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param evaluationId the evaluation the event announces
     * @param cause the broker failure or timeout
     */
    EventPublishException(String evaluationId, Throwable cause) {
        super("EvaluationCompleted of evaluation " + evaluationId + " was not acknowledged by Kafka: "
                + cause.getMessage(), cause);
    }
}
