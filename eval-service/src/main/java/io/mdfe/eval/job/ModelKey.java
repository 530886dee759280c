package io.mdfe.eval.job;

/**
 * A model checkpoint, as its bundle manifest names it: checkpoint evaluations are deduplicated on it.
 *
 * @param modelId the model (run) id
 * @param version the checkpoint version, e.g. {@code step-1200}
 */
public record ModelKey(String modelId, String version) {

    @Override
    public String toString() {
        return modelId + "@" + version;
    }
}
