package io.mdfe.data.catalog;

/**
 * A request the catalog cannot serve; the message names the request field or the file at fault. The gRPC
 * layer maps {@link #reason()} one-to-one onto a status code.
 */
public class CatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the request failed. */
    public enum Reason {
        /** The request itself is wrong, whatever the state (bad id, path outside the data root). */
        INVALID_ARGUMENT,
        /** A dataset, version, directory or file the request names does not exist. */
        NOT_FOUND,
        /** The request is well-formed but the data or the catalog's state does not allow it. */
        FAILED_PRECONDITION
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the request failed
     * @param message names the field or file at fault
     */
    public CatalogException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * Why the request failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
