package io.mdfe.trainer.run;

/**
 * A checkpoint a run's worker wrote.
 *
 * @param step completed steps
 * @param epoch epoch of its last step, 1-based
 * @param bundleUri file:// URI of the inference bundle
 * @param embeddingDim width of the bundle's embeddings
 */
public record CheckpointRecord(long step, int epoch, String bundleUri, int embeddingDim) {

    /** @return the version of the ModelRef {@code (run's model id, version)} naming this checkpoint */
    public String modelVersion() {
        return "step-" + step;
    }
}
