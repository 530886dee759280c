package io.mdfe.core.data.image;

import java.io.IOException;

/** An image that could not be decoded: missing, truncated, corrupt or of an unsupported format. */
public final class ImageDecodeException extends IOException {

    private final String source;

    /** Creates the error for {@code source} (a path or item name) with a one-line reason. */
    public ImageDecodeException(String source, String reason, Throwable cause) {
        super(source + ": " + reason, cause);
        this.source = source;
    }

    /** The file or item that failed. */
    public String source() {
        return source;
    }
}
