package io.mdfe.cli.system;

/**
 * The system could not start: a busy port, or a process that exited or did not become healthy in time.
 * The message is one line naming the process (and its log file); everything already started has been stopped.
 */
public final class SystemStartException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming what failed */
    public SystemStartException(String message) {
        super(message);
    }
}
