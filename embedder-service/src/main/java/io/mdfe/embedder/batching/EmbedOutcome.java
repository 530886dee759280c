package io.mdfe.embedder.batching;

import java.util.List;

/**
 * The result of one request: every item embedded by the same model, named here.
 *
 * @param modelId the model's id
 * @param version the model's version
 * @param items one result per request image, in request order
 */
public record EmbedOutcome(String modelId, String version, List<ItemResult> items) {

    /** Copies the item list. */
    public EmbedOutcome {
        items = List.copyOf(items);
    }
}
