package io.mdfe.embedder.model;

import io.grpc.Status;
import io.mdfe.embedder.FileLocations;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves the bundle locations of LoadModel and CheckpointSaved events. */
public final class BundleUris {

    private BundleUris() {
    }

    /**
     * {@return the bundle directory {@code location} names}
     *
     * @param location {@code file:///abs/path} or {@code /abs/path}
     * @throws ModelLoadException INVALID_ARGUMENT for a malformed location, NOT_FOUND when no directory is there
     */
    public static Path resolve(String location) {
        Path dir;
        try {
            dir = FileLocations.toPath(location);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(Status.Code.INVALID_ARGUMENT, "bundle_uri: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException(Status.Code.NOT_FOUND, "bundle_uri '" + location + "': no bundle directory at " + dir, null);
        }
        return dir;
    }
}
