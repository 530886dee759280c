package io.mdfe.embedder;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The one way the service reads file locations from requests and events: {@code file:///abs/path} or {@code /abs/path}. */
public final class FileLocations {

    private FileLocations() {
    }

    /**
     * {@return the normalised absolute path {@code location} names}
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Path toPath(String location) {
        if (location.isBlank()) {
            throw new IllegalArgumentException("empty location");
        }
        if (location.startsWith("/")) {
            return Path.of(location).normalize();
        }
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + location + "' is not a URI: " + e.getMessage(), e);
        }
        if (!"file".equals(uri.getScheme()) || uri.getPath() == null || !uri.getPath().startsWith("/")) {
            throw new IllegalArgumentException("'" + location + "': expected file:///absolute/path or /absolute/path");
        }
        return Path.of(uri).normalize();
    }
}
