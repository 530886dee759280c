package io.mdfe.data.dataset;

/** A dataset directory could not be read; the message names the file (and line) at fault. */
public class DatasetReadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, so callers can tell a client "not there" from "there but broken". */
    public enum Problem {
        /** The root or an annotation file does not exist. */
        MISSING,
        /** An annotation file exists but cannot be used as it is. */
        MALFORMED
    }

    private final Problem problem;

    /**
     * Creates the exception.
     *
     * @param problem what kind of failure
     * @param message names the file at fault
     * @param cause the underlying failure, or null
     */
    public DatasetReadException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    /**
     * What kind of failure this is.
     *
     * @return the problem
     */
    public Problem problem() {
        return problem;
    }
}
