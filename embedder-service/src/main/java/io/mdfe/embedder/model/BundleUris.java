package io.mdfe.embedder.model;

import io.grpc.Status;
import io.mdfe.embedder.FileLocations;
import io.mdfe.service.common.paths.ArtifactRoots;
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
        Path dir = parse(location);
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException(Status.Code.NOT_FOUND, "bundle_uri '" + location + "': no bundle directory at " + dir, null);
        }
        return dir;
    }

    /**
     * Checks that {@code location}, from a request or an event, names a path inside the artifact roots,
     * before anything is looked up there.
     *
     * @param field the request or event field, for the message
     * @param location {@code file:///abs/path} or {@code /abs/path}
     * @param roots the artifact roots
     * @throws ModelLoadException INVALID_ARGUMENT for a malformed location
     * @throws io.mdfe.service.common.grpc.ServiceException PERMISSION_DENIED outside the roots, whether or not
     *         the path exists
     */
    public static void confine(String field, String location, ArtifactRoots roots) {
        roots.confine(field, parse(location));
    }

    private static Path parse(String location) {
        try {
            return FileLocations.toPath(location);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(Status.Code.INVALID_ARGUMENT, "bundle_uri: " + e.getMessage(), e);
        }
    }
}
