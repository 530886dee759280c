package io.mdfe.core.data.dataset;

/**
 * Bad dataset input: a missing or malformed annotation file, an unknown dataset name, an image path
 * outside the data root, an empty dataset, a class distribution that does not match. The message
 * is one line naming the file (and line or item) at fault and what is allowed.
 */
public final class DatasetException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Whether something is absent or present but unusable: services answer NOT_FOUND or FAILED_PRECONDITION. */
    public enum Kind {
        /** A folder, annotation file, split or dataset name that does not exist. */
        MISSING,
        /** Content that exists but cannot be used as it is. */
        MALFORMED
    }

    private final Kind kind;

    /** @param message one line naming the file, line/item and what is allowed */
    public DatasetException(String message) {
        this(Kind.MALFORMED, message, null);
    }

    /**
     * @param message one line naming the file, line/item and what is allowed
     * @param cause   the underlying failure
     */
    public DatasetException(String message, Throwable cause) {
        this(Kind.MALFORMED, message, cause);
    }

    private DatasetException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** An error for something that does not exist. */
    public static DatasetException missing(String message) {
        return new DatasetException(Kind.MISSING, message, null);
    }

    /** The same error with {@code context} put before its message, keeping its kind. */
    public DatasetException withContext(String context) {
        return new DatasetException(kind, context + getMessage(), this);
    }

    /** Whether the input is missing or malformed. */
    public Kind kind() {
        return kind;
    }
}
