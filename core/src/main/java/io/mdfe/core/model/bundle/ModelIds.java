package io.mdfe.core.model.bundle;

/**
 * Identifies a model checkpoint: which model (a training run or an imported foundation model) and
 * which version of it (e.g. {@code step-1200}). Embeddings and indexes record both, so vectors from
 * different models are never mixed.
 *
 * @param modelId the model's id
 * @param modelVersion the version within that model
 */
public record ModelIds(String modelId, String modelVersion) {

    /** Requires both parts to be non-blank file-name-safe text. */
    public ModelIds {
        for (String part : new String[] {modelId, modelVersion}) {
            if (part == null || !part.matches("[A-Za-z0-9._:+-]+")) {
                throw new IllegalArgumentException("model id and version must be non-empty [A-Za-z0-9._:+-], got '"
                        + part + "'");
            }
        }
    }
}
