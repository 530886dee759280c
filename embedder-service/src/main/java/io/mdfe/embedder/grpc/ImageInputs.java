package io.mdfe.embedder.grpc;

import io.grpc.Status;
import io.mdfe.core.data.image.ImageDecoder;
import io.mdfe.embedder.FileLocations;
import io.mdfe.embedder.batching.ImageInput;
import io.mdfe.embedder.batching.ItemException;
import io.mdfe.proto.common.ImageRef;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Turns request {@link ImageRef}s into {@link ImageInput}s: inline bytes are decoded as they are; URIs
 * are resolved on the worker thread and must lie under the allowed image root after symbolic links and
 * {@code ..} are resolved, so a request cannot read files elsewhere.
 */
final class ImageInputs {

    private final Path allowedRoot;
    private final long maxPixels;

    ImageInputs(Path allowedRoot, long maxPixels) {
        this.allowedRoot = allowedRoot.toAbsolutePath().normalize();
        this.maxPixels = maxPixels;
    }

    ImageInput of(ImageRef ref) {
        return switch (ref.getSourceCase()) {
            case DATA -> {
                byte[] bytes = ref.getData().toByteArray();
                yield () -> ImageDecoder.decode(bytes, "inline image", maxPixels);
            }
            case URI -> {
                String uri = ref.getUri();
                yield () -> ImageDecoder.decode(resolve(uri), maxPixels);
            }
            case SOURCE_NOT_SET -> () -> {
                throw new ItemException(Status.Code.INVALID_ARGUMENT, "neither data nor uri is set");
            };
        };
    }

    private Path resolve(String uri) {
        Path path;
        try {
            path = FileLocations.toPath(uri);
        } catch (IllegalArgumentException e) {
            throw new ItemException(Status.Code.INVALID_ARGUMENT, "uri: " + e.getMessage());
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            // Checked against the root first, so a probe cannot learn what exists outside it.
            throw path.startsWith(allowedRoot) ? new ItemException(Status.Code.NOT_FOUND, "uri: no file " + path)
                    : outside(path);
        } catch (IOException e) {
            throw new ItemException(Status.Code.INVALID_ARGUMENT, "uri: cannot read " + path + ": " + e.getMessage());
        }
        Path root;
        try {
            root = allowedRoot.toRealPath();
        } catch (IOException e) {
            throw new ItemException(Status.Code.FAILED_PRECONDITION, "the allowed image root " + allowedRoot + " does not exist");
        }
        if (!real.startsWith(root)) {
            throw outside(path);
        }
        return real;
    }

    private ItemException outside(Path path) {
        return new ItemException(Status.Code.INVALID_ARGUMENT, "uri: " + path + " is outside the allowed image root " + allowedRoot);
    }
}
