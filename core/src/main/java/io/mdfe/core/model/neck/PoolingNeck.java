package io.mdfe.core.model.neck;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The {@code pooling} neck: PyTorch's 1-D adaptive average pooling of the length-D feature vector
 * down to E = {@code embedding_dim} bins. Bin i averages elements floor(i*D/E) .. ceil((i+1)*D/E)-1.
 *
 * <p>It has no parameters. The pooling is a fixed D x E averaging matrix, so it runs as one matmul
 * and gradients pass through it unchanged.
 */
public final class PoolingNeck extends AbstractBlock {

    /** The upstream {@code MODEL.NECK.neck_type} name. */
    public static final String NAME = "pooling";

    private final int inputDim;
    private final int embeddingDim;
    private final float[] poolMatrix;

    /** Creates the neck for {@code spec.inputDim()} features and {@code spec.embeddingDim()} bins. */
    public PoolingNeck(NeckSpec spec) {
        if (spec.embeddingDim() > spec.inputDim()) {
            throw new IllegalArgumentException("MODEL.embedding_dim (" + spec.embeddingDim()
                    + ") must not exceed MODEL.BACKBONE.output_dim (" + spec.inputDim() + ") for the pooling neck");
        }
        this.inputDim = spec.inputDim();
        this.embeddingDim = spec.embeddingDim();
        this.poolMatrix = averagingMatrix(inputDim, embeddingDim);
    }

    /** Row-major D x E matrix whose column i holds 1/len over bin i's input range. */
    static float[] averagingMatrix(int inputDim, int bins) {
        float[] matrix = new float[inputDim * bins];
        for (int i = 0; i < bins; i++) {
            int start = Math.floorDiv(i * inputDim, bins);
            int end = -Math.floorDiv(-(i + 1) * inputDim, bins);
            float weight = 1f / (end - start);
            for (int j = start; j < end; j++) {
                matrix[j * bins + i] = weight;
            }
        }
        return matrix;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray features = inputs.singletonOrThrow();
        if (features.getShape().get(1) != inputDim) {
            throw new IllegalArgumentException("pooling neck expects " + inputDim
                    + " backbone features (MODEL.BACKBONE.output_dim), got " + features.getShape());
        }
        NDArray pool = features.getManager().create(poolMatrix, new Shape(inputDim, embeddingDim))
                .toType(features.getDataType(), false);
        return new NDList(features.matMul(pool));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), embeddingDim)};
    }
}
