package io.mdfe.embedder.batching;

import io.grpc.Status;

/** What became of one image of a request: an embedding, or the reason it has none. */
public sealed interface ItemResult {

    /**
     * The image was embedded.
     *
     * @param vector the embedding (L2-normalised when the request asked for it)
     */
    record Embedded(float[] vector) implements ItemResult {
    }

    /**
     * The image could not be embedded; the rest of its request is unaffected.
     *
     * @param code the gRPC status code
     * @param message the reason, starting with {@code images[<index>]: }
     */
    record Failed(Status.Code code, String message) implements ItemResult {
    }
}
