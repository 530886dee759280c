package io.mdfe.trainer;

/**
 * A request the trainer cannot serve, with the reason the gRPC layer turns into a status. The message names
 * the request field at fault.
 */
public class TrainerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of problem it is. */
    public enum Reason {
        /** The request itself is malformed. */
        INVALID_ARGUMENT,
        /** A run, recipe, dataset or directory it names does not exist. */
        NOT_FOUND,
        /** The request is well-formed but the state of the system does not allow it. */
        FAILED_PRECONDITION
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason the kind of problem
     * @param message what is wrong, starting with the field name
     */
    public TrainerException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return the kind of problem */
    public Reason reason() {
        return reason;
    }

    /**
     * Shorthand for an {@link Reason#INVALID_ARGUMENT}.
     *
     * @param message what is wrong, starting with the field name
     * @return the exception
     */
    public static TrainerException invalid(String message) {
        return new TrainerException(Reason.INVALID_ARGUMENT, message);
    }

    /**
     * Shorthand for a {@link Reason#NOT_FOUND}.
     *
     * @param message what is missing, starting with the field name
     * @return the exception
     */
    public static TrainerException notFound(String message) {
        return new TrainerException(Reason.NOT_FOUND, message);
    }
}
