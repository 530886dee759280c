package io.mdfe.core.model.neck;

/**
 * What a neck is built from: its upstream type name, the backbone's feature width, the embedding
 * width and the dropout probability (used by {@code proj_layer} only).
 *
 * @param neckType {@code MODEL.NECK.neck_type}
 * @param inputDim backbone output width ({@code MODEL.BACKBONE.output_dim})
 * @param embeddingDim {@code MODEL.embedding_dim}
 * @param dropout {@code MODEL.NECK.dropout}, in [0, 1)
 */
public record NeckSpec(String neckType, int inputDim, int embeddingDim, float dropout) {

    /** Checks the widths and the dropout probability, naming the config key on failure. */
    public NeckSpec {
        if (inputDim < 1) {
            throw new IllegalArgumentException("MODEL.BACKBONE.output_dim must be >= 1, got " + inputDim);
        }
        if (embeddingDim < 1) {
            throw new IllegalArgumentException("MODEL.embedding_dim must be >= 1, got " + embeddingDim);
        }
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("MODEL.NECK.dropout must be in [0, 1), got " + dropout);
        }
    }
}
