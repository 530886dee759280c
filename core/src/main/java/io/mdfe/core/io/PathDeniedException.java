package io.mdfe.core.io;

/**
 * A path from outside leads out of the roots a {@link PathPolicy} allows. Its message names the field and
 * the path as given, never whether the path exists; services answer it with PERMISSION_DENIED.
 */
public class PathDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message names the field and the path as given */
    public PathDeniedException(String message) {
        super(message);
    }
}
