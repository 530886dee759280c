package io.mdfe.data.events;

/** The broker did not acknowledge a dataset event; the registration itself is already saved. */
public class EventPublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param datasetId the dataset whose event was lost
     * @param cause the send failure or timeout
     */
    public EventPublishException(String datasetId, Throwable cause) {
        super("the registration of '" + datasetId + "' is saved but its event was not acknowledged by Kafka: "
                + cause, cause);
    }
}
