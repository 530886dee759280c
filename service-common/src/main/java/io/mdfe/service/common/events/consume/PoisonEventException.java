package io.mdfe.service.common.events.consume;

/**
 * An event that can never be applied, however often it is retried: it names a dataset, bundle or checkpoint
 * that does not exist, or breaks the contract. It goes to the dead-letter topic at once, with this message as
 * the cause header.
 */
public class PoisonEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong with the event, naming the field and value
     */
    public PoisonEventException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong with the event
     * @param cause the underlying failure
     */
    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
