package io.mdfe.core.data.pipeline;

import java.nio.file.Path;

/**
 * An image left out of its batch because it could not be decoded.
 *
 * @param index the item's index in the pipeline's file list
 * @param path the file
 * @param reason one line: missing, corrupt, unsupported format, ...
 */
public record SkippedImage(int index, Path path, String reason) {
}
