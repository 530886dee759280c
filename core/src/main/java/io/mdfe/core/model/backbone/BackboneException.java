package io.mdfe.core.model.backbone;

/**
 * A backbone could not be built or loaded: unknown type, missing or inconsistent files, or a
 * spec that does not match the exported model. The message names the key or file at fault.
 */
public class BackboneException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the key/file/field and what is allowed
     */
    public BackboneException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the key/file/field and what is allowed
     * @param cause the underlying failure
     */
    public BackboneException(String message, Throwable cause) {
        super(message, cause);
    }
}
