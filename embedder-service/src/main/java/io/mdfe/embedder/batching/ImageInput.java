package io.mdfe.embedder.batching;

import io.mdfe.core.data.image.ImageDecodeException;
import io.mdfe.core.data.image.RgbImage;

/** Where one image of a request comes from; read and decoded on a worker thread, never on the caller's. */
@FunctionalInterface
public interface ImageInput {

    /**
     * Reads and decodes the image.
     *
     * @return the decoded image
     * @throws ImageDecodeException when the bytes are not a readable image (INVALID_ARGUMENT)
     * @throws ItemException when the image cannot be fetched, with the status code to report
     */
    RgbImage read() throws ImageDecodeException;
}
