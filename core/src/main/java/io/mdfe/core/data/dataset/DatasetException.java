package io.mdfe.core.data.dataset;

/**
 * Bad dataset input: a missing or malformed annotation file, an unknown dataset name, an image path
 * outside the data root, an empty dataset, a class distribution that does not match. The message
 * is one line naming the file (and line or item) at fault and what is allowed.
 */
public final class DatasetException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file, line/item and what is allowed */
    public DatasetException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file, line/item and what is allowed
     * @param cause   the underlying failure
     */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
