package io.mdfe.eval.grpc;

/** A request the service refuses; the message names the field, file, domain or split at fault. */
public final class RequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Which gRPC status the refusal becomes. */
    public enum Reason {
        /** The request itself is wrong: a malformed field, an unknown name, a path outside the allowed root. */
        INVALID_ARGUMENT,
        /** The request is well formed but names something absent or unusable: a bundle, a data root, a file. */
        FAILED_PRECONDITION
    }

    private final Reason reason;

    /**
     * @param reason the status it becomes
     * @param message starts with the request field at fault
     */
    public RequestException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** {@return the status it becomes} */
    public Reason reason() {
        return reason;
    }
}
