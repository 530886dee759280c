package io.mdfe.eval.job;

/** A submission found the queue at its capacity; the client may retry later. */
public final class QueueFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param capacity how many jobs may wait */
    QueueFullException(int capacity) {
        super("the evaluation queue is full (" + capacity + " jobs waiting); retry later");
    }
}
