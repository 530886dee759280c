package io.mdfe.eval.job;

import io.grpc.Status;
import io.mdfe.service.common.grpc.ServiceException;

/** A submission found the queue at its capacity; the client may retry later (RESOURCE_EXHAUSTED). */
public final class QueueFullException extends ServiceException {

    private static final long serialVersionUID = 1L;

    /** @param capacity how many jobs may wait */
    QueueFullException(int capacity) {
        super(Status.Code.RESOURCE_EXHAUSTED,
                "the evaluation queue is full (" + capacity + " jobs waiting); retry later");
    }
}
