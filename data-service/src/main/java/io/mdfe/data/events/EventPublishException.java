package io.mdfe.data.events;

import io.grpc.Status;
import io.mdfe.service.common.grpc.ServiceException;

/**
 * The broker did not acknowledge a dataset event; the registration itself is already saved. UNAVAILABLE, so
 * the client may retry: the broker being away is transient.
 */
public class EventPublishException extends ServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param datasetId the dataset whose event was lost
     * @param cause the send failure or timeout
     */
    public EventPublishException(String datasetId, Throwable cause) {
        super(Status.Code.UNAVAILABLE, "the registration of '" + datasetId
                + "' is saved but its event was not acknowledged by Kafka: " + cause, cause);
    }
}
