package io.mdfe.core.model.bundle;

/** A bundle that cannot be written or read; the message names the bundle file and field at fault. */
public final class BundleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file/field and what was expected */
    public BundleException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file/field and what was expected
     * @param cause the underlying failure
     */
    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
