package io.mdfe.core.index;

/**
 * What an index holds: vectors of one embedding model (id and version), of one width, compared with
 * one metric. Vectors or queries that do not match are refused.
 *
 * @param modelId the embedding model's id
 * @param modelVersion the model version (checkpoint) that made the vectors
 * @param dim vector width
 * @param metric the distance
 */
public record IndexSpec(String modelId, String modelVersion, int dim, Metric metric) {

    /** Requires a model id and version and a positive width. */
    public IndexSpec {
        if (modelId == null || modelId.isBlank() || modelVersion == null || modelVersion.isBlank()) {
            throw new IllegalArgumentException("an index needs the model id and version of its vectors");
        }
        if (dim < 1) {
            throw new IllegalArgumentException("index dimension must be >= 1, got " + dim);
        }
        if (metric == null) {
            throw new IllegalArgumentException("an index needs a metric");
        }
    }

    /**
     * Checks that vectors from {@code other} may go into (or query) this index.
     *
     * @throws IllegalArgumentException naming both specs
     */
    public void requireCompatible(IndexSpec other) {
        if (!modelId.equals(other.modelId) || !modelVersion.equals(other.modelVersion) || dim != other.dim
                || metric != other.metric) {
            throw new IllegalArgumentException("index holds " + this.describe() + " but got vectors of "
                    + other.describe());
        }
    }

    /** One line for messages: {@code model@version, 64-d, euclidean}. */
    public String describe() {
        return modelId + "@" + modelVersion + ", " + dim + "-d, " + metric.id();
    }
}
